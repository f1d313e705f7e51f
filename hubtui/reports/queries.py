"""The report's listings as SQL (GROUP BY in the database, never counting rows in Python).

KPI values are not computed here: they come from `hubtui.kpi`. These are the tables that
describe the work around them (activities per type, events, participants, group composition).
Every query reads live rows only (deleted = false) of one project and one date range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, String, and_, case, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from hubtui.domain.attendance import GENDERS, effective_category
from hubtui.store import rules, tables

_ACT = tables.ACTIVITY
_LINK = tables.ACTIVITY_ORGANISATION
_ORG = tables.ORGANISATION
_CONTACT = tables.CONTACT
_GROUP = tables.GROUP_COMPOSITION
_COLLAB = tables.COLLABORATION
_TESTBED = tables.TESTBED


@dataclass(frozen=True)
class ActivityCount:
    key: str  # activity type id or category id
    activities: int
    hours: float
    participants: int


@dataclass(frozen=True)
class GenderCount:
    key: str
    women: int
    men: int
    other: int
    unstated: int


@dataclass(frozen=True)
class ActivitySummary:
    """Activities, hours and attendance of the range by type and by EDIH category, and
    attendance by gender for the project and per type (types that kept attendance)."""

    by_type: list[ActivityCount]
    by_category: list[ActivityCount]
    attendance: GenderCount  # key "total"
    attendance_by_type: list[GenderCount]


def _add(into: dict[str, list[Any]], key: str, values: list[Any]) -> None:
    """Add a group's sums to a key's (a NULL sum, of no hours at all, adds nothing)."""
    found = into.setdefault(key, [None] * len(values))
    for n, value in enumerate(values):
        if value is not None:
            found[n] = value if found[n] is None else found[n] + value


def activity_summary(
    conn: Connection, project_id: str, start: dt.date, end: dt.date
) -> ActivitySummary:
    """One pass over the range's activities, grouped by type, category and whether attendance
    was kept, and added up here (hours of a type or category are the sum of its groups')."""
    kept = rules.attendance_total(_ACT) > 0
    query = (
        select(
            _ACT.c.type,
            _ACT.c.category,
            kept,
            func.count(),
            func.sum(_ACT.c.hours),
            *(func.sum(_ACT.c[g]) for g in GENDERS),
        )
        .where(rules.live_in_window(_ACT, project_id, start, end))
        .group_by(_ACT.c.type, _ACT.c.category, kept)
    )
    types: dict[str, list[Any]] = {}
    categories: dict[str, list[Any]] = {}
    kept_by_type: dict[str, list[Any]] = {}
    project = [0] * len(GENDERS)
    for row in conn.execute(query):
        type_id, genders = row[0], [int(v) for v in row[5:]]
        counts = [row[3], row[4], sum(genders)]
        _add(types, type_id, counts)
        _add(categories, effective_category(type_id, row[1]), counts)
        if row[2]:
            _add(kept_by_type, type_id, genders)
        project = [a + b for a, b in zip(project, genders, strict=True)]

    def lines(found: dict[str, list[Any]]) -> list[ActivityCount]:
        return [
            ActivityCount(key, int(n), float(hours or 0), int(people))
            for key, (n, hours, people) in sorted(found.items())
        ]

    return ActivitySummary(
        by_type=lines(types),
        by_category=lines(categories),
        attendance=GenderCount("total", *project),
        attendance_by_type=[GenderCount(k, *v) for k, v in sorted(kept_by_type.items())],
    )


@dataclass(frozen=True)
class EventRow:
    id: str
    date: dt.date
    type: str
    category: str
    title: str
    organisations: int
    women: int
    men: int
    other: int
    unstated: int


def group_events(conn: Connection, project_id: str, start: dt.date, end: dt.date) -> list[EventRow]:
    """Group events in the range, oldest first, with the number of organisations taking part."""
    orgs = (
        select(func.count(func.distinct(_LINK.c.organisation_id)))
        .where(_LINK.c.activity_id == _ACT.c.id, _LINK.c.deleted.is_(False))
        .scalar_subquery()
    )
    query = (
        select(
            _ACT.c.id,
            _ACT.c.date,
            _ACT.c.type,
            rules.effective_category(_ACT),
            _ACT.c.title,
            orgs,
            _ACT.c.women,
            _ACT.c.men,
            _ACT.c.other,
            _ACT.c.unstated,
        )
        .where(rules.live_in_window(_ACT, project_id, start, end), rules.is_group_event(_ACT))
        .order_by(_ACT.c.date, _ACT.c.title, _ACT.c.id)
    )
    return [EventRow(*r) for r in conn.execute(query)]


@dataclass(frozen=True)
class ParticipantRow:
    organisation_id: str
    name: str
    orgnr: str | None
    kind: str
    county: str | None
    municipality: str | None
    size_class: str | None
    sni_codes: str
    leader_gender: str
    personal_number: bool
    first_support: dt.date
    activities: int  # activities in the range
    employees: int | None = None
    first_in_range: dt.date | None = None
    last_in_range: dt.date | None = None
    hours: float = 0.0  # hours of the activities in the range it took part in
    country: str = "SE"
    types: tuple[str, ...] = ()  # the activity types it received in the range (with_types)


class distinct_list(FunctionElement[str]):
    """The distinct values of a text column in a group, joined by commas in no particular
    order (NULLs left out)."""

    type = String()
    inherit_cache = True


@compiles(distinct_list, "sqlite")
def _distinct_list_sqlite(element: distinct_list, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite takes DISTINCT only with group_concat's one-argument form (comma-separated).
    return f"group_concat(DISTINCT {compiler.process(element.clauses, **kw)})"


@compiles(distinct_list)
def _distinct_list_default(element: distinct_list, compiler: SQLCompiler, **kw: Any) -> str:
    return f"string_agg(DISTINCT {compiler.process(element.clauses, **kw)}, ',')"


def participants(
    conn: Connection, project_id: str, start: dt.date, end: dt.date, *, with_types: bool = False
) -> list[ParticipantRow]:
    """Organisations taking part in the project's activities in the range, with the date of
    their first activity in the project (which may lie before the range); `with_types`: and
    the activity types each received in the range (in the same pass over the activities)."""
    in_range = _ACT.c.date >= start
    types = [distinct_list(case((in_range, _ACT.c.type))).label("types")] if with_types else []
    linked = (
        select(
            _LINK.c.organisation_id.label("org_id"),
            func.min(_ACT.c.date).label("first_support"),
            func.count(func.distinct(case((in_range, _ACT.c.id)))).label("in_range"),
            func.min(case((in_range, _ACT.c.date))).label("first_in_range"),
            func.max(_ACT.c.date).label("last_in_range"),
            func.coalesce(func.sum(case((in_range, _ACT.c.hours))), 0).label("hours"),
            *types,
        )
        .join(_ACT, _ACT.c.id == _LINK.c.activity_id)
        .where(
            _LINK.c.deleted.is_(False),
            _ACT.c.deleted.is_(False),
            _ACT.c.project_id == project_id,
            _ACT.c.date <= end,
        )
        .group_by(_LINK.c.organisation_id)
        .subquery()
    )
    query = (
        select(
            _ORG.c.id,
            _ORG.c.name,
            _ORG.c.orgnr,
            _ORG.c.kind,
            _ORG.c.county,
            _ORG.c.municipality,
            _ORG.c.size_class,
            _ORG.c.sni_codes,
            _ORG.c.leader_gender,
            _ORG.c.personal_number,
            linked.c.first_support,
            linked.c.in_range,
            _ORG.c.employees,
            linked.c.first_in_range,
            linked.c.last_in_range,
            linked.c.hours,
            _ORG.c.country,
            *([linked.c.types] if with_types else []),
        )
        .join(linked, linked.c.org_id == _ORG.c.id)
        .where(_ORG.c.deleted.is_(False), linked.c.in_range > 0)
        .order_by(_ORG.c.name_key, _ORG.c.id)
    )
    rows = []
    for r in conn.execute(query):
        values: list[Any] = list(r)
        values[15] = float(values[15] or 0)  # hours: a Decimal from PostgreSQL
        if with_types:  # in the order of their ids, as `support_types` gives them
            values[17] = tuple(sorted(values[17].split(","))) if values[17] else ()
        rows.append(ParticipantRow(*values))
    return rows


def contact_emails(conn: Connection, organisation_ids: Sequence[str]) -> dict[str, str]:
    """E-mail addresses of live contacts per organisation, joined with "; "."""
    if not organisation_ids:
        return {}
    query = (
        select(_CONTACT.c.organisation_id, _CONTACT.c.email)
        .where(
            _CONTACT.c.organisation_id.in_(list(organisation_ids)),
            _CONTACT.c.deleted.is_(False),
            _CONTACT.c.email != "",
        )
        .order_by(_CONTACT.c.organisation_id, _CONTACT.c.name, _CONTACT.c.email)
    )
    found: dict[str, list[str]] = {}
    for org_id, email in conn.execute(query):
        found.setdefault(org_id, []).append(email)
    return {k: "; ".join(v) for k, v in found.items()}


@dataclass(frozen=True)
class CompositionRow:
    group_name: str
    date: dt.date
    women: int
    men: int
    other: int


def group_composition(conn: Connection, project_id: str, at: dt.date) -> list[CompositionRow]:
    """Each group's latest composition dated on or before `at`."""
    latest = (
        select(_GROUP.c.group_name, func.max(_GROUP.c.date).label("latest"))
        .where(_GROUP.c.project_id == project_id, _GROUP.c.deleted.is_(False), _GROUP.c.date <= at)
        .group_by(_GROUP.c.group_name)
        .subquery()
    )
    query = (
        select(_GROUP.c.group_name, _GROUP.c.date, _GROUP.c.women, _GROUP.c.men, _GROUP.c.other)
        .join(
            latest,
            and_(latest.c.group_name == _GROUP.c.group_name, latest.c.latest == _GROUP.c.date),
        )
        .where(_GROUP.c.project_id == project_id, _GROUP.c.deleted.is_(False))
        .order_by(_GROUP.c.group_name, _GROUP.c.id.desc())
    )
    rows: dict[str, CompositionRow] = {}
    for r in conn.execute(query):
        rows.setdefault(r[0], CompositionRow(*r))  # two rows on one date: the newest wins
    return list(rows.values())


@dataclass(frozen=True)
class ServiceRow:
    """One organisation served by one activity (the EDIH KPI tool's "service")."""

    date: dt.date
    organisation_id: str
    type: str
    category: str
    title: str
    testbed: str
    hours: float | None


def services(conn: Connection, project_id: str, start: dt.date, end: dt.date) -> list[ServiceRow]:
    query = (
        select(
            _ACT.c.date,
            _LINK.c.organisation_id,
            _ACT.c.type,
            rules.effective_category(_ACT),
            _ACT.c.title,
            func.coalesce(_TESTBED.c.name, ""),
            _ACT.c.hours,
        )
        .join(_LINK, and_(_LINK.c.activity_id == _ACT.c.id, _LINK.c.deleted.is_(False)))
        .join(_ORG, and_(_ORG.c.id == _LINK.c.organisation_id, _ORG.c.deleted.is_(False)))
        .outerjoin(_TESTBED, _TESTBED.c.id == _ACT.c.testbed_id)
        .where(rules.live_in_window(_ACT, project_id, start, end))
        .order_by(_ACT.c.date, _ORG.c.name_key, _ACT.c.id)
    )
    return [ServiceRow(*r) for r in conn.execute(query)]


@dataclass(frozen=True)
class CollaborationRow:
    date: dt.date
    partner: str
    note: str


def collaborations(
    conn: Connection, project_id: str, start: dt.date, end: dt.date
) -> list[CollaborationRow]:
    query = (
        select(_COLLAB.c.date, _COLLAB.c.partner, _COLLAB.c.note)
        .where(
            rules.live_in_window(_COLLAB, project_id, start, end),
        )
        .order_by(_COLLAB.c.date, _COLLAB.c.partner)
    )
    return [CollaborationRow(*r) for r in conn.execute(query)]
