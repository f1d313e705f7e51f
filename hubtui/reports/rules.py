"""The counting rule of each indicator in plain words, from its metric and its filters, so a
label never promises more than what is counted (printed under the indicator table).

The report holds each goal's rule as values (`CountingRule`); `counting_rule` words it in the
report's language when a format writer renders it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hubtui.domain import activity_types as at
from hubtui.domain.metrics import METRICS
from hubtui.domain.regions import UnknownRegion, county
from hubtui.domain.size import SizeClass
from hubtui.reports.labels import (
    ReportLang,
    county_label,
    enum_text,
    goal_label,
    label,
    type_label,
)
from hubtui.store.views import GoalView


@dataclass(frozen=True)
class CountingRule:
    """What a goal counts: its metric and filters (`where`, as in the goals file)."""

    id: str
    label: str
    label_en: str = ""
    metric: str = ""
    where: Mapping[str, Any] = field(default_factory=dict)
    worded: str = ""  # the rule already in words (a submission frozen by an older version)

    @classmethod
    def of(cls, goal: GoalView) -> CountingRule:
        return cls(goal.key, goal.label, goal.label_en, goal.metric, dict(goal.where))


def _county(value: str) -> str:
    try:
        return county(value).name
    except UnknownRegion:
        return value


def _filters(where: Mapping[str, Any], lang: ReportLang) -> list[str]:
    namers: dict[str, Callable[[str], str]] = {
        "types": lambda v: type_label(v, lang),
        "categories": lambda v: enum_text(at.Category, v, lang),
        "size": lambda v: enum_text(SizeClass, v, lang),
        "counties": lambda v: county_label(_county(v), lang),
        "kinds": lambda v: enum_text(at.OrgKind, v, lang),
        "support": lambda v: enum_text(at.SupportForm, v, lang),
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


def _what(rule: CountingRule, lang: ReportLang) -> str:
    """The metric as a noun phrase inside the sentence ("räknar företag som fått stöd")."""
    kinds = rule.where.get("kinds")
    if rule.metric == "companies_supported" and kinds and set(kinds) != {"company"}:
        return label("rule_orgs_supported", lang)  # public bodies are not "företag"
    metric = METRICS.get(rule.metric)
    what = (metric.sv if lang == "sv" else metric.en) if metric else rule.metric
    return what if what[:2].isupper() else what[:1].lower() + what[1:]  # "DMA …" kept


def counting_rule(rule: CountingRule, lang: ReportLang, *, named: bool = True) -> str:
    """ "Företag som fått stöd: räknar företag som fått stöd; storleksklasser: Mikroföretag."

    The goal's id is left out: the reader of the report knows the indicator by its name.
    `named=False`: without the name ("Räknar …"), beside a cell that names it already."""
    if rule.worded:
        return rule.worded
    what = _what(rule, lang)
    filters = _filters(rule.where, lang)
    scope = "; ".join(filters) if filters else label("rule_everything", lang)
    name = goal_label(rule.label, rule.label_en, lang)
    if not named:
        return label("rule_body", lang).format(what=what, scope=scope)
    return label("rule_line", lang).format(label=name, what=what, scope=scope)
