"""The goals file: a TOML file with a project's dates and KPI targets, edited by project leaders.

``parse_goals`` validates everything and reports mistakes as one-sentence ``UserError``s that
name the file, the line when it can be found and the KPI. ``dump_goals``
(in ``goals_toml``) writes it back in a canonical layout.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hubtui.domain import activity_types as at
from hubtui.domain.aid_settings import AidSettings, parse_aid
from hubtui.domain.bounds import KPI_TARGET, PERIOD_MONTHS
from hubtui.domain.bounds import shown as shown_number
from hubtui.domain.errors import InvalidValue, Phrase, Term, UserError
from hubtui.domain.goals_source import (
    At,
    GoalsError,
    Lines,
    check_keys,
    date_value,
    text_list,
    text_value,
    toml_literal,
)
from hubtui.domain.metrics import METRICS, RATIO_METRICS
from hubtui.domain.metrics import MetricInfo as MetricInfo  # re-exported
from hubtui.domain.project_meta import META_KEYS, MetaError, parse_meta
from hubtui.domain.regions import county
from hubtui.domain.size import SizeClass

WhereValue = tuple[str, ...] | bool


def _ids(allowed: Sequence[str], what: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        v = value.strip().lower()
        if v not in allowed:
            raise InvalidValue(
                "'{value}' is not {what}; use one of {allowed}",
                value=value,
                what=Term(what),
                allowed=", ".join(allowed),
            )
        return v

    return check


def _activity_type_id(value: str) -> str:
    return at.activity_type(value).id


def _county_code(value: str) -> str:
    return county(value).code


# The filter keys of ``where`` in canonical order, with the normaliser of one list item.
WHERE_KEYS: dict[str, Callable[[str], str] | None] = {
    "types": _activity_type_id,
    "categories": _ids([c.value for c in at.Category], Term("a service category")),
    "size": _ids([s.value for s in SizeClass], Term("a size class")),
    "counties": _county_code,
    "kinds": _ids([k.value for k in at.OrgKind], Term("an organisation kind")),
    "support": _ids([s.value for s in at.SupportForm], Term("a support form")),
    "manufacturing": None,  # a bool
}
PROJECT_KEYS = (
    "code",
    "name",
    "start",
    "end",
    "counties",
    "funders",
    "period_months",
    "owner",
    "description",
    *META_KEYS,
)
KPI_KEYS = ("id", "label", "label_en", "metric", "target", "where")


@dataclass(frozen=True, slots=True)
class ProjectSpec:
    code: str
    name: str
    start: date
    end: date
    counties: tuple[str, ...] = ()
    funders: tuple[str, ...] = ()
    period_months: int = 3
    owner: str = ""  # the beneficiary (stödmottagare); `beneficiary` in the file, `owner` before
    description: str = ""
    beneficiary_orgnr: str = ""
    case_number: str = ""  # Tillväxtverket's ärendenummer
    programme: str = ""  # programme and fund, e.g. "Regionalfonden Norra Mellansverige 2021–2027"
    contact: str = ""  # the report's contact person (name, e-mail, phone)
    edih: bool = False  # a European Digital Innovation Hub: the EDIH files may be made


@dataclass(frozen=True, slots=True)
class KpiSpec:
    id: str
    label: str
    metric: str
    target: float | int
    where: Mapping[str, WhereValue] = field(default_factory=dict)
    label_en: str = ""  # the label in English reports (--lang en); the label if empty

    @property
    def is_ratio(self) -> bool:
        return self.metric in RATIO_METRICS


@dataclass(frozen=True, slots=True)
class GoalsFile:
    project: ProjectSpec
    kpis: tuple[KpiSpec, ...] = ()
    aid: AidSettings | None = None  # the [aid] table: how the project grants its support

    def kpi(self, kpi_id: str) -> KpiSpec:
        for k in self.kpis:
            if k.id == kpi_id:
                return k
        raise InvalidValue(
            "The goals have no kpi '{kpi_id}'; use one of {known}.",
            kpi_id=kpi_id,
            known=", ".join(k.id for k in self.kpis),
        )


# --------------------------------------------------------------------------- parsing


def _dedupe(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _parse_project(at_: At, raw: Any) -> ProjectSpec:
    if not isinstance(raw, dict):
        raise at_.fail(Phrase("[project] must be a table with code, name, start and end"))
    check_keys(at_, raw, PROJECT_KEYS, "[project]")
    for key in ("code", "name", "start", "end"):
        if key not in raw:
            raise at_.fail(Phrase("[project] is missing '{key}'; add it", key=key))
    start = date_value(at_, raw["start"], Term("Project start"), "start")
    end = date_value(at_, raw["end"], Term("Project end"), "end")
    if end < start:
        raise at_.fail(
            Phrase(
                "project end {end} is before its start {start}; correct the dates",
                end=end,
                start=start,
            ),
            "end",
        )
    counties: list[str] = []
    for item in text_list(at_, raw.get("counties", []), Term("Project counties"), "counties"):
        try:
            counties.append(county(item).code)
        except UserError as e:
            raise at_.fail(Phrase("project counties: {problem}", problem=e), "counties") from None
    funders = text_list(at_, raw.get("funders", []), Term("Project funders"), "funders")
    months = raw.get("period_months", 3)
    low, high = PERIOD_MONTHS.low, PERIOD_MONTHS.high
    if isinstance(months, bool) or not isinstance(months, int) or not low <= months <= high:
        raise at_.fail(
            Phrase(
                "period_months {value} must be a whole number of months from {low} to {high}",
                value=toml_literal(months),
                low=low,
                high=high,
            ),
            "period_months",
        )
    try:
        meta = parse_meta(raw)
    except MetaError as e:
        raise at_.fail(e.message, e.key) from None
    return ProjectSpec(
        code=text_value(at_, raw["code"], Term("Project code"), "code"),
        name=text_value(at_, raw["name"], Term("Project name"), "name"),
        start=start,
        end=end,
        counties=_dedupe(counties),
        funders=_dedupe([f for f in funders if f]),
        period_months=months,
        description=text_value(
            at_, raw.get("description", ""), Term("Description"), "description", required=False
        ),
        **meta,
    )


def _parse_where(at_: At, raw: Any, what: Phrase) -> dict[str, WhereValue]:
    if not isinstance(raw, dict):
        raise at_.fail(
            Phrase(
                '{what} has a where that is not a table; write it as {{ size = ["micro"] }}',
                what=what,
            ),
            "where",
        )
    check_keys(at_, raw, list(WHERE_KEYS), Phrase("{what} where", what=what))
    where: dict[str, WhereValue] = {}
    for key, norm in WHERE_KEYS.items():  # canonical order
        if key not in raw:
            continue
        value = raw[key]
        if norm is None:
            if not isinstance(value, bool):
                raise at_.fail(
                    Phrase("{what} where.{key} must be true or false", what=what, key=key), "where"
                )
            where[key] = value
            continue
        items = text_list(at_, value, Phrase("{what} where.{key}", what=what, key=key), "where")
        try:
            where[key] = _dedupe([norm(item) for item in items])
        except UserError as e:
            raise at_.fail(
                Phrase("{what} where.{key}: {problem}", what=what, key=key, problem=e), "where"
            ) from None
    return where


def _parse_kpi(at_: At, raw: Any) -> KpiSpec:
    number = at_.number + 1
    if not isinstance(raw, dict):
        raise at_.fail(
            Phrase(
                "kpi number {number} is not a table; write it under a [[kpi]] header",
                number=number,
            )
        )
    if "id" not in raw:
        raise at_.fail(Phrase('kpi number {number} has no id; add id = "…"', number=number))
    kid = text_value(at_, raw["id"], Phrase("The id of kpi number {number}", number=number), "id")
    what = Phrase("kpi '{id}'", id=kid)
    check_keys(at_, raw, KPI_KEYS, what)
    for key in ("metric", "target"):
        if key not in raw:
            raise at_.fail(Phrase("{what} is missing '{key}'; add it", what=what, key=key))
    metric = raw["metric"]
    if not isinstance(metric, str) or metric.strip() not in METRICS:
        shown = f"'{metric}'" if isinstance(metric, str) else toml_literal(metric)
        raise at_.fail(
            Phrase(
                "{what} has unknown metric {shown}; use one of {known}",
                what=what,
                shown=shown,
                known=", ".join(METRICS),
            ),
            "metric",
        )
    metric = metric.strip()
    target = raw["target"]
    if (
        isinstance(target, bool)
        or not isinstance(target, int | float)
        or not math.isfinite(target)
        or target < 0
    ):
        raise at_.fail(
            Phrase(
                "{what} has target {target}; write a number of zero or more",
                what=what,
                target=toml_literal(target),
            ),
            "target",
        )
    if target > KPI_TARGET.high:
        raise at_.fail(
            Phrase(
                "{what} has target {target}; write {range}",
                what=what,
                target=shown_number(target),
                range=KPI_TARGET.describe(),
            ),
            "target",
        )
    if metric in RATIO_METRICS and target > 1:
        raise at_.fail(
            Phrase(
                "{what} has target {target} for the share {metric}; "
                "write the share as a fraction such as 0.4 for 40 %",
                what=what,
                target=target,
                metric=metric,
            ),
            "target",
        )
    if isinstance(target, float) and target.is_integer():
        target = int(target)
    label = text_value(
        at_, raw.get("label", METRICS[metric].sv), Phrase("The label of {what}", what=what), "label"
    )
    where = _parse_where(at_, raw.get("where", {}), what)
    label_en = text_value(
        at_, raw.get("label_en", ""), f"The English label of {what}", "label_en", required=False
    )
    return KpiSpec(
        id=kid, label=label, metric=metric, target=target, where=where, label_en=label_en
    )


_SYNTAX = re.compile(r"^(.*?)\s*\(at line (\d+), column (\d+)\)$")


def parse_goals(text: str, source: str = "goals file") -> GoalsFile:
    """Parse and validate a goals file; ``source`` (e.g. the file name) appears in errors."""
    top = At(source, Lines(text))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        if m := _SYNTAX.match(msg):
            problem = Phrase("{reason} in the TOML syntax; fix that line", reason=m[1].lower())
            raise GoalsError(
                "Goals file {source}, line {line}, column {column}: {problem}.",
                source=source,
                line=m[2],
                column=m[3],
                problem=problem,
            ) from None
        raise GoalsError(
            "Goals file {source}: {problem}.",
            source=source,
            problem=Phrase("{reason} in the TOML syntax; fix it", reason=msg),
        ) from None
    for key in data:
        if key not in ("project", "kpi", "aid"):
            raise top.sub(key).fail(
                Phrase("unknown table [{key}]; use [project], [aid] and [[kpi]]", key=key)
            )
    if "project" not in data:
        raise top.fail(
            Phrase("the [project] table is missing; add it with code, name, start and end")
        )
    project = _parse_project(top.sub("project"), data["project"])
    raw_kpis = data.get("kpi", [])
    if not isinstance(raw_kpis, list):
        raise top.sub("kpi").fail(Phrase("'kpi' must be written as [[kpi]] tables"))
    kpis: list[KpiSpec] = []
    for n, raw in enumerate(raw_kpis):
        kpi = _parse_kpi(top.sub("kpi", n), raw)
        if any(k.id == kpi.id for k in kpis):
            raise top.sub("kpi", n).fail(
                Phrase("kpi id '{id}' is used twice; give each kpi its own id", id=kpi.id), "id"
            )
        kpis.append(kpi)
    aid = None
    if "aid" in data:
        at_aid = top.sub("aid")
        aid = parse_aid(data["aid"], lambda msg, key: at_aid.fail(msg, key), project.start)
    return GoalsFile(project=project, kpis=tuple(kpis), aid=aid)
