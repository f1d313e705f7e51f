"""Ctrl+c during `hubtui sync`: the first press stops the sync between two files, a second
stops it at once; either way one sentence, no traceback, exit code 130, every file imported
before is kept whole, and the next sync completes and agrees with the folder."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import at_import, last_said

from hubtui.cli.interrupt import INTERRUPTED
from hubtui.store import Store, open_store, tables
from hubtui.sync import folder as folder_sync
from hubtui.sync.folder import sync_folder

pytestmark = pytest.mark.usefixtures("no_gc_callbacks")  # see the fixture
NAMES = ["First AB", "Second AB", "Third AB"]


@pytest.fixture
def shared(new_device: Callable[[str], Store], tmp_path: Path) -> Path:
    """The sync folder with three files of another laptop, imported in this order."""
    folder = tmp_path / "shared"
    folder.mkdir()
    other = new_device("other")
    for name in NAMES:
        with other.write() as writer:
            writer.insert("organisation", {"name": name})
        sync_folder(other, folder)
    return folder


def _names(db_path: Path) -> list[str]:
    store = open_store(db_path)
    try:
        with store.read() as conn:
            org = tables.SYNCED["organisation"]
            return sorted(conn.execute(select(org.c.name)).scalars())
    finally:
        store.close()


def _then_the_next_sync_completes(run_cli: Any, shared: Path, db_path: Path, *own: str) -> None:
    again = run_cli("sync", "--folder", str(shared))
    assert again.exit_code == 0, again.stderr
    assert "Imported 2 file(s)" in again.stdout and "cancelled" not in again.output
    assert _names(db_path) == sorted([*NAMES, *own])
    verdict = run_cli("sync", "verify", str(shared))
    assert verdict.exit_code == 0, verdict.stdout
    assert "In agreement with" in verdict.stdout


def test_ctrl_c_stops_the_sync_between_two_files(
    shared: Path, run_cli: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert threading.current_thread() is threading.main_thread()  # signals go there
    run_cli("org", "add", "--name", "Own AB")
    with monkeypatch.context() as patch:  # a real ctrl+c
        at_import(patch, folder_sync, 1, lambda: signal.raise_signal(signal.SIGINT))
        result = run_cli("sync", "--folder", str(shared))
    assert result.exit_code == INTERRUPTED == 130
    assert "Traceback" not in result.output
    assert "Stopping after the file or batch being saved" in result.stderr
    last = last_said(result.stderr)
    assert last == (
        "hubtui: Sync cancelled: the 1 file(s) imported before it stopped (1 new change(s)) are "
        "kept whole; 2 file(s) are left and nothing was written to the folder; run hubtui sync "
        "again to continue from there."
    )
    assert "Imported 1 file(s)" in result.stdout and "Wrote" not in result.stdout
    assert _names(db_path) == ["First AB", "Own AB"]
    store = open_store(db_path)
    outbox = shared / store.origin
    store.close()
    assert not list(outbox.glob("*.hubsync"))  # nothing of this laptop's was written
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler given back

    _then_the_next_sync_completes(run_cli, shared, db_path, "Own AB")
    assert len(list(outbox.glob("*.hubsync"))) == 1


def test_a_second_ctrl_c_stops_at_once_and_rolls_back_the_file_under_way(
    shared: Path, run_cli: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    presses = []

    def ctrl_c() -> None:  # the first press asks for a stop; the second, the same instant
        presses.append(1)
        signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)

    with monkeypatch.context() as patch:
        at_import(patch, folder_sync, 2, ctrl_c)
        result = run_cli("sync", "--folder", str(shared))
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert last_said(result.stderr) == (
        "hubtui: Sync interrupted: every file or batch imported or sent before is kept whole "
        "and the one under way was rolled back; run hubtui sync again to continue from there."
    )
    assert presses == [1]
    assert _names(db_path) == ["First AB"]  # the second file's transaction rolled back

    _then_the_next_sync_completes(run_cli, shared, db_path)
