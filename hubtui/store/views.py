"""Frozen views of rows: what services hand to the command line, the TUI and reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hubtui.domain.attendance import Attendance, is_group_event


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in text.split(",") if c)


@functools.cache
def _field_names(view: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(view))


def _row_values(view: type, row: Mapping[Any, Any], **converted: Any) -> dict[str, Any]:
    """The fields of a view dataclass taken from the row's columns of the same name, except
    those given already converted."""
    return {
        name: converted[name] if name in converted else row[name] for name in _field_names(view)
    }


@dataclass(frozen=True)
class OrganisationView:
    id: str
    orgnr: str | None
    name: str
    kind: str
    county: str | None
    municipality: str | None
    employees: int | None
    size_class: str | None
    size_override: str | None
    sni_codes: tuple[str, ...]
    manufacturing: bool
    founded: dt.date | None
    leader_gender: str
    personal_number: bool
    website: str
    notes: str
    deleted: bool = False
    country: str = "SE"  # ISO 3166-1 alpha-2

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> OrganisationView:
        return cls(
            **_row_values(
                cls,
                row,
                sni_codes=_codes(row["sni_codes"] or ""),
                manufacturing=bool(row["manufacturing"]),
                personal_number=bool(row["personal_number"]),
                deleted=bool(row["deleted"]),
            )
        )


@dataclass(frozen=True)
class OrgRef:
    id: str
    name: str
    orgnr: str | None


@dataclass(frozen=True)
class ContactView:
    id: str
    organisation_id: str | None
    organisation_name: str
    name: str
    role: str
    email: str
    phone: str
    legal_basis: str


@dataclass(frozen=True)
class ProjectView:
    id: str
    code: str
    name: str
    start: dt.date
    end: dt.date
    counties: tuple[str, ...]
    funders: tuple[str, ...]
    period_months: int
    owner: str
    description: str
    aid: str = ""  # JSON of the goals file's [aid] table (hubtui.domain.aid_settings)
    beneficiary_orgnr: str = ""
    case_number: str = ""
    programme: str = ""
    contact: str = ""
    edih: bool = False

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> ProjectView:
        return cls(
            **_row_values(
                cls,
                row,
                counties=tuple(json.loads(row["counties"] or "[]")),
                funders=tuple(json.loads(row["funders"] or "[]")),
            )
        )


@dataclass(frozen=True)
class GoalView:
    id: str
    project_id: str
    key: str
    label: str
    metric: str
    target: float
    where: Mapping[str, Any]
    position: int
    label_en: str = ""

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> GoalView:
        return cls(**_row_values(cls, row, where=json.loads(row["where"] or "{}")))


@dataclass(frozen=True)
class ActivityView:
    id: str
    project_id: str
    project_code: str
    type: str
    date: dt.date
    advisor: str
    hours: float | None
    title: str
    note: str
    category: str
    support: str
    joint_rd: bool
    women: int
    men: int
    other: int
    unstated: int
    testbed_id: str | None
    testbed_name: str
    outcome: str
    aid_sek: float | None = None  # an aid value entered for the activity
    aid_scheme: str | None = None  # None: the project's scheme
    organisations: tuple[OrgRef, ...] = ()
    deleted: bool = False

    @property
    def attendance(self) -> Attendance:
        return Attendance(self.women, self.men, self.other, self.unstated)

    @property
    def participants(self) -> int:
        return self.attendance.total

    @property
    def is_group_event(self) -> bool:
        """A group event (`hubtui.domain.attendance.is_group_event`)."""
        return is_group_event(self.type, self.participants)


@dataclass(frozen=True)
class TestbedView:
    id: str
    name: str
    host_organisation_id: str | None
    location: str


@dataclass(frozen=True)
class DmaView:
    id: str
    organisation_id: str
    project_id: str | None
    stage: str
    date: dt.date
    scores: tuple[int, ...]
    overall: float


@dataclass(frozen=True)
class InvestmentView:
    id: str
    project_id: str
    organisation_id: str | None
    date: dt.date
    amount: float
    currency: str
    source: str

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> InvestmentView:
        return cls(**_row_values(cls, row, amount=float(row["amount"])))


@dataclass(frozen=True)
class CollaborationView:
    id: str
    project_id: str
    partner: str
    date: dt.date
    note: str

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> CollaborationView:
        return cls(**_row_values(cls, row))


@dataclass(frozen=True)
class ChangeView:
    id: str
    entity: str
    entity_id: str
    field: str
    value: Any
    hlc: str
    origin: str
    advisor: str
    recorded_at: dt.datetime
    extra: Mapping[str, Any] = dataclasses.field(default_factory=dict)
