"""Organisation rows: parse the cells, match existing organisations, plan creates and updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain.countries import country_code
from hubtui.domain.errors import InvalidValue, Phrase, Term
from hubtui.domain.regions import municipality as lookup_municipality
from hubtui.domain.size import size_class
from hubtui.domain.sni import SNI_VERSION
from hubtui.i18n import _, error_text
from hubtui.importers import values as v
from hubtui.importers.date_cells import parse_date_cell
from hubtui.importers.mapping import ColumnMapping
from hubtui.importers.plan import ImportPlan
from hubtui.store import tables
from hubtui.store.codec import recorded_columns
from hubtui.store.derive import search_key
from hubtui.store.ids import new_id

_ORG = tables.ORGANISATION


def _text(cell: Any) -> str:
    return v.text_of(cell)


def _orgnr(cell: Any) -> dict[str, Any]:
    info = v.parse_orgnr_cell(cell)
    return {"orgnr": info.canonical, "personal_number": info.is_personal_number}


def _founded(cell: Any) -> dt.date:
    founded = parse_date_cell(cell)
    if founded > dt.date.today():
        raise InvalidValue(
            (
                "Founding date {founded} is in the future; enter the date the organisation was "
                "registered."
            ),
            founded=founded,
        )
    return founded


def _employees(cell: Any) -> dict[str, Any]:
    """A number of employees, or a range as registers give it ("10-19"): a range inside one
    size class sets the class (the number stays unknown)."""
    try:
        return {"employees": v.parse_count(cell, Term("Number of employees"), "employees")}
    except InvalidValue:
        low_high = v.parse_count_range(cell)
        if low_high is None:
            raise
    low, high = (size_class(n) for n in low_high)
    if low is None or low != high:
        raise InvalidValue(
            "Employees '{value}' spans several size classes; write the number of employees.",
            value=v.text_of(cell),
        )
    return {"size_override": low.value}


# field → parser returning the column values it sets
_PARSERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "name": lambda c: {"name": _text(c)},
    "orgnr": _orgnr,
    "kind": lambda c: {"kind": v.parse_org_kind(c)},
    "county": lambda c: {"county": v.parse_county_cell(c).code},
    "municipality": lambda c: {"municipality": v.parse_municipality_cell(c).code},
    "employees": lambda c: _employees(c),
    "size_override": lambda c: {"size_override": v.parse_size_cell(c)},
    "sni_codes": lambda c: {"sni_codes": ",".join(v.parse_sni_cell(c))},
    "founded": lambda c: {"founded": _founded(c)},
    "leader_gender": lambda c: {"leader_gender": v.parse_leader_gender(c)},
    "website": lambda c: {"website": _text(c)},
    "country": lambda c: {"country": country_code(_text(c))},
    "notes": lambda c: {"notes": _text(c)},
}


# Fields whose cells repeat down a sheet (a handful of counties, size bands, codes): each
# distinct cell is parsed once per import (see ParseMemo). Names, numbers and notes are not.
_REPEATING = frozenset(
    ("kind", "county", "municipality", "employees", "size_override", "sni_codes", "founded",
     "leader_gender", "country")
)  # fmt: skip
# Cell types a memo may hold: equal cells of one of these types parse alike.
_MEMO_TYPES = frozenset((str, int, float, dt.date, dt.datetime))
# (field, cell type, cell) → what the field's parser gave for that cell, or the error it raised
ParseMemo = dict[tuple[str, type, Any], "dict[str, Any] | InvalidValue"]


def _parsed(parser: Callable[[Any], dict[str, Any]], raw: Any) -> dict[str, Any] | InvalidValue:
    try:
        return parser(raw)
    except InvalidValue as e:
        return e.with_traceback(None)  # kept, not raised: its text goes in the row's problems


def parse_organisation(
    cells: tuple[Any, ...],
    mapping: ColumnMapping,
    cell: Callable[[tuple[Any, ...], int], Any],
    memo: ParseMemo | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """The organisation columns a row gives (blank cells give nothing) and its problems.
    Rows of one import share a `memo`, so a cell repeated down a column is parsed once."""
    out: dict[str, Any] = {}
    problems: list[str] = []
    for index, name in mapping.columns.items():
        parser = _PARSERS.get(name)
        if parser is None:
            continue
        raw = cell(cells, index)
        if raw is None:
            continue
        if memo is not None and name in _REPEATING and raw.__class__ in _MEMO_TYPES:
            key = (name, raw.__class__, raw)
            parsed = memo.get(key)
            if parsed is None:
                parsed = memo[key] = _parsed(parser, raw)
        else:
            parsed = _parsed(parser, raw)
        if isinstance(parsed, InvalidValue):
            problems.append(error_text(parsed))
        else:
            out.update(parsed)
    if "municipality" in out:
        found = lookup_municipality(out["municipality"])
        if out.setdefault("county", found.county_code) != found.county_code:
            text = _(
                "Municipality {code} {name} lies in county {county}, not {given}; correct the "
                "county or the municipality."
            )
            problems.append(
                text.format(
                    code=found.code, name=found.name, county=found.county_code, given=out["county"]
                )
            )
    return out, problems


@dataclass
class OrgIndex:
    """Existing organisations (and those planned in this import), for matching rows."""

    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_orgnr: dict[str, str] = field(default_factory=dict)  # includes deleted ones
    by_name: dict[str, list[str]] = field(default_factory=dict)  # live ones only
    first_row: dict[str, int] = field(default_factory=dict)  # org id → first row naming it

    @classmethod
    def load(cls, conn: Connection) -> OrgIndex:
        index = cls()
        columns = [_ORG.c.id, *(_ORG.c[name] for name in recorded_columns("organisation"))]
        for row in conn.execute(select(*columns)).mappings():
            index._add(dict(row))
        return index

    def _add(self, row: dict[str, Any]) -> None:
        self.by_id[row["id"]] = row
        if row["orgnr"]:
            self.by_orgnr[row["orgnr"]] = row["id"]
        if not row["deleted"]:
            self.by_name.setdefault(search_key(row["name"]), []).append(row["id"])

    def find(self, orgnr: str | None, name: str | None) -> dict[str, Any] | None:
        """The organisation a row means: by orgnr, else by exact name (any case)."""
        if orgnr:
            found = self.by_orgnr.get(orgnr)
            if found is not None:
                row = self.by_id[found]
                if row["deleted"]:
                    raise InvalidValue(
                        (
                            "Organisation number {orgnr} belongs to {name}, which has been "
                            "deleted; restore it before importing rows for it."
                        ),
                        orgnr=orgnr,
                        name=row["name"],
                    )
                return row
        if not name:
            return None
        ids = self.by_name.get(search_key(name), [])
        if orgnr:  # a namesake with another orgnr is another organisation
            ids = [i for i in ids if not self.by_id[i]["orgnr"]]
        if len(ids) > 1:
            raise InvalidValue(
                "{ids} organisations are named {name}; add the orgnr to say which one.",
                ids=len(ids),
                name=name,
            )
        return self.by_id[ids[0]] if ids else None

    def change(self, org_id: str, changes: dict[str, Any]) -> None:
        row = self.by_id[org_id]
        if not row["deleted"]:
            self.by_name[search_key(row["name"])].remove(org_id)
        row.update(changes)
        self._add(row)

    def create(self, values: dict[str, Any]) -> str:
        org_id = new_id()
        full = {**_new_organisation(), **values}
        if "kind" not in values and full["orgnr"] and full["orgnr"][0] == "2":
            full["kind"] = "public_body" if not full["personal_number"] else "company"
        self._add({**full, "id": org_id})
        return org_id


@cache
def _new_organisation() -> dict[str, Any]:
    """The columns of an organisation a row creates, before the row's own values."""
    full: dict[str, Any] = {name: None for name in recorded_columns("organisation")}
    full.update(
        kind="company",
        employees=None,
        size_override=None,
        sni_codes="",
        sni_version=SNI_VERSION,
        leader_gender="unknown",
        personal_number=False,
        website="",
        notes="",
        country="SE",
        deleted=False,
    )
    return full


