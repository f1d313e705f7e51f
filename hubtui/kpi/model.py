"""What the KPI engine returns, and the rules that turn a value into progress and status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from hubtui.domain.metrics import RATIO_METRICS
from hubtui.domain.periods import Period
from hubtui.i18n import shown_label
from hubtui.store.views import ProjectView

Status = Literal["ahead", "on_track", "behind"]
Number = int | float

# A KPI is on track while its cumulative value is within 5 % (relative) of the value expected
# by now; more than that above is "ahead", below is "behind".
STATUS_TOLERANCE = 0.05
# New enterprises (RCO05): founded at most this many years before their first support.
NEW_COMPANY_YEARS = 3

ORGANISATION_METRICS = frozenset(
    {
        "companies_supported",
        "new_companies_supported",
        "research_cooperation",
        "women_led_companies",
    }
)
ACTIVITY_METRICS = frozenset({"activities", "participants", "hours", "women_share"})
DMA_METRICS = frozenset({"dma_assessed", "dma_improved"})


@dataclass(frozen=True)
class KpiResult:
    """One KPI of a project for one period.

    ``breakdown`` splits the cumulative value (e.g. {"size": {"micro": 9, …}}); shares of
    enterprises by category may add up to more than the total, since one enterprise can get
    several kinds of service. ``details`` carries the parts of a share (women, men, …).
    A value is None only for a share with nobody to divide by. ``new_value`` is set for
    distinct organisations only: those supported for the first time in the project in this
    period (the cumulative value less the one at the day before the period starts).
    """

    id: str
    label: str
    metric: str
    target: Number
    period_value: Number | None
    cumulative_value: Number | None
    expected_by_now: float
    progress: float | None
    status: Status
    breakdown: Mapping[str, Mapping[str, Number]] = field(default_factory=dict)
    details: Mapping[str, Number] = field(default_factory=dict)
    new_value: Number | None = None
    label_en: str = ""  # the goals file's English label, if it gives one

    @property
    def is_ratio(self) -> bool:
        return self.metric in RATIO_METRICS

    @property
    def shown_label(self) -> str:
        """The label in the user's language: the English one in English, if the goals file
        gives it (a report takes its own language instead, see reports.labels.goal_label)."""
        return shown_label(self.label, self.label_en)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "label_en": self.label_en,
            "metric": self.metric,
            "target": self.target,
            "period_value": self.period_value,
            "cumulative_value": self.cumulative_value,
            "expected_by_now": self.expected_by_now,
            "progress": self.progress,
            "status": self.status,
            "breakdown": {k: dict(v) for k, v in self.breakdown.items()},
        }
        if self.details:
            out["details"] = dict(self.details)
        return out


@dataclass(frozen=True)
class ProjectKpis:
    project: ProjectView
    period: Period
    kpis: tuple[KpiResult, ...]

    def kpi(self, kpi_id: str) -> KpiResult:
        for k in self.kpis:
            if k.id == kpi_id:
                return k
        raise KeyError(kpi_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "project": self.project.code,
            "period": period_dict(self.period),
            "kpis": [k.as_dict() for k in self.kpis],
        }


@dataclass(frozen=True)
class SeriesPoint:
    """A KPI's value in one reporting period and cumulatively at its end; for distinct
    organisations also the new ones (supported for the first time in the period)."""

    period: Period
    period_value: Number | None
    cumulative_value: Number | None
    expected_by_now: float
    new_value: Number | None = None


@dataclass(frozen=True)
class DrillRow:
    """One organisation, activity, investment or collaboration behind a KPI's number."""

    entity: str
    id: str
    name: str
    date: dt.date | None
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DrillDown:
    kpi_id: str
    metric: str
    period: Period
    cumulative: bool
    entity: str
    columns: tuple[str, ...]
    rows: tuple[DrillRow, ...]


def period_dict(period: Period) -> dict[str, str]:
    return {"label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()}


def plain_number(value: float | int | None, metric: str) -> Number | None:
    """Counts as int, sums of hours and money as float rounded to cents, shares to 3 places."""
    if value is None:
        return None
    if metric in RATIO_METRICS:
        return round(float(value), 3)
    if metric in ("hours", "investment_triggered"):
        number = round(float(value), 2)
        return int(number) if number.is_integer() else number
    return int(value)


def expected_by_now(target: Number, metric: str, elapsed: float) -> float:
    """Target × elapsed share for counts; the target itself for shares."""
    if metric in RATIO_METRICS:
        return float(target)
    return round(float(target) * elapsed, 2)


def progress_of(cumulative: Number | None, target: Number) -> float | None:
    if cumulative is None or not target:
        return None
    return round(float(cumulative) / float(target), 3)


def status_of(cumulative: Number | None, expected: float) -> Status:
    """Compare the cumulative value with what is expected by now (see STATUS_TOLERANCE)."""
    if cumulative is None:  # a share of nobody: nothing shows the goal is being met
        return "behind" if expected > 0 else "on_track"
    if expected <= 0:
        return "ahead" if cumulative > 0 else "on_track"
    if cumulative > expected * (1 + STATUS_TOLERANCE):
        return "ahead"
    if cumulative < expected * (1 - STATUS_TOLERANCE):
        return "behind"
    return "on_track"
