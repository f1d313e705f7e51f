"""Activities: log, edit, delete and restore them (reading them back: activity_queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain.activity_types import Category, SupportForm, activity_type
from hubtui.domain.attendance import GENDERS
from hubtui.domain.errors import InvalidValue, Term, UserError, about
from hubtui.services.activity_input import ActivityChange, ActivityInput
from hubtui.services.activity_queries import get_activity
from hubtui.services.aid import aid_columns, check_activity_aid, values_of
from hubtui.services.common import as_date, choice, count_value, number_value, optional_text
from hubtui.services.projects import get_project
from hubtui.services.testbeds import resolve_testbed
from hubtui.store import Store, Writer, tables
from hubtui.store.views import ActivityView, ProjectView

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
