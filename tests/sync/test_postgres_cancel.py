"""A sync with the team database (the real PostgreSQL server) cancelled between two batches:
every batch committed before is kept with its cursor, nothing of the next one is written, and
the next sync goes on from there and agrees with the team database. On the command line
ctrl+c ends `hubtui sync --with` the same way, with one sentence and exit code 130; on the Sync
screen escape does, and the result says what was kept."""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_helpers import at_import, last_said
from sync_screen_support import open_sync_screen
from textual.widgets import Input, Static
from tui_support import record_notices, settle

from hubtui.config import Config
from hubtui.store import Store, open_store, tables
from hubtui.sync import records as sync_records
from hubtui.sync import remote as remote_sync
from hubtui.sync.peers import get_state
from hubtui.sync.remote import sync_with
from hubtui.sync.verify import verify
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.sync import SyncScreen
from hubtui.ui.sync_text import report_text

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("no_gc_callbacks")]
ORG = tables.SYNCED["organisation"]
NAMES = [f"Company {n} AB" for n in range(1, 6)]


def _names(store: Store) -> list[str]:
    with store.read() as conn:
        return sorted(conn.execute(select(ORG.c.name)).scalars())


def _add(store: Store, names: list[str]) -> None:
    for name in names:
        with store.write() as writer:
            writer.insert("organisation", {"name": name})


