"""Backups and restores: private files, rotation, daily backups, checked and atomic restores."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from safety_data import Filled, checkpoint, sha256
from sqlalchemy import text

from hubtui.errors import DatabaseError, UserError
from hubtui.paths import backups_dir
from hubtui.safety.restore import check_backup_file, restore_database
from hubtui.services.organisations import add_organisation, search_organisations
from hubtui.store import open_store
from hubtui.store.backups import (
    backup_database,
    daily_backup,
    latest_backup,
    list_backups,
    rotate_backups,
)

RunCli = Callable[..., Result]


def org_names(db: Path) -> list[str]:
    store = open_store(db)
    try:
        return sorted(o.name for o in search_organisations(store))
    finally:
        store.close()


def test_backup_is_private_and_consistent_while_another_writes(filled: Filled) -> None:
    writer = sqlite3.connect(filled.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a write in progress does not stop a backup
    writer.execute("UPDATE organisation SET notes = 'half done'")
    try:
        made = backup_database(filled.path)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(backups_dir(filled.path).stat().st_mode) == 0o700
    assert check_backup_file(made)
    assert org_names(made) == ["Exempel AB", "Mälarenergi AB"]


def test_backup_command_and_list(run_cli: RunCli, filled: Filled, tmp_path: Path) -> None:
    result = run_cli("backup")
    assert result.exit_code == 0, result.output
    out = tmp_path / "copy.db"
    assert run_cli("backup", "--out", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = run_cli("backup", "--out", str(out))
    assert again.exit_code == 2 and "already exists" in again.stderr
    listed = json.loads(run_cli("backup", "list", "--format", "json").stdout)
    assert [row["reason"] for row in listed] == ["manual"]  # --out files are the user's own


def test_rotation_keeps_the_newest(filled: Filled) -> None:
    made = [backup_database(filled.path, reason=f"r{n}") for n in range(4)]
    removed = rotate_backups(filled.path, 2)
    assert sorted(removed) == sorted(made[:2])
    assert [info.path for info in list_backups(filled.path)] == made[:1:-1]


def test_daily_backup_once_a_day_on_open(filled: Filled) -> None:
    store = open_store(filled.path, backups_keep=3)
    store.close()
    first = latest_backup(filled.path)
    assert first is not None and first.reason == "daily"
    assert daily_backup(filled.path, 3) is None  # already one today
    old = first.path.with_name(
        first.path.name.replace(first.taken_at.strftime("%Y%m%d"), "20200101")
    )
    first.path.rename(old)  # pretend it was taken long ago
    open_store(filled.path, backups_keep=3).close()
    assert [info.reason for info in list_backups(filled.path)] == ["daily", "daily"]


def test_restore_round_trip(run_cli: RunCli, filled: Filled) -> None:
    backup = backup_database(filled.path)
    store = open_store(filled.path)
    add_organisation(store, name="Efter Backup AB")
    store.close()
    assert "Efter Backup AB" in org_names(filled.path)

    result = run_cli("restore", str(backup))
    assert result.exit_code == 0, result.output
    assert org_names(filled.path) == ["Exempel AB", "Mälarenergi AB"]
    kept = [i for i in list_backups(filled.path) if i.reason == "before-restore"]
    assert len(kept) == 1 and "Efter Backup AB" in org_names(kept[0].path)
    assert stat.S_IMODE(filled.path.stat().st_mode) == 0o600
    conn = sqlite3.connect(filled.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_restore_continues_as_a_new_device_with_its_clock(filled: Filled, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    open_store(other).close()  # a database of another device
    store = open_store(filled.path)
    device = store.origin
    with store.read() as conn:
        clock = conn.execute(text("SELECT value FROM local_state WHERE key = 'hlc'")).scalar()
    store.close()
    restore_database(filled.path, other)
    store = open_store(filled.path)
    assert store.notice is None  # the restore said so itself
    with store.read() as conn:
        state = dict(conn.execute(text("SELECT key, value FROM local_state")).all())
    store.close()
    assert store.origin not in ("", device) and device in state["device.previous"].split(",")
    assert state["hlc"] >= clock


def test_restore_refuses_bad_files_and_changes_nothing(filled: Filled, tmp_path: Path) -> None:
    before = sha256(filled.path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatabaseError, match="not a hubtui database"):
        restore_database(filled.path, junk)
    newer = backup_database(filled.path, tmp_path / "newer.db")
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="newer hubtui"):
        restore_database(filled.path, newer)
    with pytest.raises(UserError, match="no backup file"):
        restore_database(filled.path, tmp_path / "missing.db")
    with pytest.raises(UserError, match="the database itself"):
        restore_database(filled.path, filled.path)
    checkpoint(filled.path)
    assert sha256(filled.path) == before
    assert list_backups(filled.path) == []


def test_restore_over_a_damaged_database(run_cli: RunCli, filled: Filled) -> None:
    backup = backup_database(filled.path)
    data = bytearray(filled.path.read_bytes())
    data[4096 : 4096 * 8] = b"\xee" * (4096 * 7)
    filled.path.write_bytes(bytes(data))
    broken = run_cli("org", "list")
    assert broken.exit_code == 2 and str(backup) in broken.stderr

    result = run_cli("restore", str(backup))
    assert result.exit_code == 0, result.output
    assert org_names(filled.path) == ["Exempel AB", "Mälarenergi AB"]
    damaged = [i for i in list_backups(filled.path) if i.reason == "damaged"]
    assert len(damaged) == 1 and damaged[0].path.read_bytes() == bytes(data)


def test_backup_refuses_a_server_database(run_cli: RunCli) -> None:
    result = run_cli("backup", db="postgresql://nobody@127.0.0.1:1/none")
    assert result.exit_code == 2 and "pg_dump" in result.stderr


def test_backup_names_sort_by_time(filled: Filled) -> None:
    made = backup_database(filled.path)
    info = latest_backup(filled.path)
    assert info is not None and info.path == made
    assert abs(info.taken_at - dt.datetime.now()) < dt.timedelta(minutes=1)


def test_restore_of_an_older_schema_is_upgraded_before_it_goes_live(
    filled: Filled, tmp_path: Path
) -> None:
    from alembic import command

    from hubtui.store import migrate
    from hubtui.store.engine import make_engine, sqlite_url

    first = sorted(migrate.known_revisions())[0]
    if first == migrate.head_revision():
        pytest.skip("there is only one schema revision so far")
    old = tmp_path / "old.db"
    engine = make_engine(sqlite_url(old))
    with engine.connect() as conn:  # a database as the first hubtui release left it
        config = migrate._config()
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, first)
        finally:
            config.attributes.pop("connection", None)
        conn.commit()
    engine.dispose()

    result = restore_database(filled.path, old)
    assert result.revision == first
    conn = sqlite3.connect(filled.path)
    live = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    conn.close()
    assert live == migrate.head_revision()  # an open hubtui finds the schema it knows
    assert org_names(filled.path) == []
    assert [i.reason for i in list_backups(filled.path)] == ["before-restore"]
