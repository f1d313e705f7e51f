"""Every kind of bad database file gets one clear sentence, exit code 2, and stays untouched."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from safety_data import Filled, checkpoint, sha256

from hubtui.store import engine, open_store
from hubtui.store.backups import backup_database

RunCli = Callable[..., Result]


def assert_refused(result: Result, *phrases: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith("hubtui: ")
    assert len(message.splitlines()) == 1, message
    for phrase in phrases:
        assert phrase in message, message


def test_empty_file(run_cli: RunCli, db_path: Path) -> None:
    db_path.write_bytes(b"")
    result = run_cli("org", "list")
    assert_refused(result, "empty file")
    assert db_path.read_bytes() == b""


def test_random_bytes(run_cli: RunCli, db_path: Path) -> None:
    db_path.write_bytes(os.urandom(8192))
    before = sha256(db_path)
    assert_refused(run_cli("org", "list"), "not a SQLite file")
    assert sha256(db_path) == before


def test_truncated_database_names_the_latest_backup(run_cli: RunCli, filled: Filled) -> None:
    backup = backup_database(filled.path)
    data = filled.path.read_bytes()
    filled.path.write_bytes(data[: len(data) // 2])
    before = sha256(filled.path)
    assert_refused(run_cli("org", "list"), "is damaged", f"hubtui restore {backup}")
    assert sha256(filled.path) == before


def _corrupt_table(path: Path, table: str) -> None:
    """Overwrite the root page of one table with garbage, leaving the schema readable."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((root[0] - 1) * page_size)
        f.write(b"\xff\x13" * (page_size // 2))


def test_damage_found_only_by_a_query(run_cli: RunCli, filled: Filled) -> None:
    backup = backup_database(filled.path)  # also means no daily backup reads every page
    _corrupt_table(filled.path, "organisation")
    before = sha256(filled.path)
    assert_refused(run_cli("org", "list"), "is damaged", f"hubtui restore {backup}")
    assert_refused(run_cli("org", "add", "--name", "Ny AB"), "is damaged")
    assert sha256(filled.path) == before


def test_damage_without_a_backup_says_so(run_cli: RunCli, filled: Filled) -> None:
    _corrupt_table(filled.path, "organisation")
    before = sha256(filled.path)
    assert_refused(run_cli("org", "list"), "is damaged", "no backup")
    assert sha256(filled.path) == before


def test_foreign_sqlite_file(run_cli: RunCli, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('kanelbulle')")
    conn.commit()
    conn.close()
    before = sha256(db_path)
    assert_refused(run_cli("org", "list"), "another program")
    assert sha256(db_path) == before
    assert not Path(f"{db_path}-wal").exists()


def test_database_of_a_newer_hubtui_is_read_only(
    run_cli: RunCli, filled: Filled, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its notice comes once per command: when the command opens it, and not again when a
    change is refused for the same reason (English and Swedish)."""
    conn = sqlite3.connect(filled.path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    checkpoint(filled.path)
    before = sha256(filled.path)
    result = run_cli("org", "add", "--name", "Ny AB")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.count("newer hubtui") == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1
    result = run_cli("org", "list")  # reading works, and says so once
    assert result.exit_code == 0 and "Exempel AB" in result.stdout
    assert result.stderr.count("newer hubtui") == 1, result.stderr
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    result = run_cli("org", "add", "--name", "Ny AB")
    assert result.exit_code == 2 and result.stderr.count("nyare hubtui") == 1, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert sha256(filled.path) == before


def test_unreachable_folder(tmp_path: Path) -> None:
    """A folder this user may not enter. Root may enter anything, so as root the command
    runs as the user 'nobody' (after importing hubtui, which lives where nobody can't read)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    db = folder / "hub.db"
    open_store(db).close()
    before = sha256(db)
    os.chmod(folder, 0o000)
    code = (
        "import os, sys\n"
        "from hubtui.cli.root import cli\n"
        "import hubtui.cli.org, hubtui.services.organisations\n"
        "if os.geteuid() == 0:\n"
        "    os.setgid(65534); os.setuid(65534)\n"
        "cli.main(['--db', sys.argv[1], 'org', 'list'], prog_name='hubtui')\n"
    )
    env = {**os.environ, "HUBTUI_CONFIG": "/nonexistent/hubtui/config.toml"}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, str(db)], capture_output=True, text=True, env=env
        )
    finally:
        os.chmod(folder, 0o700)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("hubtui: Cannot reach") and "Permission denied" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert sha256(db) == before


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB file system (tmpfs), so a write runs out of space for real."""
    mount = tmp_path / "tiny"
    mount.mkdir(mode=0o700)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("needs permission to mount a small tmpfs to fill a disk for real")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk(run_cli: RunCli, tiny_disk: Path) -> None:
    db = tiny_disk / "hub.db"
    assert run_cli("org", "add", "--name", "Första AB", db=db).exit_code == 0
    checkpoint(db)
    before = sha256(db)
    filler = tiny_disk / "filler"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o600)
    try:  # take every free block
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    result = run_cli("org", "add", "--name", "Andra AB " + "x" * 20_000, db=db)
    assert_refused(result, "is full")
    filler.unlink()
    assert sha256(db) == before
    assert run_cli("org", "list", db=db).stdout.count(" AB") == 1


def test_second_writer_holding_the_lock_gets_a_sentence(
    run_cli: RunCli, filled: Filled, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(filled.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another hubtui in the middle of a long write
    try:
        before = sha256(filled.path)
        result = run_cli("org", "add", "--name", "Ny AB")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_refused(result, "busy with another hubtui")
    assert sha256(filled.path) == before
