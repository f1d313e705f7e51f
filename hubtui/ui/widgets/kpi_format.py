"""How KPI numbers, statuses and breakdown keys are written on the KPI screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hubtui.domain.activity_types import ACTIVITY_TYPES, Category, label
from hubtui.domain.size import SizeClass
from hubtui.ui.i18n import N_, _, language, number

if TYPE_CHECKING:
    from hubtui.kpi import KpiResult

STATUS_LABELS = {"ahead": N_("ahead"), "on_track": N_("on track"), "behind": N_("behind")}
STATUS_ORDER = {"behind": 0, "on_track": 1, "ahead": 2}
DIMENSION_LABELS = {
    "size": N_("Size class"),
    "county": N_("County"),
    "category": N_("Service category"),
    "type": N_("Activity type"),
    "currency": N_("Currency"),
}
RATIO = "women_share"
WHOLE_FROM = 1000  # values this large are shown without decimals


def number_text(value: float | None, metric: str) -> str:
    """A KPI value as shown: shares in per cent, others grouped by thousands as the language
    writes them (like every count in the app), one decimal below 1 000 unless whole."""
    if value is None:
        return "–"
    if metric == RATIO:
        return decimal_text(round(value * 100, 1)) + " %"
    # A tenth says something about 16.6 companies, nothing about 999 087.6 kronor.
    return decimal_text(round(float(value), 1 if abs(value) < WHOLE_FROM else None))


def decimal_text(value: float) -> str:
    if float(value).is_integer():
        return number(int(value))
    whole, tenths = f"{abs(value):.1f}".split(".")
    separator = "," if language() == "sv" else "."
    return ("-" if value < 0 else "") + number(int(whole)) + separator + tenths


def status_text(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def lagging_first(results: list[KpiResult]) -> list[KpiResult]:
    """Behind before on track before ahead; within a status, the furthest behind first."""

    def how_far(k: KpiResult) -> float:
        if k.cumulative_value is None:
            return 0.0
        return float(k.cumulative_value) / k.expected_by_now if k.expected_by_now else 1e9

    return sorted(results, key=lambda k: (STATUS_ORDER.get(k.status, 0), how_far(k)))


def key_text(dimension: str, key: str) -> str:
    """A breakdown key in words (size class, category, activity type); counties keep codes."""
    lang = language()
    if dimension == "size" and key in SizeClass.__members__.values():
        return label(SizeClass(key), lang)
    if dimension == "category" and key in Category.__members__.values():
        return label(Category(key), lang)
    if dimension == "type" and key in ACTIVITY_TYPES:
        return label(ACTIVITY_TYPES[key], lang)
    if key == "unknown":
        return _("unknown")
    if dimension == "county":
        from hubtui.domain.regions import UnknownRegion, county

        try:
            return f"{key} {county(key).name}"
        except UnknownRegion:
            return key
    return key
