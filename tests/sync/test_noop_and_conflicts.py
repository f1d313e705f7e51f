"""Reporting (issue case 12): importing what is already here records nothing (no change, no
"last synced" for the peer), and every losing value of a field conflict is listed, also when
three laptops edited one field and when a third laptop receives both sides at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sync_helpers import all_records, change_file, send, state

from hubtui.store import Store, open_store, tables
from hubtui.sync.merge import import_changes
from hubtui.sync.peers import list_peers
from hubtui.sync.remote import sync_with
from hubtui.sync.single_file import import_file

Make = Callable[[str], Store]


def _changes(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(tables.CHANGE)).scalar() or 0)


def test_a_repeated_import_records_nothing(new_device: Make, tmp_path: Path) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    with a.write() as writer:
        writer.insert("organisation", {"name": "Acme AB", "employees": 5})
    path = change_file(a, tmp_path / "a.hubsync")
    first = import_file(b, path)
    assert first.new == 1
    [peer] = list_peers(b)
    before = (_changes(b), state(b), peer)
    again = import_file(b, path)
    assert (again.new, again.rows_touched, again.conflicts, again.conflict_lines) == (0, 0, 0, [])
    assert (_changes(b), state(b), list_peers(b)[0]) == before  # "last synced" not moved


def _employees(store: Store, org: str, count: int) -> None:
    with store.write() as writer:
        writer.update("organisation", org, {"employees": count})


def test_every_losing_value_of_a_conflict_is_listed(new_device: Make) -> None:
    a, b, c, d = (new_device(n) for n in ("Anna", "Bo", "Cia", "Dan"))
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB", "employees": 5})
    for other in (b, c, d):
        send(a, other)
    for store, count in ((a, 10), (b, 20), (c, 30)):  # three laptops, one field, offline
        _employees(store, org, count)
    # D receives A's, B's and C's edits at once: C's is the latest, both others lose.
    with d.write() as writer:
        result = import_changes(writer, all_records(a) + all_records(b) + all_records(c))
    lines = result.conflict_lines
    assert result.conflicts == 1 and len(lines) == 2, lines
    assert all(
        f"organisation Acme AB, employees: kept 30 (device {c.origin[-12:]})" in x for x in lines
    )
    assert any(f"over 20 (device {b.origin[-12:]})" in x for x in lines)
    assert any(f"over 10 (device {a.origin[-12:]})" in x for x in lines)
    # A receives B's and C's together: its own 10 and B's 20 both lost to C's 30.
    with a.write() as writer:
        result = import_changes(writer, all_records(b) + all_records(c))
    assert len(result.conflict_lines) == 2 and result.conflicts == 1
    for store in (b, c):
        send(d, store)
    assert state(a) == state(b) == state(c) == state(d)


@pytest.mark.postgres
def test_a_sync_with_nothing_new_records_nothing_on_either_side(
    new_device: Make, pg_url: str
) -> None:
    a = new_device("Anna")
    with a.write() as writer:
        writer.insert("organisation", {"name": "Acme AB", "employees": 5})
    sync_with(a, pg_url)
    team = open_store(pg_url)
    try:
        before = (_changes(a), list_peers(a), _changes(team), list_peers(team))
        report = sync_with(a, pg_url)
        assert (report.pushed.new, report.pulled.new) == (0, 0)
        assert (_changes(a), list_peers(a), _changes(team), list_peers(team)) == before
    finally:
        team.close()
