"""Shared pieces of the counting queries: the time window, named measures and the roll-up.

Every family of metrics is counted with one SQL statement: a small, already aggregated source
(a CTE) and a UNION ALL of its totals ("all") and its GROUP BY breakdowns. Python only reads
the few resulting rows; it never counts rows itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Label,
    Select,
    case,
    func,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.sql.expression import CompoundSelect, FromClause


@dataclass(frozen=True)
class Window:
    """Cumulative counting runs from the project start to ``period_end``."""

    project_id: str
    project_start: dt.date
    period_start: dt.date
    period_end: dt.date


@dataclass
class Raw:
    """A KPI's numbers before rounding and status: period, cumulative, breakdowns, details;
    ``new`` only for distinct organisations: the ones supported for the first time in the period."""

    period: float | None = 0
    cumulative: float | None = 0
    breakdown: dict[str, dict[str, float]] = field(default_factory=dict)
    details: dict[str, float] = field(default_factory=dict)
    new: float | None = None


class Measures:
    """Aggregate columns labelled m0, m1 …; identical measures (by key) are computed once."""

    def __init__(self) -> None:
        self.columns: list[Label[Any]] = []
        self._names: dict[Hashable, str] = {}

    def add(self, key: Hashable, expression: ColumnElement[Any]) -> str:
        name = self._names.get(key)
        if name is None:
            name = f"m{len(self.columns)}"
            self._names[key] = name
            self.columns.append(expression.label(name))
        return name


def sum_if(condition: ColumnElement[bool], value: Any = 1) -> ColumnElement[Any]:
    return func.sum(case((condition, value), else_=0))


def rollup(
    source: FromClause, measures: Measures, dims: Mapping[str, ColumnElement[Any]]
) -> Select[Any] | CompoundSelect[Any]:
    """The measures over all of ``source`` (dim "all") and grouped by each of ``dims``."""
    parts: list[Select[Any]] = [
        select(
            literal_column("'all'").label("dim"),
            literal_column("''").label("key"),
            *measures.columns,
        ).select_from(source)
    ]
    for name, column in dims.items():
        key = func.coalesce(column, literal_column("'unknown'"))
        parts.append(
            select(literal_column(f"'{name}'"), key, *measures.columns)
            .select_from(source)
            .group_by(column)
        )
    return parts[0] if len(parts) == 1 else union_all(*parts)


class Rolled:
    """The rows of a roll-up: ``total(name)`` and ``by(dim, name)``."""

    def __init__(self, conn: Connection, statement: Select[Any] | CompoundSelect[Any]) -> None:
        self._rows: dict[tuple[str, str], Mapping[Any, Any]] = {}
        for row in conn.execute(statement).mappings():
            self._rows[(row["dim"], str(row["key"]))] = row

    def total(self, name: str) -> float:
        row = self._rows.get(("all", ""))
        return number(row[name]) if row else 0

    def by(self, dim: str, name: str) -> dict[str, float]:
        """The non-zero values of measure ``name`` per key of ``dim``, largest first."""
        values = {
            key: number(row[name]) for (d, key), row in self._rows.items() if d == dim and row[name]
        }
        return dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))

    def keys(self, dim: str) -> list[str]:
        return [key for (d, key) in self._rows if d == dim]

    def row(self, dim: str, key: str) -> Mapping[Any, Any] | None:
        return self._rows.get((dim, key))


def number(value: Any) -> float:
    """A SUM from any database (None for no rows, Decimal from PostgreSQL) as int or float."""
    if value is None:
        return 0
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float
