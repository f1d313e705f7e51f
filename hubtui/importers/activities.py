"""Activity and event rows: one activity per row, or one event from the rows of its attendees.

A row names the organisation taking part (by name and/or orgnr); organisations not yet in the
database are created. An activity already in the database, with the same project, type, date,
title and organisations, is updated where the file differs and otherwise left alone, so
importing a file again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain.activity_types import GROUP_TYPES, activity_type, label
from hubtui.domain.attendance import GENDERS
from hubtui.domain.errors import InvalidValue, Term, UserError
from hubtui.i18n import _, error_text, language
from hubtui.importers import values as v
from hubtui.importers.date_cells import parse_date_cell
from hubtui.importers.mapping import ColumnMapping
from hubtui.importers.organisations import OrgIndex, describe
from hubtui.importers.plan import ImportPlan
from hubtui.importers.reading import SheetTable
from hubtui.store import tables
from hubtui.store.codec import recorded_columns
from hubtui.store.derive import search_key
from hubtui.store.ids import new_id

_ACTIVITY = tables.ACTIVITY
_LINK = tables.ACTIVITY_ORGANISATION
_PROJECT = tables.PROJECT
_GENDERS = GENDERS
# Fields with one value per event: the rows of an event that give one must agree.
_SCALARS = ("hours", "note", "advisor", "category", "support", "outcome")
_PARSERS: dict[str, Callable[[Any], Any]] = {
    "date": parse_date_cell,
    "type": v.parse_activity_type,
    "title": v.text_of,
    "hours": v.parse_hours,
    "note": v.text_of,
    "advisor": v.text_of,
    "outcome": v.text_of,
    "category": v.parse_category,
    "support": v.parse_support,
    "project": v.text_of,
    "name": v.text_of,
    "women": lambda c: v.parse_count(c, Term("Women")),
    "men": lambda c: v.parse_count(c, Term("Men")),
    "other": lambda c: v.parse_count(c, Term("Other")),
    "unstated": lambda c: v.parse_count(c, Term("Not stated")),
    "participants": lambda c: v.parse_count(c, Term("Participants")),
}

Key = tuple[str, str, dt.date, str, frozenset[str]]


@dataclass
class _Row:
    number: int
    cells: tuple[Any, ...]
    values: dict[str, Any] = field(default_factory=dict)
    orgnr: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # fields whose cell could not be read


@dataclass
class _Event:
    rows: list[_Row]
    project: dict[str, Any]
    type: str
    date: dt.date
    title: str


def load_projects(conn: Connection) -> dict[str, dict[str, Any]]:
    """Live projects by code and by id, and by name where no code is written the same way
    (all case-folded)."""
    columns = (_PROJECT.c.id, _PROJECT.c.code, _PROJECT.c.name, _PROJECT.c.start, _PROJECT.c.end)
    rows = [dict(r) for r in conn.execute(select(*columns).where(_PROJECT.c.deleted.is_(False)))
            .mappings()]  # fmt: skip
    index: dict[str, dict[str, Any]] = {}
    for row in rows:
        index[row["code"].casefold()] = row
        index[row["id"]] = row
    for row in rows:
        index.setdefault(row["name"].casefold(), row)
    return index


def looks_like_attendance(table: SheetTable, mapping: ColumnMapping) -> bool:
    """True if rows repeat a group event (same date, type and title): a list of who attended,
    to import as events rather than one activity per row."""
    date_at, type_at, title_at = (mapping.index_of(f) for f in ("date", "type", "title"))
    if date_at is None or (type_at is None and title_at is None):
        return False
    seen: set[tuple[Any, ...]] = set()
    for _number, cells in table.rows:
        title = v.text_of(table.cell(cells, title_at)) if title_at is not None else ""
        kind_cell = table.cell(cells, type_at) if type_at is not None else title
        try:
            key = (parse_date_cell(table.cell(cells, date_at)),
                   v.parse_activity_type(kind_cell), search_key(title))  # fmt: skip
        except InvalidValue:
            continue
        if key in seen and key[1] in GROUP_TYPES:
            return True
        seen.add(key)
    return False


def _parse(number: int, cells: tuple[Any, ...], plan: ImportPlan) -> _Row:
    row = _Row(number, cells)
    for index, name in plan.mapping.columns.items():
        raw = plan.table.cell(cells, index)
        if raw is None:
            continue
        try:
            if name == "orgnr":
                info = v.parse_orgnr_cell(raw)
                row.orgnr = {"orgnr": info.canonical, "personal_number": info.is_personal_number}
            else:
                row.values[name] = _PARSERS[name](raw)
        except InvalidValue as e:
            row.problems.append(error_text(e))
            row.unreadable.add(name)
    if "participants" in row.values:
        counted = sum(row.values.get(g, 0) for g in _GENDERS)
        rest = row.values.pop("participants") - counted
        if rest < 0:
            text = _(
                "Participants are fewer than women, men, other and not stated together "
                "({counted}); correct the counts."
            )
            row.problems.append(text.format(counted=counted))
        else:
            row.values["unstated"] = row.values.get("unstated", 0) + rest
    return row


def _resolve_event_fields(
    row: _Row, projects: dict[str, dict[str, Any]], default: str | None
) -> tuple[dict[str, Any], str, dt.date, str] | None:
    """Project, type, date and title of a parsed row (problems noted on the row)."""
    code = row.values.get("project") or default
    project = projects.get(code.casefold()) if code else None
    if code and project is None:
        text = _("Project {code} does not exist; create it first or fix the cell.")
        row.problems.append(text.format(code=code))
    title = row.values.get("title", "")
    kind = row.values.get("type")
    if kind is None and title:
        try:
            kind = v.parse_activity_type(title)
        except InvalidValue:
            kind = None
    if kind is None and "type" not in row.values and not row.problems:
        row.problems.append(_("The row gives no activity type; add a Typ column or fill it in."))
    date = row.values.get("date")
    if date is None and "date" not in row.unreadable:
        row.problems.append(_("The row gives no date; fill in the date of the activity."))
    if project is not None and date is not None and not project["start"] <= date <= project["end"]:
        text = _(
            "Date {date} is outside project {code} ({start} – {end}); correct the date or the "
            "project."
        )
        row.problems.append(
            text.format(date=date, code=project["code"], start=project["start"], end=project["end"])
        )
    if project is None or kind is None or date is None:
        return None  # the row's event is unknown: it can only be rejected on its own
    return project, kind, date, title


def plan_activity_rows(
    plan: ImportPlan,
    conn: Connection,
    index: OrgIndex,
    rows: list[tuple[int, tuple[Any, ...]]],
    *,
    project: str | None,
    advisor: str,
    group_events: bool,
) -> None:
    """Plan an activities import (a row per activity) or an events import (rows grouped by
    project, type, date and title into one event with all the rows' organisations)."""
    projects = load_projects(conn)
    if project is not None and project.casefold() not in projects:
        raise UserError(
            "There is no project {project}; check the code given to --project.", project=project
        )
    if project is None and "project" not in plan.mapping.fields:
        raise UserError(
            "Activities belong to a project; give --project CODE or map a Projekt column."
        )
    events: dict[tuple[Any, ...], _Event] = {}
    copies: dict[tuple[Any, ...], int] = {}  # an event's row pasted twice counts once
    for number, cells in rows:
        row = _parse(number, cells, plan)
        if not row.values and not row.orgnr and not row.problems:
            continue  # an empty row
        fields = _resolve_event_fields(row, projects, project)
        if fields is None:
            plan.reject(number, cells, " ".join(row.problems))
            continue
        proj, kind, date, title = fields
        key: tuple[Any, ...] = (proj["id"], kind, date, search_key(title))
        if not group_events:
            key += (number,)
        else:
            same = (*key, *(v.text_of(v.blank(c)) for c in cells))
            if same in copies:
                plan.add([number], "duplicate", f"same as row {copies[same]}, skipped")
                continue
            copies[same] = number
        events.setdefault(key, _Event([], proj, kind, date, title)).rows.append(row)
    existing = _existing(conn, {e.project["id"] for e in events.values()})
    planned: dict[Key, int] = {}
    for event in events.values():
        _plan_event(plan, index, event, existing, planned, advisor)


def _existing(conn: Connection, project_ids: set[str]) -> dict[Key, dict[str, Any]]:
    """Live activities of these projects by (project, type, date, title, organisations)."""
    found: dict[str, dict[str, Any]] = {}
    orgs: dict[str, set[str]] = {}
    for project_id in project_ids:
        live = (_ACTIVITY.c.project_id == project_id) & _ACTIVITY.c.deleted.is_(False)
        for row in conn.execute(select(_ACTIVITY).where(live)).mappings():
            found[row["id"]] = dict(row)
            orgs[row["id"]] = set()
        links = (
            select(_LINK.c.activity_id, _LINK.c.organisation_id)
            .join(_ACTIVITY, _ACTIVITY.c.id == _LINK.c.activity_id)
            .where(live, _LINK.c.deleted.is_(False))
        )
        for activity_id, org_id in conn.execute(links):
            orgs[activity_id].add(org_id)
    return {
        (r["project_id"], r["type"], r["date"], search_key(r["title"]), frozenset(orgs[i])): r
        for i, r in found.items()
    }


def _event_values(event: _Event, advisor: str) -> tuple[dict[str, Any], set[str]]:
    """The activity's column values and the fields the file gave (counts summed over rows)."""
    given: set[str] = set()
    values: dict[str, Any] = {g: 0 for g in _GENDERS}
    for row in event.rows:
        for name in _GENDERS:
            if name in row.values:
                values[name] += row.values[name]
                given.add(name)
        for name in _SCALARS:
            if name not in row.values:
                continue
            if name in values and values[name] != row.values[name]:
                first = next(r.number for r in event.rows if name in r.values)
                raise InvalidValue(
                    (
                        "Row {first} gives {name} {value} but row {number} gives {value2} for the "
                        "same event; make them agree."
                    ),
                    first=first,
                    name=name,
                    value=v.text_of(values[name]),
                    number=row.number,
                    value2=v.text_of(row.values[name]),
                )
            values[name] = row.values[name]
            given.add(name)
    if given & set(_GENDERS):
        given |= set(_GENDERS)
    values.setdefault("hours", None)
    values.setdefault("advisor", advisor)
    values.setdefault("category", activity_type(event.type).default_category.value)
    values.setdefault("support", "non_financial")
    values.setdefault("note", "")
    values.setdefault("outcome", "")
    values.setdefault("aid_sek", None)  # state aid: the project's scheme and rate apply
    values.setdefault("aid_scheme", None)
    values.update(
        project_id=event.project["id"],
        type=event.type,
        date=event.date,
        title=event.title,
        joint_rd=False,
        testbed_id=None,
        deleted=False,
    )
    return values, given


def _participants(index: OrgIndex, rows: list[_Row]) -> list[tuple[str | None, dict[str, Any]]]:
    """Each row's organisation: (existing id, {}) or (None, values of one to create)."""
    found: list[tuple[str | None, dict[str, Any]]] = []
    for row in rows:
        name = row.values.get("name")
        orgnr = row.orgnr.get("orgnr")
        if not name and not orgnr:
            continue
        match = index.find(orgnr, name)
        if match is not None:
            found.append((match["id"], {}))
        elif not name:
            raise InvalidValue(
                (
                    "Row {number}: organisation number {orgnr} is not in the database and the row "
                    "gives no name; add the organisation's name."
                ),
                number=row.number,
                orgnr=orgnr,
            )
        else:
            found.append((None, {"name": name, **row.orgnr}))
    return found


def _plan_event(
    plan: ImportPlan,
    index: OrgIndex,
    event: _Event,
    existing: dict[Key, dict[str, Any]],
    planned: dict[Key, int],
    advisor: str,
) -> None:
    numbers = [r.number for r in event.rows]
    bad = [r for r in event.rows if r.problems]
    if bad:
        # All rows of an event go in together, so a fixed file can bring the whole event in.
        for row in event.rows:
            reason = " ".join(row.problems) or _(
                "Rejected with row {row} of the same event; fix that row and import the event's "
                "rows again."
            ).format(row=bad[0].number)
            plan.reject(row.number, row.cells, reason)
        return
    try:
        values, given = _event_values(event, advisor)
        participants = _participants(index, event.rows)
    except InvalidValue as e:
        for row in event.rows:
            plan.reject(row.number, row.cells, error_text(e))
        return
    org_ids: list[str] = []
    created: list[str] = []
    for org_id, new in participants:
        if org_id is None:
            match = index.find(new.get("orgnr"), new["name"])
            if match is None:
                org_id = index.create(new)
                org = index.by_id[org_id]
                plan.insert("organisation", org_id, {k: org[k] for k in _org_columns()})
                created.append(describe(org))
            else:
                org_id = match["id"]
        if org_id not in org_ids:
            org_ids.append(org_id)
    key: Key = (
        values["project_id"],
        event.type,
        event.date,
        search_key(event.title),
        frozenset(org_ids),
    )
    label = _label(event, values, len(org_ids))
    if key in planned:
        plan.add(numbers, "duplicate", _("same as row {row}, skipped").format(row=planned[key]))
        return
    planned[key] = numbers[0]
    current = existing.get(key)
    if current is None:
        activity_id = new_id()
        plan.insert("activity", activity_id, {k: values[k] for k in recorded_columns("activity")})
        for org_id in org_ids:
            plan.insert(
                "activity_organisation",
                new_id(),
                {"activity_id": activity_id, "organisation_id": org_id, "deleted": False},
            )
        extra = (
            _("; new organisations: {names}").format(names=", ".join(created)) if created else ""
        )
        plan.add(numbers, "create", _("create {activity}").format(activity=label) + extra)
        return
    changes = {k: values[k] for k in given if current[k] != values[k]}
    if not changes:
        text = _("{activity} is already in the database")
        plan.add(numbers, "unchanged", text.format(activity=label))
        return
    plan.update("activity", current["id"], changes)
    shown = ", ".join(
        f"{k} {v.text_of(current[k])} → {v.text_of(val)}" for k, val in changes.items()
    )
    text = _("update {activity}: {changes}")
    plan.add(numbers, "update", text.format(activity=label, changes=shown))


def _org_columns() -> tuple[str, ...]:
    return recorded_columns("organisation")


def _label(event: _Event, values: dict[str, Any], org_count: int) -> str:
    people = sum(values[g] for g in _GENDERS)
    title = f" '{event.title}'" if event.title else ""
    kind = label(activity_type(event.type), language()).lower()
    parts = [f"{kind} {event.date}{title} ({event.project['code']})"]
    if org_count:
        text = _("{count} organisation") if org_count == 1 else _("{count} organisations")
        parts.append(text.format(count=org_count))
    if people:
        parts.append(_("{count} participants").format(count=people))
    return ", ".join(parts)
