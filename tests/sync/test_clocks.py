"""Clocks: a laptop whose clock is far ahead cannot pin its peers' clocks (its changes are
refused, naming it and how far ahead it is), the counter never outgrows its digits, and the
order of stamps stays total and causal whatever the laptops' clocks say (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sync_helpers import state

from hubtui.store import Store, hlc
from hubtui.store.codec import recorded_columns
from hubtui.store.models import Change, LocalState
from hubtui.sync.folder import sync_folder
from hubtui.sync.merge import MAX_CLOCK_AHEAD, ClockAhead, check_clock
from hubtui.sync.records import check_record, to_plain
from hubtui.sync.remote import sync_with

CHANGE = Change.__table__  # type: ignore[attr-defined]
STATE = LocalState.__table__  # type: ignore[attr-defined]
STAMP = re.compile(r"^\d{13}\.\d{6}$")
AHEAD_MS = MAX_CLOCK_AHEAD // dt.timedelta(milliseconds=1)
YEAR_MS = 365 * 24 * 3600 * 1000
NOW = 1_780_000_000_000  # a wall clock reading in 2026


# --- the clock on its own, over skewed and jumping wall clocks -----------------------------

STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.integers(0, 3), st.integers(-5_000, 5_000)),
        st.tuples(st.just("send"), st.integers(0, 3), st.integers(0, 3)),
    ),
    max_size=60,
)
OFFSETS = st.lists(
    st.sampled_from([0, 1, -1, 3_000, -60_000, AHEAD_MS - 1, AHEAD_MS + 1, YEAR_MS, -YEAR_MS]),
    min_size=4,
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(offsets=OFFSETS, steps=STEPS, near_overflow=st.booleans())
def test_stamps_stay_total_causal_and_bounded_over_skewed_clocks(
    offsets: list[int], steps: list[tuple[str, int, int]], near_overflow: bool
) -> None:
    wall = NOW
    start = hlc.format_hlc(NOW + 10, hlc.MAX_COUNTER - 2) if near_overflow else None
    clocks: list[str | None] = [start] * 4
    issued: list[list[str]] = [[] for _ in range(4)]
    highest_wall = [NOW + o for o in offsets]
    for kind, a, b in steps:
        if kind == "tick":
            wall = max(NOW, wall + b)  # the true time moves on (a laptop's reading may jump)
            reading = wall + offsets[a] + (b if b < 0 else 0)
            highest_wall[a] = max(highest_wall[a], reading)
            stamp = hlc.tick(clocks[a], reading)
            assert STAMP.match(stamp)
            assert clocks[a] is None or stamp > clocks[a]  # strictly increasing per device
            assert hlc.parse_hlc(stamp) > hlc.parse_hlc(clocks[a] or "0.0")  # same order
            clocks[a] = stamp
            issued[a].append(stamp)
        elif issued[a]:
            sent = issued[a][-1]
            receiver_wall = wall + offsets[b]
            try:
                check_clock([{"hlc": sent, "advisor": "", "origin": str(a)}], receiver_wall)
            except ClockAhead:
                assert hlc.parse_hlc(sent)[0] > receiver_wall + AHEAD_MS
                continue
            clocks[b] = hlc.observe(clocks[b], sent)
            after = hlc.tick(clocks[b], receiver_wall)
            assert after > sent  # an edit made after receiving a change counts as later
            clocks[b] = after
            issued[b].append(after)
    for stamps in issued:
        if stamps:  # accepted stamps never drag a clock more than the bound ahead
            bound = max(highest_wall) + AHEAD_MS + len(steps) + 20
            assert hlc.parse_hlc(stamps[-1])[0] <= max(bound, hlc.parse_hlc(start or "0.0")[0] + 1)


@given(st.integers(0, 3), st.integers(1, 2_000))
def test_the_counter_carries_instead_of_overflowing(behind: int, ticks: int) -> None:
    stamp = hlc.format_hlc(NOW, hlc.MAX_COUNTER - ticks // 2)
    for _ in range(ticks):
        following = hlc.tick(stamp, NOW - behind)
        assert following > stamp and STAMP.match(following)
        stamp = following


# --- real databases ------------------------------------------------------------------------


def add_org(store: Store, name: str) -> str:
    with store.write() as writer:
        return writer.insert("organisation", {"name": name})


def clock_of(store: Store) -> str:
    with store.read() as conn:
        return str(conn.execute(select(STATE.c.value).where(STATE.c.key == "hlc")).scalar())


def a_year_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    real = hlc.now_millis
    monkeypatch.setattr(hlc, "now_millis", lambda: real() + YEAR_MS)


def test_a_file_from_a_laptop_a_year_ahead_is_refused_naming_it(
    new_device: Callable[[str], Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = new_device("Anna"), new_device("Bo"), new_device("Cia")
    folder = tmp_path / "shared"
    folder.mkdir()
    with monkeypatch.context() as patch:
        a_year_ahead(patch)
        add_org(a, "Framtid AB")
        sync_folder(a, folder)
    add_org(c, "Nutid AB")
    sync_folder(c, folder)
    before = clock_of(b)
    report = sync_folder(b, folder)
    [(name, reason)] = report.rejected
    assert name.startswith(a.origin)
    assert "Anna" in reason and a.origin[-12:] in reason and "365 days ahead" in reason
    assert [label for label, _ in report.imported] == [f"{c.origin}/00000001.hubsync"]
    assert clock_of(b) < hlc.format_hlc(hlc.now_millis() + AHEAD_MS, 0)  # not pinned
    assert clock_of(b) >= before
    with b.read() as conn:
        assert conn.execute(select(CHANGE.c.origin).distinct()).scalars().all() == [c.origin]


@pytest.mark.postgres
def test_a_laptop_a_year_ahead_cannot_push_to_the_team_database(
    new_device: Callable[[str], Store], pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = new_device("Anna")
    with monkeypatch.context() as patch:
        a_year_ahead(patch)
        add_org(a, "Framtid AB")
    with pytest.raises(ClockAhead, match=r"Anna .*365 days ahead.*set the date and time"):
        sync_with(a, pg_url)


def test_a_counter_past_999999_keeps_order_and_syncs(
    new_device: Callable[[str], Store], tmp_path: Path
) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    ahead = hlc.now_millis() + 60_000  # a minute ahead: the counter is what moves
    with a.write() as writer:
        writer.conn.execute(
            STATE.update()
            .where(STATE.c.key == "hlc")
            .values(value=hlc.format_hlc(ahead, hlc.MAX_COUNTER - 1))
        )
    ids = [add_org(a, f"Org {n}") for n in range(4)]
    with a.read() as conn:
        stamps = conn.execute(select(CHANGE.c.hlc).order_by(CHANGE.c.seq)).scalars().all()
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert hlc.parse_hlc(stamps[-1]) == (ahead + 1, 2)
    for record in (dict(r) for r in _records(a)):
        check_record(to_plain(record))  # every peer accepts them
    folder = tmp_path / "shared"
    folder.mkdir()
    sync_folder(a, folder)
    report = sync_folder(b, folder)
    assert report.rejected == [] and state(a) == state(b)
    with b.write() as writer:
        writer.update("organisation", ids[0], {"name": "Edited on B"})
    sync_folder(b, folder)
    sync_folder(a, folder)
    assert state(a) == state(b)
    name = 1 + recorded_columns("organisation").index("name")
    assert any(row[name] == "Edited on B" for row in state(a)["organisation"])  # B's is later


def _records(store: Store) -> list[dict[str, object]]:
    with store.read() as conn:
        return [dict(r) for r in conn.execute(select(CHANGE)).mappings()]
