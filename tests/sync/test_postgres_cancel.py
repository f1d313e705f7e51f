"""A sync with the team database (the real PostgreSQL server) cancelled between two batches:
every batch committed before is kept with its cursor, nothing of the next one is written, and
the next sync goes on from there and agrees with the team database. On the command line
ctrl+c ends `hubtui sync --with` the same way, with one sentence and exit code 130."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from hubtui.store import Store, open_store, tables
from hubtui.sync import records as sync_records
from hubtui.sync import remote as remote_sync
from hubtui.sync.peers import get_state
from hubtui.sync.remote import sync_with
from hubtui.sync.verify import verify
from hubtui.ui.sync_text import report_text

pytestmark = pytest.mark.postgres
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
    imported = remote_sync.import_changes
    calls = []

    def import_then_ctrl_c(writer: Any, records: Any) -> Any:
        calls.append(records)
        result = imported(writer, records)
        if len(calls) == 2:  # the push's batch, then the pull's first: ctrl+c
            signal.raise_signal(signal.SIGINT)
        return result

    with monkeypatch.context() as patch:
        patch.setattr(remote_sync, "import_changes", import_then_ctrl_c)
        result = run_cli("sync", "--with", pg_url)
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines()[-1] == (
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
    imported = remote_sync.import_changes
    calls = []

    def import_then_two_presses(writer: Any, records: Any) -> Any:
        calls.append(records)
        result = imported(writer, records)
        if len(calls) == 2:  # the second batch received: ctrl+c twice, before it commits
            signal.raise_signal(signal.SIGINT)
            signal.raise_signal(signal.SIGINT)
        return result

    with monkeypatch.context() as patch:
        patch.setattr(remote_sync, "import_changes", import_then_two_presses)
        result = run_cli("sync", "--with", pg_url)
    assert result.exit_code == 130
    assert "Traceback" not in result.output
    said = result.stderr.strip().splitlines()
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
