"""The day's first backup runs beside the work: opening does not wait, quitting stops it."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from click.testing import CliRunner

from hubtui.paths import backups_dir
from hubtui.store import open_store
from hubtui.store.backups import list_backups
from hubtui.store.daily_backup import DailyBackup


def _filled(path: Path) -> None:
    store = open_store(path)
    with store.write() as w:
        for n in range(200):
            w.insert("organisation", {"name": f"Företag {n} AB"})
    store.close()


class _Held(DailyBackup):
    """A backup that waits, connected, until the test lets it copy."""

    def __init__(self, db_path: Path, keep: int) -> None:
        super().__init__(db_path, keep)
        self.connected, self.go = threading.Event(), threading.Event()

    def _connected(self, conn):  # type: ignore[no-untyped-def]
        self.connected.set()
        self.go.wait(10)
        super()._connected(conn)


def test_opening_hands_back_the_store_while_the_backup_is_taken(db_path: Path) -> None:
    _filled(db_path)
    held = _Held(db_path, 3)
    held._thread.start()
    assert held.connected.wait(10)
    store = open_store(db_path)  # the backup's read transaction blocks nothing
    with store.write() as w:
        w.insert("organisation", {"name": "Under kopieringen AB"})
    store.close()
    assert held.running and list_backups(db_path) == []
    held.go.set()
    held.wait()
    assert held.path is not None and held.failure is None
    assert [b.reason for b in list_backups(db_path)] == ["daily"]


def test_stopping_interrupts_the_copy_and_leaves_nothing_behind(db_path: Path) -> None:
    _filled(db_path)
    held = _Held(db_path, 3)
    held._thread.start()
    assert held.connected.wait(10)
    stopper = threading.Thread(target=held.stop)
    stopper.start()
    while not held.interrupted:  # stop() has marked it before the copy may go on
        stopper.join(0.01)
    held.go.set()
    stopper.join(10)
    assert not held.running and held.path is None and held.failure is None
    assert list_backups(db_path) == []
    assert [p.name for p in backups_dir(db_path).iterdir()] == []  # no partial copy left
    again = open_store(db_path, backups_keep=3)  # the next open takes it after all
    again.close()
    assert [b.reason for b in list_backups(db_path)] == ["daily"]


def test_only_the_first_open_of_a_day_starts_one(db_path: Path) -> None:
    _filled(db_path)
    first = open_store(db_path, backups_keep=3)
    assert first.daily_backup is not None
    first.close()  # waits for it
    second = open_store(db_path, backups_keep=3)
    assert second.daily_backup is None
    second.close()
    assert [b.taken_at.date() for b in list_backups(db_path)] == [dt.date.today()]


def test_the_command_line_finishes_the_backup_after_its_output(db_path: Path) -> None:
    from hubtui.cli.root import cli

    _filled(db_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "org", "list", "--limit", "1"])
    assert result.exit_code == 0, result.stderr
    assert [b.reason for b in list_backups(db_path)] == ["daily"]
