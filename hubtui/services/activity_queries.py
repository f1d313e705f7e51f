"""Activities read back: one by id, pages of a filtered list and their count, and an
organisation's timeline, each with the organisations taking part."""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict, Unpack

from sqlalchemy import ColumnElement, Connection, bindparam, func, or_, select

from hubtui.domain.activity_types import activity_type
from hubtui.domain.errors import UserError
from hubtui.domain.periods import Period, parse_period
from hubtui.services.projects import get_project
from hubtui.store import Store, tables
from hubtui.store.derive import search_key
from hubtui.store.views import ActivityView, OrgRef

_ACTIVITY = tables.ACTIVITY
_LINK = tables.ACTIVITY_ORGANISATION
_ORG = tables.ORGANISATION
_PROJECT = tables.PROJECT
_TESTBED = tables.TESTBED
_IN_CHUNK = 500  # ids per IN (...) list, well under every database's parameter limit


def _select() -> Any:
    return (
        select(
            _ACTIVITY, _PROJECT.c.code.label("project_code"), _TESTBED.c.name.label("testbed_name")
        )
        .join(_PROJECT, _PROJECT.c.id == _ACTIVITY.c.project_id)
        .outerjoin(_TESTBED, _TESTBED.c.id == _ACTIVITY.c.testbed_id)
    )


@functools.cache
def _organisations_query(sqlite: bool) -> Any:
    """The statement of `_organisations_of`, built once (building it took longer than
    running it for a page of activities): the ids as one JSON parameter on SQLite, an
    expanding IN list elsewhere."""
    if sqlite:
        wanted: Any = select(func.json_each(bindparam("ids")).table_valued("value").c.value)
    else:
        wanted = bindparam("ids", expanding=True)
    return (
        select(_LINK.c.activity_id, _ORG.c.id, _ORG.c.name, _ORG.c.orgnr)
        .join(_ORG, _ORG.c.id == _LINK.c.organisation_id)
        .where(_LINK.c.activity_id.in_(wanted), _LINK.c.deleted.is_(False))
        .order_by(_ORG.c.name_key, _ORG.c.id)
    )


def _organisations_of(conn: Connection, ids: Sequence[str]) -> dict[str, list[OrgRef]]:
    """The live organisations of many activities. On SQLite the ids travel as one JSON
    parameter (one statement text whatever their number, so it is compiled once); elsewhere
    in chunks of an IN list."""
    out: dict[str, list[OrgRef]] = defaultdict(list)
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        chunks: list[Any] = [json.dumps(list(ids))] if ids else []
    else:
        chunks = [ids[start : start + _IN_CHUNK] for start in range(0, len(ids), _IN_CHUNK)]
    for chunk in chunks:
        for activity_id, org_id, name, orgnr in conn.execute(
            _organisations_query(sqlite), {"ids": chunk}
        ):
            out[activity_id].append(OrgRef(id=org_id, name=name, orgnr=orgnr))
    return out


def _views(conn: Connection, rows: Sequence[Mapping[Any, Any]]) -> list[ActivityView]:
    orgs = _organisations_of(conn, [r["id"] for r in rows])
    return [
        ActivityView(
            id=r["id"],
            project_id=r["project_id"],
            project_code=r["project_code"],
            type=r["type"],
            date=r["date"],
            advisor=r["advisor"],
            hours=r["hours"],
            title=r["title"],
            note=r["note"],
            category=r["category"],
            support=r["support"],
            joint_rd=bool(r["joint_rd"]),
            women=r["women"],
            men=r["men"],
            other=r["other"],
            unstated=r["unstated"],
            testbed_id=r["testbed_id"],
            testbed_name=r["testbed_name"] or "",
            outcome=r["outcome"],
            aid_sek=r["aid_sek"],
            aid_scheme=r["aid_scheme"],
            organisations=tuple(orgs.get(r["id"], ())),
            deleted=bool(r["deleted"]),
        )
        for r in rows
    ]


def get_activity(store: Store, activity_id: str) -> ActivityView:
    """One activity (deleted ones too, marked `deleted`)."""
    with store.read() as conn:
        rows = conn.execute(_select().where(_ACTIVITY.c.id == activity_id)).mappings().all()
        if not rows:
            raise UserError(
                "There is no activity with id {activity_id}; check the id.", activity_id=activity_id
            )
        return _views(conn, rows)[0]


def _advisor_matches(store: Store, text: str) -> ColumnElement[bool]:
    """Activities whose advisor's name contains `text`, in any case ("karin" finds "Karin
    Lund"; "åsa" finds "Åsa Berg", although the databases' lower() folds ASCII only)."""
    if text.isascii():
        return func.lower(_ACTIVITY.c.advisor).contains(text.lower(), autoescape=True)
    with store.read() as conn:
        names = conn.execute(select(_ACTIVITY.c.advisor).distinct()).scalars().all()
    wanted = text.casefold()
    return _ACTIVITY.c.advisor.in_([n for n in names if n and wanted in n.casefold()])


