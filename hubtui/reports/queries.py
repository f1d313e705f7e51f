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

from sqlalchemy import ColumnElement, Connection, and_, case, func, select

from hubtui.domain.attendance import GENDERS
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


def _count_rows(conn: Connection, key: Any, where: ColumnElement[bool]) -> list[ActivityCount]:
    query = (
        select(
            key.label("key"),
            func.count(),
            func.coalesce(func.sum(_ACT.c.hours), 0),
            func.coalesce(func.sum(rules.attendance_total(_ACT)), 0),
        )
        .where(where)
        .group_by(key)
        .order_by(key)
    )
    return [ActivityCount(r[0], int(r[1]), float(r[2]), int(r[3])) for r in conn.execute(query)]


def activities_by_type(
    conn: Connection, project_id: str, start: dt.date, end: dt.date
) -> list[ActivityCount]:
    return _count_rows(conn, _ACT.c.type, rules.live_in_window(_ACT, project_id, start, end))


def activities_by_category(
    conn: Connection, project_id: str, start: dt.date, end: dt.date
) -> list[ActivityCount]:
    return _count_rows(
        conn, rules.effective_category(_ACT), rules.live_in_window(_ACT, project_id, start, end)
    )


def _gender_sums() -> list[Any]:
    return [func.coalesce(func.sum(_ACT.c[g]), 0) for g in GENDERS]


def attendance_total(
    conn: Connection, project_id: str, start: dt.date, end: dt.date
) -> GenderCount:
    """Attendance by gender over the whole project in the range (project level)."""
    row = conn.execute(
        select(*_gender_sums()).where(rules.live_in_window(_ACT, project_id, start, end))
    ).one()
    return GenderCount("total", *(int(v) for v in row))


def attendance_by_type(
    conn: Connection, project_id: str, start: dt.date, end: dt.date
) -> list[GenderCount]:
    """Attendance by gender per activity type, for types that kept attendance."""
    query = (
        select(_ACT.c.type, *_gender_sums())
        .where(rules.live_in_window(_ACT, project_id, start, end), rules.attendance_total(_ACT) > 0)
        .group_by(_ACT.c.type)
        .order_by(_ACT.c.type)
    )
    return [GenderCount(r[0], *(int(v) for v in r[1:])) for r in conn.execute(query)]


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


def participants(
    conn: Connection, project_id: str, start: dt.date, end: dt.date
) -> list[ParticipantRow]:
    """Organisations taking part in the project's activities in the range, with the date of
    their first activity in the project (which may lie before the range)."""
    linked = (
        select(
            _LINK.c.organisation_id.label("org_id"),
            func.min(_ACT.c.date).label("first_support"),
            func.count(func.distinct(case((_ACT.c.date >= start, _ACT.c.id)))).label("in_range"),
            func.min(case((_ACT.c.date >= start, _ACT.c.date))).label("first_in_range"),
            func.max(_ACT.c.date).label("last_in_range"),
            func.coalesce(func.sum(case((_ACT.c.date >= start, _ACT.c.hours))), 0).label("hours"),
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
        )
        .join(linked, linked.c.org_id == _ORG.c.id)
        .where(_ORG.c.deleted.is_(False), linked.c.in_range > 0)
        .order_by(_ORG.c.name_key, _ORG.c.id)
    )
    rows = []
    for r in conn.execute(query):
        values: list[Any] = list(r)
        values[-2] = float(values[-2] or 0)  # hours: a Decimal from PostgreSQL
        rows.append(ParticipantRow(*values))
    return rows


def support_types(
    conn: Connection, project_id: str, start: dt.date, end: dt.date
) -> dict[str, list[str]]:
    """The activity types each organisation received in the range (organisation → type ids)."""
    query = (
        select(_LINK.c.organisation_id, _ACT.c.type)
        .join(_ACT, _ACT.c.id == _LINK.c.activity_id)
        .where(_LINK.c.deleted.is_(False), rules.live_in_window(_ACT, project_id, start, end))
        .group_by(_LINK.c.organisation_id, _ACT.c.type)
        .order_by(_LINK.c.organisation_id, _ACT.c.type)
    )
    out: dict[str, list[str]] = {}
    for org_id, type_id in conn.execute(query):
        out.setdefault(org_id, []).append(type_id)
    return out


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
