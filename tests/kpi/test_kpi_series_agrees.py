"""The one-statement series agrees with the engine counting each period on its own, for
every KPI of every demo project (all metric families, filters and organisation rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from hubtui.demo import generate_demo
from hubtui.kpi import compute_kpis, kpi_series
from hubtui.kpi.engine import load_goals
from hubtui.services.projects import list_projects
from hubtui.store import Store, open_store
from hubtui.store.views import ProjectView

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("series") / "hub.db", advisor="Test")
    generate_demo(store, seed=11, activities=1200, organisations=60, today=TODAY)
    yield store
    store.close()


def _goals(store: Store) -> list[tuple[ProjectView, str]]:
    found = []
    for project in list_projects(store):
        with store.read() as conn:
            found += [(project, g.id) for g in load_goals(conn, project.id)]
    return found


def test_every_kpi_of_every_project_agrees_period_by_period(demo: Store) -> None:
    goals = _goals(demo)
    assert len(goals) > 30
    checked = 0
    for project, kpi_id in goals:
        for point in kpi_series(demo, project, kpi_id):
            result = compute_kpis(demo, project, point.period)
            engine = next(k for k in result.kpis if k.id == kpi_id)
            assert (point.period_value, point.cumulative_value) == (
                engine.period_value,
                engine.cumulative_value,
            ), f"{project.code} {kpi_id} {point.period.label}"
            assert point.expected_by_now == engine.expected_by_now
            checked += 1
    assert checked > 200
