"""The indicator table and the size-class breakdown, straight from the KPI engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hubtui.domain.metrics import RATIO_METRICS
from hubtui.domain.periods import Period
from hubtui.domain.size import SizeClass
from hubtui.kpi import compute_kpis
from hubtui.store import Store
from hubtui.store.views import GoalView, ProjectView

SIZE_ORDER = tuple(SizeClass)


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str  # the goal's label as the goals file gives it
    metric: str
    target: float
    period_value: float | None  # None: a share of nobody
    cumulative_value: float | None
    expected_by_now: float
    progress: float | None
    status: str  # ahead, on_track, behind
    label_en: str = ""  # the goal's English label, if the goals file gives one

    @property
    def is_ratio(self) -> bool:
        return self.metric in RATIO_METRICS


@dataclass(frozen=True)
class SizeLine:
    key: str  # a size class; "" when not known
    value: float


@dataclass(frozen=True)
class Results:
    indicators: tuple[Indicator, ...]
    sizes: tuple[SizeLine, ...]
    size_kpi: Indicator | None  # the KPI the sizes split


def indicators_of(
    store: Store, project: ProjectView, span: Period, goals: Sequence[GoalView]
) -> Results:
    """The engine's KPIs for the period (its "expected by now" is as of the period's end)."""
    kpis = compute_kpis(store, project, span)
    english = {g.key: g.label_en for g in goals if g.label_en}
    indicators = tuple(
        Indicator(
            id=k.id,
            label=k.label,
            label_en=english.get(k.id, ""),
            metric=k.metric,
            target=float(k.target),
            period_value=None if k.period_value is None else float(k.period_value),
            cumulative_value=None if k.cumulative_value is None else float(k.cumulative_value),
            expected_by_now=float(k.expected_by_now),
            progress=k.progress,
            status=k.status,
        )
        for k in kpis.kpis
    )
    # The size split of the first enterprise-count KPI (RCO01-like), cumulative as the engine
    # gives it; RCO02-04 split the same way would repeat the same companies.
    source = next(
        (k for k in kpis.kpis if k.metric == "companies_supported" and "size" in k.breakdown),
        None,
    )
    sizes: tuple[SizeLine, ...] = ()
    if source is not None:
        split = source.breakdown["size"]
        keys = [s.value for s in SIZE_ORDER if s.value in split]
        keys += sorted(k for k in split if k not in keys)
        known = {s.value for s in SIZE_ORDER}
        sizes = tuple(SizeLine(k if k in known else "", float(split[k])) for k in keys)
    size_kpi = next((i for i in indicators if source is not None and i.id == source.id), None)
    return Results(indicators, sizes, size_kpi)