def describe(row: dict[str, Any]) -> str:
    return f"{row['name']} ({row['orgnr']})" if row.get("orgnr") else str(row["name"])


def _shown(value: Any) -> str:
    return v.text_of(value) if value not in (None, "") else "(empty)"


def plan_organisation(
    plan: ImportPlan, index: OrgIndex, row: int, values: dict[str, Any]
) -> tuple[str, str]:
    """Plan the organisation a row describes; returns (org id, action). Raises InvalidValue."""
    existing = index.find(values.get("orgnr"), values.get("name"))
    if existing is None:
        if not values.get("name"):
            what = (
                Phrase("Organisation number {orgnr}", orgnr=values["orgnr"])
                if values.get("orgnr")
                else Term("The row")
            )
            raise InvalidValue(
                "{what} is not in the database and the row gives no name; add it.",
                what=what,
            )
        if not values["name"].strip():
            raise InvalidValue("The organisation name is empty; fill it in.")
        org_id = index.create(values)
        plan.insert("organisation", org_id, _insert_values(index.by_id[org_id]))
        index.first_row[org_id] = row
        side = plan.kind != "organisations"
        text = _("create organisation {organisation}")
        plan.add(
            [row], "create", text.format(organisation=describe(index.by_id[org_id])), side=side
        )
        return org_id, "create"
    org_id = existing["id"]
    changes = {k: val for k, val in values.items() if existing.get(k) != val}
    if "county" in changes and "municipality" not in values and existing["municipality"]:
        home = lookup_municipality(existing["municipality"])
        if home.county_code != changes["county"]:
            raise InvalidValue(
                (
                    "County {county} does not hold {name}'s municipality {code} {name2}; give the "
                    "municipality too."
                ),
                county=changes["county"],
                name=existing["name"],
                code=home.code,
                name2=home.name,
            )
    earlier = index.first_row.get(org_id)
    if earlier is not None:
        if changes:
            raise InvalidValue(
                (
                    "Same organisation as row {earlier} ({existing}) but with a different "
                    "{changes}; keep one of the two rows."
                ),
                earlier=earlier,
                existing=describe(existing),
                changes=", ".join(sorted(changes)),
            )
        return org_id, "duplicate"
    index.first_row[org_id] = row
    if not changes:
        return org_id, "unchanged"
    shown = ", ".join(
        f"{k} {_shown(existing.get(k))} → {_shown(val)}"
        for k, val in changes.items()
        if k != "personal_number"
    )
    plan.update("organisation", org_id, changes)
    index.change(org_id, changes)
    side = plan.kind != "organisations"
    text = _("update organisation {organisation}: {changes}")
    plan.add(
        [row], "update", text.format(organisation=describe(existing), changes=shown), side=side
    )
    return org_id, "update"


