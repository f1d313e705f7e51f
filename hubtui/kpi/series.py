"""A KPI period by period: its value in each reporting period and cumulatively at its end."""

from __future__ import annotations

from hubtui.domain.periods import elapsed_share
from hubtui.kpi.engine import count_goals, find_goal, load_goals, project_periods, window_of
from hubtui.kpi.model import (
    ACTIVITY_METRICS,
    ORGANISATION_METRICS,
    SeriesPoint,
    expected_by_now,
    plain_number,
)
from hubtui.kpi.series_counts import activity_series, organisation_series
from hubtui.store import Store
from hubtui.store.views import ProjectView


def kpi_series(store: Store, project: ProjectView, kpi_id: str) -> list[SeriesPoint]:
    """One point per reporting period of the project, in order (all in one read transaction).

    Activity and organisation metrics are counted for every period in one statement; the
    others (DMA, investments, collaborations: small tables) period by period.
    """
    found = project
    periods = project_periods(found)
    with store.read() as conn:
        goal = find_goal(load_goals(conn, found.id), found, kpi_id)
        if goal.metric in ACTIVITY_METRICS:
            values = activity_series(conn, found.id, periods, goal.metric, goal.filter)
        elif goal.metric in ORGANISATION_METRICS:
            values = organisation_series(conn, found.id, periods, goal.metric, goal.filter)
        else:
            values = []
            for period in periods:
                raw = count_goals(conn, window_of(found, period), [goal])[goal.id]
                values.append((raw.period, raw.cumulative))
    # New organisations: the cumulative count at the period's end less the one before it.
    earlier = [0.0, *(float(c or 0) for _, c in values[:-1])]
    distinct = goal.metric in ORGANISATION_METRICS
    return [
        SeriesPoint(
            period=period,
            period_value=plain_number(in_period, goal.metric),
            cumulative_value=plain_number(cumulative, goal.metric),
            expected_by_now=expected_by_now(
                goal.target, goal.metric, elapsed_share(found.start, found.end, period.end)
            ),
            new_value=plain_number(float(cumulative or 0) - before, goal.metric)
            if distinct
            else None,
        )
        for period, (in_period, cumulative), before in zip(periods, values, earlier, strict=True)
    ]
