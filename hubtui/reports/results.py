"""The indicator table and the size-class breakdown, straight from the KPI engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hubtui.domain.activity_types import label as enum_label
from hubtui.domain.metrics import RATIO_METRICS
from hubtui.domain.periods import Period
from hubtui.domain.size import SizeClass
from hubtui.kpi import compute_kpis, resolve
from hubtui.reports.labels import ReportLang, label
from hubtui.services.projects import goals_of
from hubtui.store import Store

SIZE_ORDER = tuple(SizeClass)


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    metric: str
    target: float
    period_value: float | None  # None: a share of nobody
    cumulative_value: float | None
    expected_by_now: float
    progress: float | None
    status: str
    status_label: str

    @property
    def is_ratio(self) -> bool:
        return self.metric in RATIO_METRICS


@dataclass(frozen=True)
class SizeLine:
    key: str
    label: str
    value: float


@dataclass(frozen=True)
class Results:
    indicators: tuple[Indicator, ...]
    sizes: tuple[SizeLine, ...]
    size_kpi_label: str


def indicators_of(
    store: Store, project: str, span: Period, lang: ReportLang, *, today: dt.date
) -> Results:
    """The engine's KPIs for the period (its "expected by now" is as of the period's end)."""
    view, period = resolve(store, project, span, today=today)
    kpis = compute_kpis(store, view, period)
    english = {g.key: g.label_en for g in goals_of(store, view.id) if g.label_en}
    indicators = tuple(
        Indicator(
            id=k.id,
            label=english.get(k.id, k.label) if lang == "en" else k.label,
            metric=k.metric,
            target=float(k.target),
            period_value=None if k.period_value is None else float(k.period_value),
            cumulative_value=None if k.cumulative_value is None else float(k.cumulative_value),
            expected_by_now=float(k.expected_by_now),
            progress=k.progress,
            status=k.status,
            status_label=label(f"status_{k.status}", lang),
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
        sizes = tuple(SizeLine(k, _size_label(k, lang), float(split[k])) for k in keys)
    size_label = (
        (english.get(source.id, source.label) if lang == "en" else source.label) if source else ""
    )
    return Results(indicators, sizes, size_label)


def _size_label(key: str, lang: ReportLang) -> str:
    try:
        return enum_label(SizeClass(key), lang)
    except ValueError:
        return label("size_unknown", lang)
