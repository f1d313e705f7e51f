"""A KPI period by period: its value in each reporting period and cumulatively at its end."""

from __future__ import annotations

from hubtui.domain.periods import elapsed_share
from hubtui.kpi.engine import count_goals, find_goal, load_goals, project_periods, window_of
from hubtui.kpi.model import SeriesPoint, expected_by_now, plain_number
from hubtui.store import Store
from hubtui.store.views import ProjectView


def kpi_series(store: Store, project: ProjectView, kpi_id: str) -> list[SeriesPoint]:
    """One point per reporting period of the project, in order (all in one read transaction)."""
    found = project
    points: list[SeriesPoint] = []
    with store.read() as conn:
        goal = find_goal(load_goals(conn, found.id), found, kpi_id)
        for period in project_periods(found):
            raw = count_goals(conn, window_of(found, period), [goal])[goal.id]
            elapsed = elapsed_share(found.start, found.end, period.end)
            points.append(
                SeriesPoint(
                    period=period,
                    period_value=plain_number(raw.period, goal.metric),
                    cumulative_value=plain_number(raw.cumulative, goal.metric),
                    expected_by_now=expected_by_now(goal.target, goal.metric, elapsed),
                )
            )
    return points
