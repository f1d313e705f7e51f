"""Contact rows: a person at an organisation. The organisation columns are imported as in an
organisations import (created or updated); the person is matched by name within it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, select

from hubtui.errors import InvalidValue
from hubtui.i18n import _, error_text
from hubtui.importers import values as v
from hubtui.importers.organisations import (
    OrgIndex,
    ParseMemo,
    describe,
    parse_organisation,
    plan_organisation,
    plan_organisation_row,
)
from hubtui.importers.plan import ImportPlan
from hubtui.store import tables
from hubtui.store.derive import search_key
from hubtui.store.ids import new_id

_CONTACT = tables.CONTACT
_PARSERS: dict[str, Callable[[Any], str]] = {
    "contact": v.text_of,
    "role": v.text_of,
    "email": v.parse_email,
    "phone": v.text_of,
}
_COLUMNS = {"contact": "name", "role": "role", "email": "email", "phone": "phone"}
ContactKey = tuple[str | None, str]


def _load(conn: Connection) -> dict[ContactKey, dict[str, Any]]:
    rows = conn.execute(select(_CONTACT).where(_CONTACT.c.deleted.is_(False))).mappings()
    return {(r["organisation_id"], search_key(r["name"])): dict(r) for r in rows}


def _parse(cells: tuple[Any, ...], plan: ImportPlan) -> tuple[dict[str, str], list[str]]:
    out: dict[str, str] = {}
    problems: list[str] = []
    for index, name in plan.mapping.columns.items():
        raw = plan.table.cell(cells, index)
        if name not in _PARSERS or raw is None:
            continue
        try:
            out[_COLUMNS[name]] = _PARSERS[name](raw)
        except InvalidValue as e:
            problems.append(error_text(e))
    return out, problems


def plan_contact_rows(
    plan: ImportPlan, conn: Connection, index: OrgIndex, rows: list[tuple[int, tuple[Any, ...]]]
) -> None:
    """Plan a contacts import: each row's organisation, then its contact person."""
    existing = _load(conn)
    first_row: dict[ContactKey, int] = {}
    memo: ParseMemo = {}
    for number, cells in rows:
        org_values, problems = parse_organisation(cells, plan.mapping, plan.table.cell, memo)
        person, more = _parse(cells, plan)
        problems += more
        if not org_values and not person and not problems:
            continue  # an empty row
        addresses_only = "contact" not in plan.mapping.fields
        if addresses_only and not person.get("name") and person.get("email"):
            person["name"] = person["email"]  # a list of addresses: the address names the contact
        if addresses_only and not person and org_values and not problems:
            plan_organisation_row(plan, index, number, cells, org_values)
            continue
        if not problems and not person.get("name"):
            problems.append(_("The row gives no contact person; fill in the name."))
        if problems:
            plan.reject(number, cells, " ".join(problems))
            continue
        try:
            org_id = plan_organisation(plan, index, number, org_values)[0] if org_values else None
        except InvalidValue as e:
            plan.reject(number, cells, error_text(e))
            continue
        at = (
            _(" at {organisation}").format(organisation=describe(index.by_id[org_id]))
            if org_id
            else ""
        )
        key: ContactKey = (org_id, search_key(person["name"]))
        current = existing.get(key)
        if current is None:
            current = {"id": new_id(), "organisation_id": org_id, "name": person["name"],
                       "role": "", "email": "", "phone": "", "legal_basis": "legitimate_interest",
                       "deleted": False}  # fmt: skip
            existing[key] = {**current, **person}
            first_row[key] = number
            plan.insert("contact", current["id"], {k: val for k, val in existing[key].items()
                                                   if k != "id"})  # fmt: skip
            text = _("create contact {name}{at}")
            plan.add([number], "create", text.format(name=person["name"], at=at))
            continue
        changes = {k: val for k, val in person.items() if current.get(k) != val}
        if key in first_row:
            if changes:
                text = _(
                    "Same contact as row {row} ({name}{at}) but with a different {fields}; keep "
                    "one of the two rows."
                )
                fields = ", ".join(sorted(changes))
                plan.reject(
                    number, cells, text.format(row=first_row[key], name=person["name"], at=at,
                                               fields=fields)
                )  # fmt: skip
            else:
                text = _("same as row {row}, skipped")
                plan.add([number], "duplicate", text.format(row=first_row[key]))
            continue
        first_row[key] = number
        if not changes:
            text = _("contact {name}{at} is up to date")
            plan.add([number], "unchanged", text.format(name=person["name"], at=at))
            continue
        current.update(changes)
        plan.update("contact", current["id"], changes)
        shown = ", ".join(f"{k} → {val}" for k, val in changes.items())
        text = _("update contact {name}{at}: {changes}")
        plan.add([number], "update", text.format(name=person["name"], at=at, changes=shown))
