"""Organisations: add, edit, look up and search (fast at tens of thousands of rows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict, Unpack

from sqlalchemy import ColumnElement, Connection, Select, exists, func, or_, select

from hubtui.domain.activity_types import LeaderGender, OrgKind
from hubtui.domain.countries import country_code
from hubtui.domain.errors import InvalidValue, Term, UserError
from hubtui.domain.orgnr import parse_orgnr
from hubtui.domain.regions import county as lookup_county
from hubtui.domain.regions import municipality as lookup_municipality
from hubtui.domain.size import parse_size_class
from hubtui.domain.sni import SNI_VERSION, parse_sni_codes
from hubtui.services.common import (
    as_date,
    choice,
    count_value,
    like_escape,
    optional_text,
    required_text,
)
from hubtui.store import Store, tables
from hubtui.store.derive import search_key
from hubtui.store.views import OrganisationView

_ORG = tables.ORGANISATION
_ACTIVITY = tables.ACTIVITY
_LINK = tables.ACTIVITY_ORGANISATION
_TEXT_NAMES = {"website": Term("Website"), "notes": Term("Notes")}

EDITABLE = (
    "country",
    "name",
    "orgnr",
    "kind",
    "county",
    "municipality",
    "employees",
    "size_override",
    "sni_codes",
    "founded",
    "leader_gender",
    "website",
    "notes",
)


def _orgnr_values(orgnr: str | None) -> dict[str, Any]:
    if orgnr is None or not orgnr.strip():
        return {"orgnr": None, "personal_number": False}
    info = parse_orgnr(orgnr)
    return {"orgnr": info.canonical, "personal_number": info.is_personal_number}


def _region_values(county: str | None, municipality: str | None) -> dict[str, Any]:
    county_code = lookup_county(county).code if county and county.strip() else None
    municipality_code = None
    if municipality and municipality.strip():
        found = lookup_municipality(municipality)
        municipality_code = found.code
        if county_code is None:
            county_code = found.county_code
        elif found.county_code != county_code:
            raise InvalidValue(
                (
                    "Municipality {code} {name} lies in county {county_code}, not {county_code2}; "
                    "correct the county or the municipality."
                ),
                code=found.code,
                name=found.name,
                county_code=found.county_code,
                county_code2=county_code,
                field="municipality",
            )
    return {"county": county_code, "municipality": municipality_code}


def _sni_text(codes: str | Iterable[str] | None) -> str:
    if codes is None:
        return ""
    return ",".join(parse_sni_codes(codes))


def _validated(values: Mapping[str, Any]) -> dict[str, Any]:
    """Column values for the fields given, each checked and in canonical form."""
    out: dict[str, Any] = {}
    if "name" in values:
        out["name"] = required_text(values["name"], Term("The organisation name"), field="name")
    if "orgnr" in values:
        out.update(_orgnr_values(values["orgnr"]))
    if "kind" in values:
        out["kind"] = choice(
            values["kind"], OrgKind, Term("an organisation kind"), field="kind"
        ).value
    if "county" in values or "municipality" in values:
        out.update(_region_values(values.get("county"), values.get("municipality")))
    if "employees" in values:
        employees = values["employees"]
        out["employees"] = (
            None
            if employees is None
            else count_value(employees, Term("Employees"), "employees", field="employees")
        )
    if "size_override" in values:
        override = values["size_override"]
        out["size_override"] = parse_size_class(override).value if override else None
    if "sni_codes" in values:
        out["sni_codes"] = _sni_text(values["sni_codes"])
        out["sni_version"] = SNI_VERSION
    if "founded" in values:
        founded = values["founded"]
        out["founded"] = (
            as_date(founded, Term("Founding date"), field="founded") if founded else None
        )
        if out["founded"] and out["founded"] > dt.date.today():
            raise InvalidValue(
                (
                    "Founding date {founded} is in the future; enter the date the organisation was "
                    "registered."
                ),
                field="founded",
                founded=out["founded"],
            )
    if "leader_gender" in values:
        gender = values["leader_gender"] or "unknown"
        out["leader_gender"] = choice(
            gender, LeaderGender, Term("a leader gender"), field="leader_gender"
        ).value
    if "country" in values:
        out["country"] = country_code(values["country"])
    for key in ("website", "notes"):
        if key in values:
            out[key] = optional_text(values[key], _TEXT_NAMES[key], field=key)
    return out


def _check_orgnr_free(conn: Connection, orgnr: str | None, own_id: str | None = None) -> None:
    if orgnr is None:
        return
    row = conn.execute(select(_ORG).where(_ORG.c.orgnr == orgnr)).mappings().first()
    if row is not None and row["id"] != own_id:
        if row["deleted"]:
            raise UserError(
                "Organisation number {orgnr} is already registered to {name} (deleted; restore "
                "it instead); edit that organisation instead of adding it again.",
                field="orgnr",
                orgnr=orgnr,
                name=row["name"],
            )
        raise UserError(
            "Organisation number {orgnr} is already registered to {name}; edit that "
            "organisation instead of adding it again.",
            field="orgnr",
            orgnr=orgnr,
            name=row["name"],
        )


def add_organisation(
    store: Store,
    *,
    name: str,
    orgnr: str | None = None,
    kind: str = "company",
    county: str | None = None,
    municipality: str | None = None,
    employees: int | None = None,
    size_override: str | None = None,
    sni_codes: str | Iterable[str] = (),
    founded: dt.date | str | None = None,
    leader_gender: str = "unknown",
    website: str = "",
    notes: str = "",
    country: str = "SE",
) -> OrganisationView:
    """Register an organisation; every value is checked before anything is written."""
    values = _validated(
        {
            "name": name,
            "orgnr": orgnr,
            "kind": kind,
            "county": county,
            "municipality": municipality,
            "employees": employees,
            "size_override": size_override,
            "sni_codes": sni_codes,
            "founded": founded,
            "leader_gender": leader_gender,
            "website": website,
            "notes": notes,
            "country": country,
        }
    )
    with store.read() as conn:
        _check_orgnr_free(conn, values["orgnr"])
    with store.write() as w:
        _check_orgnr_free(w.conn, values["orgnr"])  # another device may have won the race
        org_id = w.insert("organisation", values)
    return get_organisation(store, org_id)


def update_organisation(store: Store, org_id: str, **changes: Any) -> OrganisationView:
    """Change some fields of an organisation (only those given); returns the new state."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"organisation has no editable field(s) {sorted(unknown)}")
    current = get_organisation(store, org_id)
    if "county" in changes and "municipality" not in changes:
        # A new county must still hold the kept municipality.
        changes = {**changes, "municipality": current.municipality}
    elif "municipality" in changes and "county" not in changes:
        # A new municipality brings its own county; clearing it keeps the county.
        kept = None if changes["municipality"] else current.county
        changes = {**changes, "county": kept}
    values = _validated(changes)
    with store.read() as conn:
        if "orgnr" in values:
            _check_orgnr_free(conn, values["orgnr"], current.id)
    with store.write() as w:
        w.update("organisation", current.id, values)
    return get_organisation(store, current.id)


