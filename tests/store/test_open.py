"""Opening databases: new files, foreign and damaged files, newer schemas."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from hubtui.errors import DatabaseError
from hubtui.store import open_store
from hubtui.store.migrate import head_revision


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_wal_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "new" / "hub.db"
    store = open_store(path)
    try:
        with store.read() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert rev == head_revision()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert store.origin
    finally:
        store.close()


def test_device_id_is_stable(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    first = open_store(path)
    origin = first.origin
    first.close()
    again = open_store(path)
    assert again.origin == origin
    again.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        # the same bytes every run: test ids must agree between pytest-xdist's workers
        (random.Random(4096).randbytes(4096), "not a hubtui database"),
        (b"name,orgnr\nAcme,5560360793\n", "not a hubtui database"),
    ],
    ids=["empty", "random bytes", "csv"],
)
def test_files_that_are_not_databases_are_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(DatabaseError, match=message):
        open_store(path)
    assert _digest(path) == before


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO recipes (name) VALUES ('kanelbullar')")
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseError, match="another program"):
        open_store(path)
    assert _digest(path) == before


def test_newer_database_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "hub.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    store = open_store(path)
    try:
        assert store.read_only
        assert store.notice is not None and "newer hubtui" in str(store.notice)
        with store.read() as conn:  # reading still works
            assert conn.execute(text("SELECT count(*) FROM organisation")).scalar() == 0
        with pytest.raises(DatabaseError, match="read-only"), store.write() as w:
            w.insert("organisation", {"name": "Not written AB"})
    finally:
        store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM change").fetchone() == (0,)
    conn.close()


def test_missing_database_without_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no database"):
        open_store(tmp_path / "absent.db", create=False)


def test_folder_given_as_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="folder"):
        open_store(tmp_path)


def test_newer_database_message_is_said_once_on_the_command_line(run_cli, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    open_store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    written = run_cli("org", "add", "--name", "Not written AB")
    assert written.exit_code == 2
    assert written.stderr.count("newer hubtui") == 1, written.stderr
    listed = run_cli("org", "list")
    assert listed.exit_code == 0 and listed.stderr.count("newer hubtui") == 1


def test_leftover_copies_of_a_killed_restore_are_removed_and_said(db_path: Path) -> None:
    open_store(db_path).close()
    dead = 2**22 + 12345  # above Linux's default pid_max: no such process
    leftover = db_path.with_name(f".{db_path.name}.restoring-{dead}")
    leftover.write_bytes(db_path.read_bytes())
    db_path.with_name(f"{leftover.name}-wal").write_bytes(b"")
    backups = db_path.parent / "backups"
    backups.mkdir()
    partial = backups / f".{db_path.stem}-20260101-101010-manual.db.partial-{dead}"
    partial.write_bytes(b"SQLite format 3\x00")
    alive = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")  # being written now
    alive.write_bytes(b"")
    store = open_store(db_path)
    store.close()
    assert store.notes == (
        f"Removed 2 copies of the database left by an interrupted restore or backup "
        f"({leftover.name}, {partial.name}); they held personal data.",
    )
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith(".")) == [
        alive.name
    ]
    assert list(backups.iterdir()) == []
    store = open_store(db_path)
    store.close()
    assert store.notes == ()
