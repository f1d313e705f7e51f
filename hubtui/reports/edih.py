"""The EDIH side: customers, services, events and collaborations of a period, shaped for
re-keying into the EU's hub KPI tool (English terms; see docs/reports.md for the columns)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hubtui.domain.activity_types import ACTIVITY_TYPES, Category
from hubtui.domain.attendance import Attendance
from hubtui.domain.periods import Period
from hubtui.domain.regions import (
    County,
    Municipality,
    UnknownRegion,
    county,
    municipality,
    nuts_code,
)
from hubtui.domain.sni import nace_class
from hubtui.reports import queries
from hubtui.store import Store
from hubtui.store.views import ProjectView

# The KPI tool's customer types.
CUSTOMER_TYPES = {
    "micro": "SME",
    "small": "SME",
    "medium": "SME",
    "large": "Large enterprise",
}
KIND_TYPES = {"public_body": "Public sector organisation", "research": "Research organisation"}


@dataclass(frozen=True)
class EdihSheet:
    name: str  # customers, services, events, collaborations
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


def _region(code: str | None, lookup: Callable[[str], County | Municipality]) -> str:
    if not code:
        return ""
    try:
        return lookup(code).name
    except UnknownRegion:
        return code


def _customer_type(row: queries.ParticipantRow) -> str:
    if row.kind in KIND_TYPES:
        return KIND_TYPES[row.kind]
    if row.kind == "company":
        return CUSTOMER_TYPES.get(row.size_class or "", "Enterprise (size unknown)")
    return "Other"


def _vat(row: queries.ParticipantRow) -> str:
    """Swedish VAT numbers are SE + the orgnr's ten digits + 01 (never for a personnummer)."""
    if not row.orgnr or row.personal_number:
        return ""
    return "SE" + row.orgnr.replace("-", "") + "01"


def _nace(sni_codes: str) -> str:
    """NACE Rev. 2 classes from the SNI 2007 codes (first four digits), space-separated."""
    classes = (nace_class(c) for c in sni_codes.replace(";", ",").split(",") if c.strip())
    return " ".join(dict.fromkeys(c for c in classes if c))


def _category(value: str) -> str:
    try:
        return Category(value).en
    except ValueError:
        return value


def _type(value: str) -> str:
    kind = ACTIVITY_TYPES.get(value)
    return kind.en if kind else value


def edih_sheets(store: Store, view: ProjectView, span: Period) -> list[EdihSheet]:
    with store.read() as conn:
        args = (conn, view.id, span.start, span.end)
        members = queries.participants(*args)
        served = queries.services(*args)
        events = queries.group_events(*args)
        partners = queries.collaborations(*args)
    names = {m.organisation_id: m for m in members}
    customers = EdihSheet(
        "customers",
        (
            "customer_name",
            "vat_number",
            "orgnr",
            "country",
            "nuts_code",
            "region",
            "municipality",
            "customer_type",
            "size_class",
            "nace_codes",
            "first_service_date",
        ),
        tuple(
            (
                m.name,
                _vat(m),
                "" if m.personal_number else (m.orgnr or ""),
                m.country or "SE",
                nuts_code(m.county) if (m.country or "SE") == "SE" else "",
                _region(m.county, county) if (m.country or "SE") == "SE" else "",
                _region(m.municipality, municipality) if (m.country or "SE") == "SE" else "",
                _customer_type(m),
                # as in the participant list: a size class is a company's (EU 2003/361)
                (m.size_class or "") if m.kind == "company" else "",
                _nace(m.sni_codes),
                m.first_support,
            )
            for m in members
        ),
    )
    services = EdihSheet(
        "services",
        (
            "service_date",
            "customer_name",
            "vat_number",
            "service_category",
            "service_type",
            "description",
            "testbed",
            "hours",
        ),
        tuple(
            (
                s.date,
                names[s.organisation_id].name if s.organisation_id in names else "",
                _vat(names[s.organisation_id]) if s.organisation_id in names else "",
                _category(s.category),
                _type(s.type),
                s.title,
                s.testbed,
                s.hours,
            )
            for s in served
        ),
    )
    return [customers, services, _events(events), _collaborations(partners)]


def _events(events: Sequence[queries.EventRow]) -> EdihSheet:
    """Events with their number of participants. The KPI tool takes records, not published
    tables: numbers only, and no split by gender (one woman at a small event is identifiable)."""
    rows = tuple(
        (
            e.date,
            e.title,
            _type(e.type),
            _category(e.category),
            e.organisations,
            Attendance.of(e).total,
        )
        for e in events
    )
    headers = (
        "event_date",
        "title",
        "event_type",
        "service_category",
        "organisations",
        "participants",
    )
    return EdihSheet("events", headers, rows)


def _collaborations(partners: Sequence[queries.CollaborationRow]) -> EdihSheet:
    return EdihSheet(
        "collaborations",
        ("collaboration_date", "partner", "description"),
        tuple((c.date, c.partner, c.note) for c in partners),
    )