def delete_organisation(store: Store, org_id: str) -> bool:
    """Tombstone an organisation; its history and links stay."""
    current = get_organisation(store, org_id)
    with store.write() as w:
        return w.delete("organisation", current.id)


def restore_organisation(store: Store, org_id: str) -> bool:
    current = get_organisation(store, org_id, include_deleted=True)
    with store.write() as w:
        return w.restore("organisation", current.id)


def get_organisation(
    store: Store, org_id: str, *, include_deleted: bool = False
) -> OrganisationView:
    """The organisation with this id; UserError if there is none."""
    query = select(_ORG).where(_ORG.c.id == org_id)
    if not include_deleted:
        query = query.where(_ORG.c.deleted.is_(False))
    with store.read() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        raise UserError("There is no organisation with id {org_id}; check the id.", org_id=org_id)
    return OrganisationView.from_row(row)


def get_organisations(store: Store, ids: Iterable[str]) -> dict[str, OrganisationView]:
    """Several organisations by id in one query (deleted ones included)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    with store.read() as conn:
        rows = conn.execute(select(_ORG).where(_ORG.c.id.in_(wanted))).mappings()
        return {r["id"]: OrganisationView.from_row(r) for r in rows}


def _label(org: Mapping[Any, Any]) -> str:
    return f"{org['name']} ({org['orgnr']})" if org["orgnr"] else f"{org['name']} (no orgnr)"


def resolve_organisation(store: Store, ref: str) -> OrganisationView:
    """An organisation from an orgnr in any form, an id, its exact name or a unique part of it."""
    text = ref.strip()
    if not text:
        raise InvalidValue("The organisation is empty; give its orgnr or name.")
    live = _ORG.c.deleted.is_(False)
    with store.read() as conn:
        try:
            canonical = parse_orgnr(text).canonical
        except InvalidValue as bad:
            canonical = None
            looks_like_orgnr = text.replace("-", "").replace(" ", "").isdigit()
            if looks_like_orgnr and len(text.replace("-", "").replace(" ", "")) in (10, 12):
                raise bad from None
        if canonical is not None:
            row = conn.execute(select(_ORG).where(live, _ORG.c.orgnr == canonical)).mappings()
            found = row.first()
            if found is None:
                raise UserError(
                    "No organisation has orgnr {canonical}; add it first with its name and orgnr.",
                    canonical=canonical,
                )
            return OrganisationView.from_row(found)
        for condition in (_ORG.c.id == text, _ORG.c.name_key == search_key(text)):
            rows = conn.execute(select(_ORG).where(live, condition).limit(2)).mappings().all()
            if len(rows) == 1:
                return OrganisationView.from_row(rows[0])
            if len(rows) > 1:
                break
        pattern = f"%{like_escape(search_key(text))}%"
        rows = (
            conn.execute(
                select(_ORG)
                .where(live, _ORG.c.name_key.like(pattern, escape="\\"))
                .order_by(_ORG.c.name_key)
                .limit(4)
            )
            .mappings()
            .all()
        )
    if len(rows) == 1:
        return OrganisationView.from_row(rows[0])
    if not rows:
        raise UserError(
            "No organisation matches '{text}'; check the spelling or add it first.", text=text
        )
    shown = "; ".join(_label(r) for r in rows[:3])
    if len(rows) > 3:
        raise UserError(
            "'{text}' matches several organisations ({shown} and more); give the orgnr instead.",
            text=text,
            shown=shown,
        )
    raise UserError(
        "'{text}' matches several organisations ({shown}); give the orgnr instead.",
        text=text,
        shown=shown,
    )


def _orgnr_prefix(text: str) -> str | None:
    """The canonical-form prefix of typed orgnr digits ("5560360" -> "556036-0"), or None."""
    digits = text.replace("-", "").replace(" ", "")
    if not digits.isdigit() or len(digits) < 2:
        return None
    if len(digits) == 12 and digits[:2] in ("16", "19", "20"):
        digits = digits[2:]
    if len(digits) > 10:
        return None
    return digits if len(digits) <= 6 else f"{digits[:6]}-{digits[6:]}"


class OrganisationFilters(TypedDict, total=False):
    """What narrows a list of organisations besides the search text."""

    county: str | None
    size: str | None
    kind: str | None
    manufacturing: bool | None
    project_id: str | None
    include_deleted: bool


def _filters(
    text: str, filters: OrganisationFilters, *, whole_set: bool = False
) -> list[ColumnElement[bool]]:
    county, size, kind = filters.get("county"), filters.get("size"), filters.get("kind")
    manufacturing, project_id = filters.get("manufacturing"), filters.get("project_id")
    where: list[ColumnElement[bool]] = []
    if not filters.get("include_deleted", False):
        where.append(_ORG.c.deleted.is_(False))
    text = text.strip()
    if text:
        name_match = _ORG.c.name_key.like(f"%{like_escape(search_key(text))}%", escape="\\")
        prefix = _orgnr_prefix(text)
        if prefix is not None:
            where.append(or_(name_match, _ORG.c.orgnr.like(f"{prefix}%")))
        else:
            where.append(name_match)
    if county:
        where.append(_ORG.c.county == lookup_county(county).code)
    if size:
        where.append(_ORG.c.size_class == parse_size_class(size).value)
    if kind:
        where.append(_ORG.c.kind == choice(kind, OrgKind, Term("an organisation kind")).value)
    if manufacturing is not None:
        where.append(_ORG.c.manufacturing.is_(manufacturing))
    if project_id:
        where.append(_in_project(project_id, whole_set=whole_set))
    return where


def _in_project(project_id: str, *, whole_set: bool) -> ColumnElement[bool]:
    """Took part in the project. A page (LIMIT) stops early with a per-row EXISTS; a count
    needs every organisation, where one pass over the project's activities is far faster."""
    links = (
        select(_LINK.c.organisation_id)
        .join(_ACTIVITY, _ACTIVITY.c.id == _LINK.c.activity_id)
        .where(
            _LINK.c.deleted.is_(False),
            _ACTIVITY.c.deleted.is_(False),
            _ACTIVITY.c.project_id == project_id,
        )
    )
    if whole_set:
        return _ORG.c.id.in_(links)
    return exists(links.where(_LINK.c.organisation_id == _ORG.c.id))


def search_organisations(
    store: Store,
    text: str = "",
    *,
    limit: int | None = 50,
    offset: int = 0,
    **filters: Unpack[OrganisationFilters],
) -> list[OrganisationView]:
    """Organisations whose name contains `text` or whose orgnr starts with its digits."""
    where = _filters(text, filters)
    query: Select[Any] = select(_ORG).where(*where).order_by(_ORG.c.name_key, _ORG.c.id)
    query = query.limit(limit).offset(offset) if limit is not None else query.offset(offset)
    with store.read() as conn:
        return [OrganisationView.from_row(r) for r in conn.execute(query).mappings()]


def count_organisations(
    store: Store, text: str = "", **filters: Unpack[OrganisationFilters]
) -> int:
    """How many organisations `search_organisations` would find without a limit."""
    where = _filters(text, filters, whole_set=True)
    with store.read() as conn:
        query = select(func.count()).select_from(_ORG).where(*where)
        return int(conn.execute(query).scalar_one())
