"""The quicker conversions of dates and UTC times that bulk inserts on SQLite use give the
text SQLAlchemy's own bind processors give, for any value (or fail alike)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Date, DateTime, MetaData, Table
from sqlalchemy.dialects import sqlite
from sqlmodel.sql.sqltypes import UTCDateTime

from hubtui.store import tables
from hubtui.store.bulk import _plan
from hubtui.store.tables import synced_table

_DIALECT = sqlite.dialect()
_PLAIN = Table("plain", MetaData(), Column("day", Date), Column("at", DateTime))
_ZONES = st.one_of(
    st.none(),
    st.just(dt.UTC),
    st.integers(-23 * 60, 23 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m))),
)
_VALUES = st.one_of(
    st.dates(),
    st.datetimes(timezones=_ZONES),
    st.none(),
    st.sampled_from(["2025-03-01", 3, 2.5, True]),  # not dates at all
)


def _outcome(convert: Any, value: Any) -> tuple[str, Any]:
    try:
        return "ok", convert(value)
    except Exception as e:  # the kind of failure is what is compared
        return "error", type(e)


def _pairs(table: Table) -> list[tuple[Any, Any]]:
    """(quicker conversion, SQLAlchemy's processor) of each converted date or time column."""
    _, _, converts = _plan(table, _DIALECT)
    out = []
    for position, quick in converts:
        kind = table.columns[position].type
        process = kind.dialect_impl(_DIALECT).bind_processor(_DIALECT)
        if isinstance(kind, (Date, DateTime, UTCDateTime)):
            out.append((quick, process))
    return out


def test_the_quicker_conversions_are_used() -> None:
    for table in (tables.CHANGE, synced_table("activity"), _PLAIN):
        quick = [convert.__name__ for convert, _process in _pairs(table)]
        assert quick and all(name.startswith("quick_") for name in quick), (table.name, quick)


@given(_VALUES)
def test_quicker_conversions_give_the_same_text(value: Any) -> None:
    for table in (tables.CHANGE, synced_table("activity"), synced_table("project"), _PLAIN):
        for quick, process in _pairs(table):
            assert _outcome(quick, value) == _outcome(process, value)


def test_a_utc_time_is_stored_in_sqlites_format() -> None:
    ((quick, _process),) = _pairs(tables.CHANGE)
    at = dt.datetime(2026, 12, 3, 13, 28, 1, tzinfo=dt.UTC)
    assert quick(at) == "2026-12-03 13:28:01.000000"
    assert quick(at.astimezone(dt.timezone(dt.timedelta(hours=1)))) == quick(at)