def _insert_values(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in recorded_columns("organisation")}


def plan_organisation_rows(
    plan: ImportPlan, index: OrgIndex, rows: list[tuple[int, tuple[Any, ...]]]
) -> None:
    """Plan an organisations import: one organisation per row."""
    table, mapping = plan.table, plan.mapping
    memo: ParseMemo = {}
    for number, cells in rows:
        values, problems = parse_organisation(cells, mapping, table.cell, memo)
        if not values and not problems:
            continue  # nothing in the mapped columns: an empty row
        if problems:
            plan.reject(number, cells, " ".join(problems))
            continue
        plan_organisation_row(plan, index, number, cells, values)


def plan_organisation_row(
    plan: ImportPlan, index: OrgIndex, number: int, cells: tuple[Any, ...], values: dict[str, Any]
) -> None:
    """Plan a row that is one organisation, saying what it does (or why it is rejected)."""
    try:
        org_id, action = plan_organisation(plan, index, number, values)
    except InvalidValue as e:
        plan.reject(number, cells, error_text(e))
        return
    if action == "unchanged":
        text = _("{organisation} is up to date")
        plan.add([number], "unchanged", text.format(organisation=describe(index.by_id[org_id])))
    elif action == "duplicate":
        text = _("same as row {row}, skipped")
        plan.add([number], "duplicate", text.format(row=index.first_row[org_id]))
