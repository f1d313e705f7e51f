"""The counting rule of each indicator in plain words, from its metric and its filters, so a
label never promises more than what is counted (printed under the indicator table)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hubtui.domain import activity_types as at
from hubtui.domain.metrics import METRICS
from hubtui.domain.regions import UnknownRegion, county
from hubtui.domain.size import SizeClass
from hubtui.reports.labels import ReportLang, label
from hubtui.store.views import GoalView


def _enum(kind: Callable[[str], Any], lang: ReportLang) -> Callable[[str], str]:
    def text(value: str) -> str:
        try:
            return str(at.label(kind(value), lang))
        except ValueError:
            return value

    return text


def _type(value: str, lang: ReportLang) -> str:
    kind = at.ACTIVITY_TYPES.get(value)
    return at.label(kind, lang) if kind else value


def _county(value: str, lang: ReportLang) -> str:
    try:
        return county(value).name
    except UnknownRegion:
        return value


def _filters(where: Mapping[str, Any], lang: ReportLang) -> list[str]:
    namers: dict[str, Callable[[str], str]] = {
        "types": lambda v: _type(v, lang),
        "categories": _enum(at.Category, lang),
        "size": _enum(SizeClass, lang),
        "counties": lambda v: _county(v, lang),
        "kinds": _enum(at.OrgKind, lang),
        "support": _enum(at.SupportForm, lang),
    }
    parts = []
    for key, name in namers.items():
        values = where.get(key)
        if values:
            parts.append(f"{label('rule_' + key, lang)}: {', '.join(name(v) for v in values)}")
    if where.get("manufacturing") is True:
        parts.append(label("rule_manufacturing", lang))
    elif where.get("manufacturing") is False:
        parts.append(label("rule_not_manufacturing", lang))
    return parts


def counting_rule(goal: GoalView, lang: ReportLang) -> str:
    """ "RCO01 Företag som fått stöd: räknar Företag som fått stöd; storleksklass: mikro."""
    metric = METRICS.get(goal.metric)
    what = (metric.sv if lang == "sv" else metric.en) if metric else goal.metric
    filters = _filters(goal.where, lang)
    scope = "; ".join(filters) if filters else label("rule_everything", lang)
    name = goal.label_en if lang == "en" and goal.label_en else goal.label
    return label("rule_line", lang).format(id=goal.key, label=name, what=what, scope=scope)