def _trip_after_first_batch(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Batches of two records; the event is set once the first batch's changes are applied
    (its transaction then commits, and the sync is asked to stop before the next)."""
    monkeypatch.setattr(sync_records, "READ_CHUNK", 2)
    tripped = threading.Event()
    imported = remote_sync.import_changes

    def import_then_trip(writer: Any, records: Any) -> Any:
        result = imported(writer, records)
        tripped.set()
        return result

    monkeypatch.setattr(remote_sync, "import_changes", import_then_trip)
    return tripped


def test_a_pull_cancelled_after_one_batch_keeps_it_and_goes_on_next_time(
    new_device: Callable[[str], Store],
    pg_store: Store,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(pg_store, NAMES)
    laptop = new_device("laptop")
    with monkeypatch.context() as patch:
        tripped = _trip_after_first_batch(patch)
        report = sync_with(laptop, pg_url, cancelled=tripped.is_set)
    assert report.cancelled
    assert (report.pulled.new, report.pushed.received) == (2, 0)
    assert _names(laptop) == NAMES[:2]  # the first batch, whole; nothing of the second
    with laptop.read() as conn:
        cursor = int(get_state(conn, f"sync.pull:{pg_store.origin}", "0"))
    with pg_store.read() as conn:
        seqs = list(conn.execute(select(tables.CHANGE.c.seq).order_by(tables.CHANGE.c.seq)))
    assert cursor == seqs[1].seq  # the next pull starts after the batch it kept
    assert report_text(report).splitlines()[-1] == (  # as the Sync screen says it
        "Sync cancelled: the 0 new changes sent and 2 received before it stopped are kept; the "
        "next sync continues from there."
    )

    again = sync_with(laptop, pg_url)
    assert not again.cancelled and again.pulled.new == 3
    assert _names(laptop) == NAMES
    assert verify(laptop, pg_url).agree


def test_a_push_cancelled_after_one_batch_keeps_it_and_goes_on_next_time(
    new_device: Callable[[str], Store],
    pg_store: Store,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    laptop = new_device("laptop")
    _add(laptop, NAMES)
    with monkeypatch.context() as patch:
        tripped = _trip_after_first_batch(patch)
        report = sync_with(laptop, pg_url, cancelled=tripped.is_set)
    assert report.cancelled and report.pushed.new == 2 and report.pulled.received == 0
    assert _names(pg_store) == NAMES[:2]
    with pg_store.read() as conn:
        held = conn.execute(select(func.count()).select_from(tables.CHANGE)).scalar()
    assert held == 2  # the second batch sent nothing

    again = sync_with(laptop, pg_url)
    assert not again.cancelled and again.pushed.new == 3
    assert _names(pg_store) == NAMES
    assert verify(laptop, pg_url).agree


def test_ctrl_c_during_sync_with_is_one_sentence_and_exit_130(
    run_cli: Any, db_path: Path, pg_store: Store, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(pg_store, NAMES)
    assert run_cli("org", "add", "--name", "Own AB").exit_code == 0
    monkeypatch.setattr(sync_records, "READ_CHUNK", 2)
    with monkeypatch.context() as patch:  # the push's batch, then the pull's first: ctrl+c
        at_import(patch, remote_sync, 2, lambda: signal.raise_signal(signal.SIGINT))
        result = run_cli("sync", "--with", pg_url)
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert last_said(result.stderr) == (
        "hubtui: Sync cancelled: the 1 new change(s) sent and 2 received before it stopped are "
        "kept; run hubtui sync --with again to continue from there."
    )
    laptop = open_store(db_path)
    try:
        assert len(_names(laptop)) == 3  # its own and the first batch received
        assert _names(pg_store) == sorted([*NAMES, "Own AB"])
    finally:
        laptop.close()

    again = run_cli("sync", "--with", pg_url)
    assert again.exit_code == 0, again.stderr
    assert "Received from" in again.stdout and "3 new change(s)" in again.stdout
    verdict = run_cli("sync", "verify", pg_url)
    assert verdict.exit_code == 0, verdict.stdout


def test_a_second_ctrl_c_during_sync_with_rolls_back_the_batch_under_way(
    run_cli: Any, db_path: Path, pg_store: Store, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(pg_store, NAMES)
    monkeypatch.setattr(sync_records, "READ_CHUNK", 2)

    def two_presses() -> None:  # the second batch received: ctrl+c twice, before it commits
        signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)

    with monkeypatch.context() as patch:
        at_import(patch, remote_sync, 2, two_presses)
        result = run_cli("sync", "--with", pg_url)
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    said = [line for line in result.stderr.strip().splitlines() if "today's backup" not in line]
    assert said[0].startswith("Stopping after the file or batch being saved")
    assert len(said) == 2 and said[1].startswith("hubtui: Sync interrupted: ")
    laptop = open_store(db_path)
    try:
        assert _names(laptop) == NAMES[:2]  # the first batch; the second rolled back
    finally:
        laptop.close()

    again = run_cli("sync", "--with", pg_url)
    assert again.exit_code == 0, again.stderr
    assert run_cli("sync", "verify", pg_url).exit_code == 0


async def test_escape_cancels_a_sync_with_the_team_database_on_the_screen(
    new_device: Callable[[str], Store],
    pg_store: Store,
    pg_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(pg_store, NAMES)
    laptop = new_device("laptop")
    with laptop.write() as writer:  # no first-run wizard
        period = {"start": dt.date(2025, 3, 1), "end": dt.date(2028, 2, 28)}
        writer.insert("project", {"code": "KAIM", "name": "K", **period})
    assert laptop.path is not None
    path = laptop.path
    laptop.close()
    monkeypatch.setattr(sync_records, "READ_CHUNK", 2)
    team = pg_store.origin
    applied, go_on = threading.Event(), threading.Event()
    imported = remote_sync.import_changes

    def slow_link(writer: Any, records: Any) -> Any:  # the first batch received waits for esc
        result = imported(writer, records)
        if records[0]["origin"] == team and not applied.is_set():
            applied.set()
            go_on.wait(timeout=30)
        return result

    monkeypatch.setattr(remote_sync, "import_changes", slow_link)
    app = HubtuiApp(str(path), Config(language="en"), advisor="laptop")
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_sync_screen(pilot)
        screen.query_one("#sync-target", Input).value = pg_url
        screen.query_one("#sync-peers").focus()
        await pilot.press("ctrl+s")
        for _ in range(300):
            if applied.is_set():
                break
            await asyncio.sleep(0.05)
        await pilot.press("escape")
        go_on.set()
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        result = str(screen.query_one("#sync-result", Static).content).splitlines()
        assert result[1].startswith("Received: 2 new changes")
        assert result[-1] == (
            "Sync cancelled: the 1 new changes sent and 2 received before it stopped are kept; "
            "the next sync continues from there."
        )
        assert "Sync cancelled." in notices
        store = screen.hub.wait_for_store()
        assert _names(store) == NAMES[:2]

        monkeypatch.setattr(remote_sync, "import_changes", imported)
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = str(screen.query_one("#sync-result", Static).content).splitlines()
        assert result[1].startswith("Received: 3 new changes") and "cancelled" not in result[-1]
        assert _names(store) == NAMES
        assert verify(store, pg_url).agree
