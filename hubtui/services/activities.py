"""Activities: log, edit, delete and restore them; list them with their organisations."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, func, or_, select

from hubtui.domain.activity_types import Category, SupportForm, activity_type
from hubtui.domain.attendance import GENDERS
from hubtui.domain.errors import InvalidValue, Term, UserError, about
from hubtui.domain.periods import Period, parse_period
from hubtui.services.activity_input import ActivityChange, ActivityInput
from hubtui.services.aid import aid_columns, check_activity_aid, values_of
from hubtui.services.common import as_date, choice, count_value, number_value, optional_text
from hubtui.services.projects import get_project
from hubtui.services.testbeds import resolve_testbed
from hubtui.store import Store, Writer, tables
from hubtui.store.derive import search_key
from hubtui.store.views import ActivityView, OrgRef, ProjectView

_ACTIVITY = tables.ACTIVITY
_LINK = tables.ACTIVITY_ORGANISATION
_ORG = tables.ORGANISATION
_PROJECT = tables.PROJECT
_TESTBED = tables.TESTBED
_COUNTS = GENDERS
_TEXTS = ("title", "note", "outcome", "advisor")
COUNT_NAMES = {
    "women": Term("The number of women"),
    "men": Term("The number of men"),
    "other": Term("The number of others"),
    "unstated": Term("The number not stated"),
}
_TEXT_NAMES = {
    "title": Term("Title"),
    "note": Term("Note"),
    "outcome": Term("Outcome"),
    "advisor": Term("Advisor"),
}
_IN_CHUNK = 500  # ids per IN (...) list, well under every database's parameter limit


def check_in_project(project: ProjectView, date: dt.date) -> None:
    """InvalidValue unless `date` lies within the project's dates."""
    if not project.start <= date <= project.end:
        raise InvalidValue(
            (
                "Date {date} is outside project {code} ({start} – {end}); pick a date inside the "
                "project."
            ),
            date=date,
            code=project.code,
            start=project.start,
            end=project.end,
            field="date",
        )


def hours_value(value: Any) -> float | None:
    """The hours of an activity (None if not given), within the bounds of hours."""
    return number_value(value, Term("Hours"), field="hours")


def _check_organisations(store: Store, ids: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys(i for i in ids if i))
    if not wanted:
        return ()
    with store.read() as conn:
        found = set(
            conn.execute(
                select(_ORG.c.id).where(_ORG.c.id.in_(wanted), _ORG.c.deleted.is_(False))
            ).scalars()
        )
    missing = [i for i in wanted if i not in found]
    if missing:
        raise UserError(
            "There is no organisation with id {missing}; check the id.",
            missing=missing[0],
            field="organisation_ids",
        )
    return wanted


def _validated(
    store: Store, values: Mapping[str, Any], current: Mapping[str, Any]
) -> tuple[dict[str, Any], ProjectView]:
    """Column values for `values` merged over `current` (a row or defaults), all checked, and
    the project (looked up once unless given resolved)."""
    merged = {**current, **values}
    out: dict[str, Any] = {}
    given = merged["project"]
    project = given if isinstance(given, ProjectView) else get_project(store, given)
    out["project_id"] = project.id
    kind = activity_type(str(merged["type"]))
    out["type"] = kind.id
    out["date"] = as_date(merged["date"], Term("Activity date"), field="date")
    check_in_project(project, out["date"])
    for name in _COUNTS:
        value = merged[name] if merged[name] is not None else 0
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            raise InvalidValue(
                "Attendance counts cannot be negative ({name} = {value}); enter zero or more.",
                field=name,
                name=name,
                value=value,
            )
        out[name] = count_value(value, COUNT_NAMES[name], field=name)
    out["hours"] = hours_value(merged["hours"])
    category = merged.get("category")
    if "type" in values and "category" not in values and current.get("type"):
        old_default = activity_type(str(current["type"])).default_category.value
        if current.get("category") in (None, "", old_default):
            category = None  # follow the new type's default
    out["category"] = (
        choice(category, Category, Term("a service category"), field="category").value
        if category
        else kind.default_category.value
    )
    out["support"] = choice(
        merged["support"] or "non_financial", SupportForm, Term("a support form"), field="support"
    ).value
    joint = merged["joint_rd"]
    if not isinstance(joint, bool):
        raise InvalidValue(
            "Joint R&D must be true or false; got {joint!r}.", field="joint_rd", joint=joint
        )
    out["joint_rd"] = joint
    testbed = merged.get("testbed_id")
    if current and testbed and testbed == current.get("testbed_id"):
        out["testbed_id"] = testbed  # unchanged: keep it even if the testbed was retired
    else:
        with about("testbed_id"):
            out["testbed_id"] = resolve_testbed(store, testbed).id if testbed else None
    for name in _TEXTS:
        out[name] = optional_text(merged[name], _TEXT_NAMES[name], field=name)
    out.update(aid_columns(merged.get("aid_sek"), merged.get("aid_scheme")))
    return out, project


def log_activity(store: Store, activity: ActivityInput) -> ActivityView:
    """Log one activity with the organisations taking part; refused (AidCeilingError) if its
    aid would take a company's group over the de minimis ceiling.

    Everything is checked while this write holds the database's write lock, so no other
    writer can change what the checks read before the activity is written."""
    with store.write() as w:
        checked = store.reading_through(w.conn)  # the checks read inside this transaction
        values, project = _validated(checked, activity.values(store.advisor), {})
        orgs = _check_organisations(checked, activity.organisation_ids)
        check_activity_aid(checked, project, values, orgs)
        activity_id = w.insert("activity", values)
        _link(w, activity_id, orgs)
    return get_activity(store, activity_id)


