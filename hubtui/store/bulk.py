"""Inserting many rows in one statement. On SQLite the rows go to the driver as tuples,
each value through the same conversion SQLAlchemy would apply (its bind processor for the
column's type and this dialect), without SQLAlchemy's per-row parameter handling, which
costs more than SQLite's own work for a bulk insert. Other databases take SQLAlchemy's
ordinary bulk insert."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.engine import Dialect

Convert = Callable[[Any], Any]
_NOTHING = object()


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
        f"({', '.join(quote(name) for name in names)}) VALUES ({', '.join('?' * len(names))})"
    )
    converts = []
    for position, column in enumerate(table.columns):
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            converts.append((position, process))
    return statement, itemgetter(*names), tuple(converts)


def insert_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (each with a value for every column of `table`) into `table`."""
    if not rows:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        conn.execute(insert(table), list(rows))
        return
    statement, values_of, converts = _plan(table, dialect)
    if not converts:
        conn.exec_driver_sql(statement, [values_of(row) for row in rows])
        return
    memo: dict[int, tuple[Any, Any]] = {position: (_NOTHING, None) for position, _ in converts}
    params: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(values_of(row))
        for position, process in converts:
            value = values[position]
            if value is not None:
                seen, out = memo[position]
                if value is not seen:  # runs of one value (a batch's time) convert once
                    out = process(value)
                    memo[position] = (value, out)
                values[position] = out
        params.append(tuple(values))
    conn.exec_driver_sql(statement, params)


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
