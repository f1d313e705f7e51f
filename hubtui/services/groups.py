"""Steering group and network composition: women, men and other members of a group at a date.

Only counts are kept (never who the members are), for the gender-balance part of reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hubtui.domain.attendance import women_share
from hubtui.domain.errors import InvalidValue, Term, UserError
from hubtui.services.activities import check_in_project
from hubtui.services.common import as_date, count_value, project_rows, required_text
from hubtui.services.projects import get_project
from hubtui.store import Store, tables

_GROUP = tables.GROUP_COMPOSITION
EDITABLE = ("group_name", "date", "women", "men", "other")

_COUNT_NAMES = {
    "women": Term("The number of women"),
    "men": Term("The number of men"),
    "other": Term("The number of others"),
}


@dataclass(frozen=True)
class GroupView:
    id: str
    project_id: str
    group_name: str
    date: dt.date
    women: int
    men: int
    other: int

    @property
    def members(self) -> int:
        return self.women + self.men + self.other

    @property
    def women_share(self) -> float | None:
        return women_share(self.women, self.members)

    @classmethod
    def from_row(cls, r: Mapping[Any, Any]) -> GroupView:
        return cls(
            r["id"], r["project_id"], r["group_name"], r["date"], r["women"], r["men"], r["other"]
        )


def _validated(store: Store, project_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
    project = get_project(store, project_id)
    day = as_date(values["date"], Term("The date"), field="date")
    check_in_project(project, day)
    counts = {
        k: count_value(values[k], _COUNT_NAMES[k], "group_members", field=k)
        for k in ("women", "men", "other")
    }
    if not sum(counts.values()):
        raise InvalidValue(
            "The group has no members; enter how many women and men are in it.", field="women"
        )
    out: dict[str, Any] = {
        "group_name": required_text(
            values["group_name"], Term("The group's name"), field="group_name"
        ),
        "date": day,
        **counts,
    }
    return out


def add_group_composition(
    store: Store,
    *,
    project: str,
    group_name: str,
    date: dt.date | str,
    women: int,
    men: int,
    other: int = 0,
) -> GroupView:
    """Record how many women, men and others a group of a project (code or id) has at a date."""
    found = get_project(store, project)
    values = _validated(
        store,
        found.id,
        {"group_name": group_name, "date": date, "women": women, "men": men, "other": other},
    )
    with store.write() as w:
        group_id = w.insert("group_composition", {**values, "project_id": found.id})
    return get_group_composition(store, group_id)


def get_group_composition(store: Store, group_id: str) -> GroupView:
    with store.read() as conn:
        row = (
            conn.execute(select(_GROUP).where(_GROUP.c.id == group_id, _GROUP.c.deleted.is_(False)))
            .mappings()
            .first()
        )
    if row is None:
        raise UserError(
            "There is no group composition with id {group_id}; check the id.", group_id=group_id
        )
    return GroupView.from_row(row)


def update_group_composition(store: Store, group_id: str, **changes: Any) -> GroupView:
    """Change the name, date or counts of one recorded composition."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InvalidValue(
            "A group composition has no field {unknown}; use {editable}.",
            unknown=sorted(unknown)[0],
            editable=", ".join(EDITABLE),
        )
    current = get_group_composition(store, group_id)
    merged = {k: getattr(current, k) for k in EDITABLE} | changes
    values = _validated(store, current.project_id, merged)
    with store.write() as w:
        w.update("group_composition", group_id, values)
    return get_group_composition(store, group_id)


def delete_group_composition(store: Store, group_id: str) -> bool:
    get_group_composition(store, group_id)
    with store.write() as w:
        return w.delete("group_composition", group_id)


def list_group_compositions(store: Store, project: str) -> list[GroupView]:
    """A project's (code or id) live compositions, by group and date."""
    found = get_project(store, project)
    rows = project_rows(store, tables.GROUP_COMPOSITION, found.id, "group_name", "date", "id")
    return [GroupView.from_row(r) for r in rows]