def _text_matches(text: str) -> ColumnElement[bool]:
    """Activities with `text` in their title or notes, or in the name of an organisation taking
    part, in any case. The databases' lower() folds ASCII only, so a few spellings of the text
    are tried too ("åsa" finds "Åsa"); organisation names are matched on their lower-cased key."""
    spellings = {text, text.lower(), text.upper(), text.capitalize(), text.title()}
    columns = (_ACTIVITY.c.title, _ACTIVITY.c.note)
    found: list[ColumnElement[bool]] = [
        func.lower(column).contains(text.lower(), autoescape=True) for column in columns
    ]
    if not text.isascii():
        found += [column.contains(s, autoescape=True) for column in columns for s in spellings]
    # Organisations by name first, then their links by ix_activity_org_pair: a join here made
    # SQLite build an index over every link on each search (20 s at a million activities).
    orgs = select(_ORG.c.id).where(_ORG.c.name_key.contains(search_key(text), autoescape=True))
    named = select(_LINK.c.activity_id).where(
        _LINK.c.organisation_id.in_(orgs), _LINK.c.deleted.is_(False)
    )
    found.append(_ACTIVITY.c.id.in_(named))
    return or_(*found)


class ActivityFilters(TypedDict, total=False):
    """What narrows a list of activities: `project_id` may be a code; `period` a Period or
    "2026Q3"; `text` a part of the title, the notes or an organisation's name, in any case."""

    project_id: str | None
    period: Period | str | None
    type: str | None
    advisor: str | None
    organisation_id: str | None
    include_deleted: bool
    text: str | None


def _filters(store: Store, filters: ActivityFilters) -> list[ColumnElement[bool]]:
    project_id = filters.get("project_id")
    period = filters.get("period")
    type = filters.get("type")
    advisor = filters.get("advisor")
    organisation_id = filters.get("organisation_id")
    text = filters.get("text")
    where: list[ColumnElement[bool]] = []
    project = get_project(store, project_id) if project_id else None
    if project is not None:
        where.append(_ACTIVITY.c.project_id == project.id)
    if not filters.get("include_deleted", False):
        where.append(_ACTIVITY.c.deleted.is_(False))
    if isinstance(period, str):
        period = parse_period(
            period,
            project_start=project.start if project else None,
            project_end=project.end if project else None,
        )
    if period is not None:
        where.append(_ACTIVITY.c.date.between(period.start, period.end))
    if type:
        where.append(_ACTIVITY.c.type == activity_type(type).id)
    if advisor and advisor.strip():
        where.append(_advisor_matches(store, advisor.strip()))
    if organisation_id:
        # From the organisation's links (ix_activity_org_pair) to its activities by id: a
        # per-activity EXISTS would visit every activity of the database.
        linked = select(_LINK.c.activity_id).where(
            _LINK.c.organisation_id == organisation_id, _LINK.c.deleted.is_(False)
        )
        where.append(_ACTIVITY.c.id.in_(linked))
    if text and text.strip():
        where.append(_text_matches(text.strip()))
    return where


def list_activities(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    **filters: Unpack[ActivityFilters],
) -> list[ActivityView]:
    """Activities narrowed by `filters` (see ActivityFilters), newest first."""
    where = _filters(store, filters)
    query = _select().where(*where).order_by(_ACTIVITY.c.date.desc(), _ACTIVITY.c.id.desc())
    query = query.limit(limit).offset(offset) if limit is not None else query.offset(offset)
    with store.read() as conn:
        return _views(conn, conn.execute(query).mappings().all())


def count_activities(store: Store, **filters: Unpack[ActivityFilters]) -> int:
    """How many activities `list_activities` would give without a limit."""
    where = _filters(store, filters)
    with store.read() as conn:
        query = select(func.count()).select_from(_ACTIVITY).where(*where)
        return int(conn.execute(query).scalar_one())


def organisation_timeline(store: Store, org_id: str) -> list[ActivityView]:
    """Every live activity an organisation took part in, newest first, across projects (as
    `list_activities(organisation_id=...)`, with the statement built once)."""
    with store.read() as conn:
        rows = conn.execute(_timeline_query(), {"org": org_id}).mappings().all()
        return _views(conn, rows)


@functools.cache
def _timeline_query() -> Any:
    linked = select(_LINK.c.activity_id).where(
        _LINK.c.organisation_id == bindparam("org"), _LINK.c.deleted.is_(False)
    )
    return (
        _select()
        .where(_ACTIVITY.c.deleted.is_(False), _ACTIVITY.c.id.in_(linked))
        .order_by(_ACTIVITY.c.date.desc(), _ACTIVITY.c.id.desc())
    )
