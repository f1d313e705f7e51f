"""Statements over many rows at once. Inserting many rows in one statement: on SQLite the
rows go to the driver as tuples, each value through the same conversion SQLAlchemy would
apply (its bind processor for the column's type and this dialect), without SQLAlchemy's
per-row parameter handling, which costs more than SQLite's own work for a bulk insert; other
databases take SQLAlchemy's ordinary bulk insert. Looking up many ids: on SQLite as one JSON
parameter (json_each) instead of one bound parameter each."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect
from sqlmodel.sql.sqltypes import UTCDateTime

Convert = Callable[[Any], Any]
_NOTHING = object()
_MOST_PARAMETERS = 999  # per SQLite statement: the limit of SQLite before 3.32, the lowest
SQLITE_IDS = 50_000
"""Ids per lookup on SQLite (one JSON parameter however many)."""
OTHER_IDS = 500
"""Ids per lookup elsewhere (one parameter each)."""


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def ids_in(sqlite: bool) -> Any:
    """The right-hand side of `column.in_(…)` for a list of values bound as "ids" (see
    `id_params`): on SQLite one JSON text read by json_each, so a statement's text is the
    same whatever the number of values; elsewhere an expanding IN list."""
    if sqlite:
        return select(func.json_each(bindparam("ids")).table_valued("value").c.value)
    return bindparam("ids", expanding=True)


def id_params(conn: Connection, values: Sequence[Any]) -> Iterator[dict[str, Any]]:
    """`values` in chunks, each as the "ids" parameter of a statement made with `ids_in`."""
    if is_sqlite(conn):
        for start in range(0, len(values), SQLITE_IDS):
            yield {"ids": json.dumps(list(values[start : start + SQLITE_IDS]))}
    else:
        for start in range(0, len(values), OTHER_IDS):
            yield {"ids": list(values[start : start + OTHER_IDS])}


@lru_cache(maxsize=64)  # (table, dialect): one dialect per open database
def _plan(
    table: Table, dialect: Dialect
) -> tuple[str, Callable[[Any], tuple[Any, ...]], tuple[tuple[int, Convert], ...]]:
    """The INSERT statement of every column of `table`, the function taking a row's values
    in column order, and the (position, conversion) of each column whose values convert."""
    quote = dialect.identifier_preparer.quote
    names = [column.name for column in table.columns]
    statement = (
        f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(quote(name) for name in names)}) VALUES ({_marks(len(names))})"
    )
    converts = []
    for position, column in enumerate(table.columns):
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            converts.append((position, _quicker(column.type, dialect, process)))
    return statement, itemgetter(*names), tuple(converts)


_DATE_TEXT = "%(year)04d-%(month)02d-%(day)02d"
_TIME_TEXT = f"{_DATE_TEXT} %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"


def _quicker(kind: Any, dialect: Dialect, process: Convert) -> Convert:
    """`process`, or where SQLite stores dates and UTC times as text in its default format, a
    function giving the same text for the common values (a plain date, a time in UTC) by
    isoformat, and leaving any other value to `process` (a sync import converts one per
    record; tests/store/test_bulk_convert.py compares the two)."""
    if dialect.name != "sqlite":
        return process
    impl = kind.dialect_impl(dialect)
    stored_as = getattr(impl, "impl_instance", impl)  # a decorated type: the type under it
    stored = getattr(stored_as, "_storage_format", None)
    if isinstance(impl, sqlite.DATE) and stored == _DATE_TEXT:

        def quick_date(value: Any) -> Any:
            return value.isoformat() if type(value) is dt.date else process(value)

        return quick_date
    # a plain DATETIME stores a time as it is, UTCDateTime in UTC: one in UTC alike
    plain = impl is stored_as or type(kind) is UTCDateTime
    if isinstance(stored_as, sqlite.DATETIME) and stored == _TIME_TEXT and plain:

        def quick_utc(value: Any) -> Any:
            if type(value) is dt.datetime and value.tzinfo is dt.UTC:
                return value.isoformat(" ", "microseconds")[:-6]  # without its "+00:00"
            return process(value)

        return quick_utc
    return process


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (each with a value for every column of `table`) into `table`."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        conn.execute(insert(table), list(rows))
        return
    _, values_of, _ = _plan(table, dialect)
    _send(conn, table, [values_of(row) for row in rows])


def insert_tuples(conn: Connection, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert `rows`, each the values of every column of `table` in the table's column
    order (saves building a dict per row where the values come as a sequence)."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        names = [column.name for column in table.columns]
        conn.execute(insert(table), [dict(zip(names, row, strict=True)) for row in rows])
        return
    _send(conn, table, rows)


def _send(conn: Connection, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
    """Rows of values in column order to SQLite, each value converted as SQLAlchemy would."""
    statement, _, converts = _plan(table, conn.dialect)
    params: Sequence[tuple[Any, ...]] = rows
    if converts:
        try:
            params = _converted_by_column(rows, converts)
        except TypeError:  # a value that cannot be a dict key: row by row
            params = _converted_by_row(rows, converts)
    # Several rows per statement: SQLite's work per statement run (starting, finishing,
    # its checks) and the driver's per call are then shared by many rows, a third of the
    # cost of inserting a change record. What fails still fails the whole insert.
    per = max(1, _MOST_PARAMETERS // len(params[0]))
    whole = len(params) - len(params) % per
    if whole:
        many = f"{statement}{f', ({_marks(len(params[0]))})' * (per - 1)}"
        runs = [tuple(chain.from_iterable(params[at : at + per])) for at in range(0, whole, per)]
        conn.exec_driver_sql(many, runs)
    if whole < len(params):
        conn.exec_driver_sql(statement, list(params[whole:]))


def _marks(width: int) -> str:
    return ", ".join("?" * width)


def _converted_by_column(
    rows: Sequence[tuple[Any, ...]], converts: tuple[tuple[int, Convert], ...]
) -> list[tuple[Any, ...]]:
    """The rows with their converting columns converted a column at a time: each distinct
    value once (a column holds few: dates, flags, a batch's time), the rest by C loops
    (zip and map) instead of Python code per row. Values equal as dict keys (1, 1.0, True)
    convert alike for these columns' types, so sharing one result changes nothing."""
    columns = list(zip(*rows, strict=True))
    for position, process in converts:
        column = columns[position]
        distinct = set(column)
        distinct.discard(None)
        done = {value: process(value) for value in distinct}
        done[None] = None
        columns[position] = tuple(map(done.__getitem__, column))
    return list(zip(*columns, strict=True))


def _converted_by_row(
    rows: Sequence[tuple[Any, ...]], converts: tuple[tuple[int, Convert], ...]
) -> list[tuple[Any, ...]]:
    memo: dict[int, tuple[Any, Any]] = {position: (_NOTHING, None) for position, _ in converts}
    params: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(row)
        for position, process in converts:
            value = values[position]
            if value is not None:
                seen, out = memo[position]
                if value is not seen:  # runs of one value (a batch's time) convert once
                    out = process(value)
                    memo[position] = (value, out)
                values[position] = out
        params.append(tuple(values))
    return params


ROOMY_CACHE_KIB = 65_536
"""SQLite's page cache while a bulk job writes (64 MiB; its default is 2 MiB)."""


@contextmanager
def roomy_cache(conn: Connection, rows: int) -> Iterator[None]:
    """A larger page cache on SQLite while `rows` (more than a few thousand) are written:
    rows going into indexes in no particular order (a change table's ids) touch more pages
    than the default cache holds, and it then writes pages out and reads them back again and
    again. The size before comes back afterwards; nothing else changes."""
    if not is_sqlite(conn) or rows < 5_000:
        yield
        return
    before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or 0)
    conn.exec_driver_sql(f"PRAGMA cache_size = {-ROOMY_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {before}")


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a bulk job runs. Its rows pile up as hundreds of
    thousands of small objects that live until it ends, and the collector, which runs as
    objects are made, would walk them all again each time the heap grows by a quarter
    (a seventh of a spreadsheet import's time). Reference counting frees them as before;
    the few that need the collector wait until the job is done."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
