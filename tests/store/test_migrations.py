"""Migrations: upgrade after a backup, and the SQLite foreign-key cascade trap."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from hubtui.store import migrate, open_store
from hubtui.store.engine import make_engine, sqlite_url

# A later revision that rebuilds the parent table `organisation` (as any batch ALTER on SQLite
# does) while `contact` and `activity_organisation` rows point at it.
EXTRA_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisation", recreate="always") as batch:
        batch.add_column(sa.Column("linkedin", sa.String(), nullable=True))


def downgrade():
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("linkedin")
"""


def _use_newer_migrations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, folder)
    extra = EXTRA_REVISION.replace("{head}", migrate.head_revision())
    (folder / "versions" / "9001_rebuild_organisation.py").write_text(extra)
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)
    migrate._config.cache_clear()


def _seed(path: Path) -> None:
    store = open_store(path)
    with store.write() as w:
        org = w.insert("organisation", {"name": "Västerås Svets AB"})
        w.insert("contact", {"name": "Eva Ek", "organisation_id": org})
        project = w.insert(
            "project",
            {
                "code": "KAIM",
                "name": "K",
                "start": dt.date(2025, 3, 1),
                "end": dt.date(2028, 2, 28),
            },
        )
        act = w.insert(
            "activity", {"project_id": project, "type": "visit", "date": dt.date(2026, 1, 5)}
        )
        w.insert("activity_organisation", {"activity_id": act, "organisation_id": org})
    store.close()


def _counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("organisation", "contact", "activity_organisation")
        )
    finally:
        conn.close()


def test_upgrade_from_older_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "hub.db"
    head = migrate.head_revision()
    _seed(path)  # written at the current head
    _use_newer_migrations(tmp_path, monkeypatch)
    try:
        store = open_store(path)
        with store.read() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9001"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        store.close()
    finally:
        migrate._config.cache_clear()
    assert _counts(path) == (1, 1, 1)
    backups = list((tmp_path / "backups").glob(f"hub-*-before-{head}.db"))
    assert len(backups) == 1
    assert _counts(backups[0]) == (1, 1, 1)


def test_cascade_trap_is_real_with_foreign_keys_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the same rebuild with foreign keys left ON fails or loses rows, which is
    why `migrate.upgrade` switches them off first."""
    path = tmp_path / "hub.db"
    _seed(path)
    _use_newer_migrations(tmp_path, monkeypatch)
    monkeypatch.setattr(migrate, "_raw_pragma", lambda conn, pragma: None)  # leave FKs on
    engine = make_engine(sqlite_url(path))
    try:
        with pytest.raises(Exception, match=r"(?i)foreign key"):
            migrate.upgrade(engine)
    finally:
        engine.dispose()
        migrate._config.cache_clear()
    assert _counts(path) == (1, 1, 1)  # the failed migration rolled back


def test_revisions_read_from_headers_match_alembic() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate._config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in scripts.walk_revisions()}


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_store(tmp_path / "hub.db").close()
    code = (
        "import sys; from hubtui.store import open_store; "
        f"open_store({str(tmp_path / 'hub.db')!r}).close(); "
        "print(any(m == 'alembic' or m.startswith('alembic.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_migrated_indexes_are_the_models_indexes(tmp_path: Path) -> None:
    from hubtui.store.models import SQLModel

    open_store(tmp_path / "hub.db").close()
    conn = sqlite3.connect(tmp_path / "hub.db")
    try:
        found = {
            (table, name)
            for name, table in conn.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' "
                "AND name NOT LIKE 'sqlite_autoindex%'"
            )
        }
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "sqlite_stat1" in tables  # the migration gathered the planner's statistics
    finally:
        conn.close()
    declared = {
        (table.name, index.name)
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
    }
    assert found == declared
    assert not any(name.endswith("_deleted") for _, name in found)
