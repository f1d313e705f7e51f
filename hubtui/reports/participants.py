"""The deltagarlista: every organisation supported in the period, with what it received.

A sole trader's orgnr is a personnummer (personal data): it is masked unless personal data
is asked for (`--with-personal-data`), which also adds the contact persons' e-mail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hubtui.domain.activity_types import OrgKind
from hubtui.domain.regions import UnknownRegion, county, municipality
from hubtui.domain.size import SizeClass
from hubtui.reports.labels import UNKNOWN_SIZE
from hubtui.reports.queries import ParticipantRow


@dataclass(frozen=True)
class Participant:
    name: str
    orgnr: str  # "" for a sole trader when personal data was not asked for (`masked`)
    kind: str  # an OrgKind value
    municipality: str
    county: str
    employees: int | None
    size_class: str  # a company's size class ("unknown" if not known); "" for others
    sni: str
    support: tuple[str, ...]  # the activity types received in the period
    hours: float
    first_in_period: dt.date | None
    last_in_period: dt.date | None
    first_support: dt.date  # first support in the project (may lie before the period)
    email: str | None  # None unless personal data was asked for
    masked: bool = False  # a sole trader's personnummer, left out


def _place(code: str | None, which: str) -> str:
    if not code:
        return ""
    try:
        return county(code).name if which == "county" else municipality(code).name
    except UnknownRegion:
        return code


_SIZES = frozenset(s.value for s in SizeClass)


def _size(member: ParticipantRow) -> str:
    if member.kind != OrgKind.COMPANY:
        return ""
    return member.size_class if member.size_class in _SIZES else UNKNOWN_SIZE


def participant_lines(
    members: Sequence[ParticipantRow],
    emails: Mapping[str, str],
    *,
    personal: bool,
) -> tuple[Participant, ...]:
    return tuple(
        Participant(
            name=m.name,
            orgnr="" if m.personal_number and not personal else m.orgnr or "",
            masked=bool(m.personal_number and not personal),
            kind=m.kind,
            municipality=_place(m.municipality, "municipality"),
            county=_place(m.county, "county"),
            employees=m.employees,
            size_class=_size(m),
            sni=" ".join(c.strip() for c in m.sni_codes.replace(";", ",").split(",") if c.strip()),
            support=m.types,
            hours=m.hours,
            first_in_period=m.first_in_range,
            last_in_period=m.last_in_range,
            first_support=m.first_support,
            email=emails.get(m.organisation_id, "") if personal else None,
        )
        for m in members
    )
