"""The deltagarlista: every organisation supported in the period, with what it received.

A sole trader's orgnr is a personnummer (personal data): it is masked unless personal data
is asked for (`--with-personal-data`), which also adds the contact persons' e-mail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hubtui.domain.activity_types import ACTIVITY_TYPES, OrgKind
from hubtui.domain.activity_types import label as enum_label
from hubtui.domain.regions import UnknownRegion, county, municipality
from hubtui.domain.size import SizeClass
from hubtui.reports.labels import ReportLang, label
from hubtui.reports.queries import ParticipantRow


@dataclass(frozen=True)
class Participant:
    name: str
    orgnr: str
    kind: str
    municipality: str
    county: str
    employees: int | None
    size_class: str
    sni: str
    support: str  # the activity types received in the period
    hours: float
    first_in_period: dt.date | None
    last_in_period: dt.date | None
    first_support: dt.date  # first support in the project (may lie before the period)
    email: str | None  # None unless personal data was asked for


def _place(code: str | None, which: str) -> str:
    if not code:
        return ""
    try:
        return county(code).name if which == "county" else municipality(code).name
    except UnknownRegion:
        return code


def _kind(value: str, lang: ReportLang) -> str:
    try:
        return enum_label(OrgKind(value), lang)
    except ValueError:
        return value


def _size(value: str | None, lang: ReportLang) -> str:
    try:
        return enum_label(SizeClass(value or ""), lang)
    except ValueError:
        return label("size_unknown", lang)


def _types(ids: Sequence[str], lang: ReportLang) -> str:
    names = [enum_label(ACTIVITY_TYPES[t], lang) if t in ACTIVITY_TYPES else t for t in ids]
    return ", ".join(sorted(names))


def orgnr_text(member: ParticipantRow, personal: bool, lang: ReportLang) -> str:
    """A sole trader's orgnr is a personnummer: shown only with personal data asked for."""
    if member.personal_number and not personal:
        return label("sole_trader", lang)
    return member.orgnr or ""


def participant_lines(
    members: Sequence[ParticipantRow],
    types: Mapping[str, Sequence[str]],
    emails: Mapping[str, str],
    *,
    personal: bool,
    lang: ReportLang,
) -> tuple[Participant, ...]:
    return tuple(
        Participant(
            name=m.name,
            orgnr=orgnr_text(m, personal, lang),
            kind=_kind(m.kind, lang),
            municipality=_place(m.municipality, "municipality"),
            county=_place(m.county, "county"),
            employees=m.employees,
            size_class=_size(m.size_class, lang) if m.kind == OrgKind.COMPANY else "",
            sni=" ".join(c.strip() for c in m.sni_codes.replace(";", ",").split(",") if c.strip()),
            support=_types(types.get(m.organisation_id, ()), lang),
            hours=m.hours,
            first_in_period=m.first_in_range,
            last_in_period=m.last_in_range,
            first_support=m.first_support,
            email=emails.get(m.organisation_id, "") if personal else None,
        )
        for m in members
    )