def _link(w: Writer, activity_id: str, org_ids: Iterable[str]) -> None:
    rows = [{"activity_id": activity_id, "organisation_id": o} for o in org_ids]
    if rows:
        w.insert_many("activity_organisation", rows)


def _relink(w: Writer, activity_id: str, org_ids: Sequence[str]) -> None:
    """Make the live links of an activity exactly `org_ids` (tombstone, restore, add)."""
    rows = w.conn.execute(select(_LINK).where(_LINK.c.activity_id == activity_id)).mappings()
    by_org = {r["organisation_id"]: r for r in rows}
    wanted = set(org_ids)
    for org_id, row in by_org.items():
        if org_id not in wanted and not row["deleted"]:
            w.delete("activity_organisation", row["id"])
        elif org_id in wanted and row["deleted"]:
            w.restore("activity_organisation", row["id"])
    _link(w, activity_id, [o for o in org_ids if o not in by_org])


def _row(conn: Connection, activity_id: str) -> Mapping[Any, Any] | None:
    return conn.execute(select(_ACTIVITY).where(_ACTIVITY.c.id == activity_id)).mappings().first()


def update_activity(store: Store, activity_id: str, change: ActivityChange) -> ActivityView:
    """Change some fields of an activity (and, if given, replace its organisations); refused,
    with nothing written, if the activity merged with the change fails a check of logging.

    As for `log_activity`, everything is read and checked while this write holds the
    database's write lock."""
    with store.write() as w:
        row = _row(w.conn, activity_id)
        if row is None or row["deleted"]:
            raise UserError(
                "There is no activity with id {activity_id}; check the id.",
                activity_id=activity_id,
            )
        current = {**row, "project": row["project_id"]}
        checked = store.reading_through(w.conn)  # the checks read inside this transaction
        values, project = _validated(checked, change.values(), current)
        changed = {k: v for k, v in values.items() if row[k] != v}
        given = change.organisation_ids
        orgs = None if given is None else _check_organisations(checked, given)
        if changed or orgs is not None:
            check_activity_aid(checked, project, values, orgs, exclude=activity_id)
        if changed:
            w.update("activity", activity_id, changed)
        if orgs is not None:
            _relink(w, activity_id, orgs)
    return get_activity(store, activity_id)


def delete_activity(store: Store, activity_id: str) -> bool:
    """Tombstone an activity; False if it already was deleted."""
    get_activity(store, activity_id)
    with store.write() as w:
        return w.delete("activity", activity_id)


def restore_activity(store: Store, activity_id: str) -> bool:
    """Bring a deleted activity back; False if it was not deleted. Checked (its project, its
    date, its aid) while this write holds the database's write lock."""
    with store.write() as w:
        checked = store.reading_through(w.conn)
        activity = get_activity(checked, activity_id)
        if not activity.deleted:
            return False
        row = w.conn.execute(select(_PROJECT).where(_PROJECT.c.id == activity.project_id)).one()
        project = ProjectView.from_row(row._mapping)
        if row.deleted:
            raise UserError(
                (
                    "Activity {activity_id} belongs to the deleted project {code}; import the "
                    "project's goals file again first."
                ),
                activity_id=activity_id,
                code=project.code,
            )
        check_in_project(project, activity.date)  # the project's dates may have moved since
        orgs = [o.id for o in activity.organisations]
        check_activity_aid(checked, project, values_of(activity), orgs, exclude=activity_id)
        return w.restore("activity", activity_id)


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


def _filters(
    store: Store,
    *,
    project_id: str | None,
    period: Period | str | None,
    type: str | None,
    advisor: str | None,
    organisation_id: str | None,
    include_deleted: bool,
    text: str | None = None,
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    project = get_project(store, project_id) if project_id else None
    if project is not None:
        where.append(_ACTIVITY.c.project_id == project.id)
    if not include_deleted:
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
    project_id: str | None = None,
    period: Period | str | None = None,
    type: str | None = None,
    advisor: str | None = None,
    organisation_id: str | None = None,
    include_deleted: bool = False,
    limit: int | None = None,
    offset: int = 0,
    text: str | None = None,
) -> list[ActivityView]:
    """Activities, newest first; `project_id` may be a code; `period` a Period or "2026Q3";
    `text` a part of the title, the notes or an organisation's name, in any case."""
    where = _filters(
        store,
        project_id=project_id,
        period=period,
        type=type,
        advisor=advisor,
        organisation_id=organisation_id,
        include_deleted=include_deleted,
        text=text,
    )
    query = _select().where(*where).order_by(_ACTIVITY.c.date.desc(), _ACTIVITY.c.id.desc())
    query = query.limit(limit).offset(offset) if limit is not None else query.offset(offset)
    with store.read() as conn:
        return _views(conn, conn.execute(query).mappings().all())


def count_activities(
    store: Store,
    *,
    project_id: str | None = None,
    period: Period | str | None = None,
    type: str | None = None,
    advisor: str | None = None,
    organisation_id: str | None = None,
    include_deleted: bool = False,
    text: str | None = None,
) -> int:
    """How many activities `list_activities` would give without a limit."""
    where = _filters(
        store,
        project_id=project_id,
        period=period,
        type=type,
        advisor=advisor,
        organisation_id=organisation_id,
        include_deleted=include_deleted,
        text=text,
    )
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
