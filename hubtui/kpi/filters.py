"""A KPI's ``where`` filters as SQL conditions, and the SQL pieces the counting shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, false, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from hubtui.store import rules, tables

ACTIVITY = tables.ACTIVITY
LINK = tables.ACTIVITY_ORGANISATION
ORG = tables.ORGANISATION
DMA = tables.DMA_ASSESSMENT
INVESTMENT = tables.INVESTMENT
COLLABORATION = tables.COLLABORATION
PROJECT = tables.PROJECT
GOAL = tables.KPI_GOAL

# Organisation-counting metrics count companies unless the goal's `kinds` says otherwise.
DEFAULT_KINDS = ("company",)


@dataclass(frozen=True)
class KpiFilter:
    """The parsed ``where`` of a goal; None means "no condition"."""

    types: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    support: tuple[str, ...] | None = None
    size: tuple[str, ...] | None = None
    counties: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    manufacturing: bool | None = None

    @classmethod
    def from_where(cls, where: Mapping[str, Any]) -> KpiFilter:
        def items(key: str) -> tuple[str, ...] | None:
            value = where.get(key)
            if value is None or isinstance(value, bool):
                return None
            return tuple(str(v) for v in ([value] if isinstance(value, str) else value))

        manufacturing = where.get("manufacturing")
        return cls(
            types=items("types"),
            categories=items("categories"),
            support=items("support"),
            size=items("size"),
            counties=items("counties"),
            kinds=items("kinds"),
            manufacturing=manufacturing if isinstance(manufacturing, bool) else None,
        )

    @property
    def activity_key(self) -> tuple[object, ...]:
        """What the activity-level conditions depend on (goals sharing it share SQL)."""
        return (self.types, self.categories, self.support)

    @property
    def has_org_conditions(self) -> bool:
        return any(
            v is not None for v in (self.size, self.counties, self.kinds, self.manufacturing)
        )


class date_number(FunctionElement[int]):
    """A date as the integer YYYYMMDD, so whole years can be added as 10000 on any database."""

    type = Integer()
    inherit_cache = True


@compiles(date_number, "sqlite")
def _date_number_sqlite(element: date_number, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps dates as 'YYYY-MM-DD' text.
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(REPLACE({arg}, '-', '') AS INTEGER)"


@compiles(date_number)
def _date_number_default(element: date_number, compiler: SQLCompiler, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"CAST(TO_CHAR({arg}, 'YYYYMMDD') AS INTEGER)"


def effective_category(activity: Any = ACTIVITY) -> ColumnElement[str]:
    """The activity's EDIH category (the shared rule, `hubtui.store.rules`)."""
    return rules.effective_category(activity)


def all_of(conditions: Sequence[ColumnElement[bool]]) -> ColumnElement[bool]:
    return and_(*conditions) if conditions else true()


def activity_conditions(f: KpiFilter, cols: Any) -> list[ColumnElement[bool]]:
    """Conditions on columns named type, category (effective) and support."""
    out: list[ColumnElement[bool]] = []
    if f.types is not None:
        out.append(cols.type.in_(f.types) if f.types else false())
    if f.categories is not None:
        out.append(cols.category.in_(f.categories) if f.categories else false())
    if f.support is not None:
        out.append(cols.support.in_(f.support) if f.support else false())
    return out


def org_conditions(
    f: KpiFilter, cols: Any, *, default_kinds: tuple[str, ...] | None = None
) -> list[ColumnElement[bool]]:
    """Conditions on columns named kind, size_class, county and manufacturing."""
    out: list[ColumnElement[bool]] = []
    kinds = f.kinds if f.kinds is not None else default_kinds
    if kinds is not None:
        out.append(cols.kind.in_(kinds) if kinds else false())
    if f.size is not None:
        out.append(cols.size_class.in_(f.size) if f.size else false())
    if f.counties is not None:
        out.append(cols.county.in_(f.counties) if f.counties else false())
    if f.manufacturing is not None:
        out.append(cols.manufacturing == f.manufacturing)
    return out
