"""Frozen views of rows: what services hand to the command line, the TUI and reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in text.split(",") if c)


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

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> OrganisationView:
        return cls(
            id=row["id"],
            orgnr=row["orgnr"],
            name=row["name"],
            kind=row["kind"],
            county=row["county"],
            municipality=row["municipality"],
            employees=row["employees"],
            size_class=row["size_class"],
            size_override=row["size_override"],
            sni_codes=_codes(row["sni_codes"] or ""),
            manufacturing=bool(row["manufacturing"]),
            founded=row["founded"],
            leader_gender=row["leader_gender"],
            personal_number=bool(row["personal_number"]),
            website=row["website"],
            notes=row["notes"],
            deleted=bool(row["deleted"]),
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

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> ProjectView:
        return cls(
            id=row["id"],
            code=row["code"],
            name=row["name"],
            start=row["start"],
            end=row["end"],
            counties=tuple(json.loads(row["counties"] or "[]")),
            funders=tuple(json.loads(row["funders"] or "[]")),
            period_months=row["period_months"],
            owner=row["owner"],
            description=row["description"],
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

    @classmethod
    def from_row(cls, row: Mapping[Any, Any]) -> GoalView:
        return cls(
            id=row["id"],
            project_id=row["project_id"],
            key=row["key"],
            label=row["label"],
            metric=row["metric"],
            target=row["target"],
            where=json.loads(row["where"] or "{}"),
            position=row["position"],
        )


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
    organisations: tuple[OrgRef, ...] = ()
    deleted: bool = False

    @property
    def participants(self) -> int:
        return self.women + self.men + self.other + self.unstated


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


@dataclass(frozen=True)
class CollaborationView:
    id: str
    project_id: str
    partner: str
    date: dt.date
    note: str


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
