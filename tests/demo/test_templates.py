"""The shipped goals templates: indicator ids of their programme period, example targets
marked as such, and a report made on each as it is loaded."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from hubtui.domain.goals import parse_goals
from hubtui.kpi import resolve
from hubtui.reports.export import ExportRequest, export_report
from hubtui.services.projects import import_goals
from hubtui.store import Store
from hubtui.templates import example_targets, list_templates, template_text

CO = re.compile(r"^CO\d\d$")  # ERDF 2014–2020 common output indicators
RCO = re.compile(r"^RCO\d\d$")  # ERDF 2021–2027
PERIOD_2014_2020 = {"SINM"}


@pytest.mark.parametrize("code", list_templates())
def test_indicator_ids_follow_the_programme_period(code: str) -> None:
    goals = parse_goals(template_text(code), code)
    ids = [k.id for k in goals.kpis]
    own, other = (CO, RCO) if code in PERIOD_2014_2020 else (RCO, CO)
    assert not any(other.match(i) for i in ids), ids
    for kpi in goals.kpis:  # the label names the indicator it counts
        if own.match(kpi.id):
            assert kpi.label.endswith(f"({kpi.id})")
    if code in PERIOD_2014_2020:
        assert {"CO01", "CO04"} <= set(ids)


@pytest.mark.parametrize("code", list_templates())
def test_every_target_is_marked_as_an_example(code: str) -> None:
    text = template_text(code)
    goals = parse_goals(text, code)
    assert example_targets(code) == {k.id: float(k.target) for k in goals.kpis}
    assert "ersätt" in text.split("[project]")[0]  # the comment says what to do about them
    assert example_targets("NOPE") == {}


@pytest.mark.parametrize("code", list_templates())
def test_a_loaded_template_is_reported_on(code: str, store: Store, tmp_path: Path) -> None:
    goals = parse_goals(template_text(code), code)
    import_goals(store, goals)
    start = goals.project.start
    period = f"{start.year}Q{(start.month - 1) // 3 + 1}"
    formats = ["md", "docx", "xlsx", "csv"] + (["edih"] if goals.project.edih else [])
    view, span = resolve(store, code, period)
    request = ExportRequest(view, span, formats, out=tmp_path)
    written = export_report(store, request, today=dt.date(2030, 1, 1))
    assert len(written) >= len(formats)
    markdown = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    for kpi in goals.kpis:
        assert kpi.label in markdown
