"""compute_kpis: every KPI of a project's goals for a period, counted in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, false, select

from hubtui.domain.metrics import METRICS
from hubtui.domain.periods import Period, clip, elapsed_share, parse_period, reporting_periods
from hubtui.errors import UserError
from hubtui.kpi.activity_counts import count_activities
from hubtui.kpi.filters import GOAL, KpiFilter
from hubtui.kpi.model import (
    ACTIVITY_METRICS,
    DMA_METRICS,
    ORGANISATION_METRICS,
    KpiResult,
    ProjectKpis,
    expected_by_now,
    plain_number,
    progress_of,
    status_of,
)
from hubtui.kpi.org_counts import count_organisations
from hubtui.kpi.other_counts import count_collaborations, count_dma, count_investments
from hubtui.kpi.rollup import Raw, Window
from hubtui.services.projects import get_project
from hubtui.store import Store
from hubtui.store.views import GoalView, ProjectView

Goals = Sequence[tuple[str, str, KpiFilter]]
Counter = Callable[[Connection, Window, Goals], dict[str, Raw]]

FAMILIES: tuple[tuple[frozenset[str], Counter], ...] = (
    (ACTIVITY_METRICS, count_activities),
    (ORGANISATION_METRICS, count_organisations),
    (DMA_METRICS, count_dma),
    (frozenset({"investment_triggered"}), count_investments),
    (frozenset({"collaborations"}), count_collaborations),
)


@dataclass(frozen=True)
class Goal:
    """A live KPI goal of a project with its filter parsed."""

    id: str
    label: str
    metric: str
    target: int | float
    filter: KpiFilter
    label_en: str = ""

    @classmethod
    def from_view(cls, g: GoalView) -> Goal:
        target = int(g.target) if float(g.target).is_integer() else float(g.target)
        return cls(g.key, g.label, g.metric, target, KpiFilter.from_where(g.where), g.label_en)


def load_goals(conn: Connection, project_id: str) -> list[Goal]:
    rows = conn.execute(
        select(GOAL)
        .where(GOAL.c.project_id == project_id, GOAL.c.deleted == false())
        .order_by(GOAL.c.position, GOAL.c.key)
    ).mappings()
    # A metric this version does not know (synced from a newer hubtui) cannot be counted.
    return [Goal.from_view(GoalView.from_row(r)) for r in rows if r["metric"] in METRICS]


def project_periods(project: ProjectView) -> list[Period]:
    """The project's reporting periods (calendar-aligned, clipped to the project)."""
    return reporting_periods(project.start, project.end, project.period_months)


def default_period(project: ProjectView, today: dt.date | None = None) -> Period:
    """The reporting period containing today; the first or last one outside the project."""
    day = today or dt.date.today()
    periods = project_periods(project)
    for period in periods:
        if day in period:
            return period
    return periods[0] if day < project.start else periods[-1]


def resolve_period(
    project: ProjectView, period: Period | str | None, today: dt.date | None = None
) -> Period:
    """A period given as text or Period, clipped to the project; None gives the default."""
    if period is None:
        return default_period(project, today)
    if isinstance(period, str):
        period = parse_period(period, project_start=project.start, project_end=project.end)
    clipped = clip(period, project.start, project.end)
    if clipped is None:
        raise UserError(
            (
                "Period {label} ({start} – {end}) lies outside project {code} ({start2} – "
                "{end2}); choose a period inside it."
            ),
            label=period.label,
            start=period.start,
            end=period.end,
            code=project.code,
            start2=project.start,
            end2=project.end,
        )
    return clipped


def window_of(project: ProjectView, period: Period) -> Window:
    return Window(project.id, project.start, period.start, period.end)


def count_goals(conn: Connection, window: Window, goals: Sequence[Goal]) -> dict[str, Raw]:
    """Raw numbers of goals, one statement per family of metrics that the goals use."""
    raws: dict[str, Raw] = {}
    for metrics, counter in FAMILIES:
        family = [(g.id, g.metric, g.filter) for g in goals if g.metric in metrics]
        raws.update(counter(conn, window, family))
    return raws


def result_of(goal: Goal, raw: Raw, elapsed: float) -> KpiResult:
    cumulative = plain_number(raw.cumulative, goal.metric)
    expected = expected_by_now(goal.target, goal.metric, elapsed)
    return KpiResult(
        id=goal.id,
        label=goal.label,
        label_en=goal.label_en,
        metric=goal.metric,
        target=goal.target,
        period_value=plain_number(raw.period, goal.metric),
        cumulative_value=cumulative,
        expected_by_now=expected,
        progress=progress_of(cumulative, goal.target),
        status=status_of(cumulative, expected),
        breakdown={
            dim: {k: plain_number(v, goal.metric) or 0 for k, v in values.items()}
            for dim, values in raw.breakdown.items()
        },
        details=dict(raw.details),
        new_value=None if raw.new is None else plain_number(raw.new, goal.metric),
    )


def resolve(
    store: Store, project: str, period: Period | str | None = None, *, today: dt.date | None = None
) -> tuple[ProjectView, Period]:
    """For the edge (a CLI command, a screen): the project (code or id) and the period
    (text, Period or None for the current one), each looked up once, for the calls below."""
    found = get_project(store, project)
    return found, resolve_period(found, period, today)


def expected_at(period: Period, today: dt.date | None) -> dt.date:
    """The day "expected" is reckoned for: today in a running period, else the period's end."""
    return period.end if today is None else min(today, period.end)


def compute_kpis(
    store: Store, project: ProjectView, period: Period, *, today: dt.date | None = None
) -> ProjectKpis:
    """Every KPI of the project for a period resolved by `resolve`; with `today`, what is
    expected in a running period is what is expected by today (else by the period's end)."""
    window = window_of(project, period)
    with store.read() as conn:
        goals = load_goals(conn, project.id)
        raws = count_goals(conn, window, goals)
    elapsed = elapsed_share(project.start, project.end, expected_at(period, today))
    return ProjectKpis(
        project=project,
        period=period,
        kpis=tuple(result_of(g, raws[g.id], elapsed) for g in goals),
    )


def compute_kpi(
    store: Store,
    project: ProjectView,
    period: Period,
    kpi_id: str,
    *,
    today: dt.date | None = None,
) -> KpiResult:
    """One KPI of the project for the period (only that goal is counted); `today` as above."""
    with store.read() as conn:
        goal = find_goal(load_goals(conn, project.id), project, kpi_id)
        raw = count_goals(conn, window_of(project, period), [goal])[goal.id]
    elapsed = elapsed_share(project.start, project.end, expected_at(period, today))
    return result_of(goal, raw, elapsed)


def find_goal(goals: Sequence[Goal], project: ProjectView, kpi_id: str) -> Goal:
    for goal in goals:
        if goal.id == kpi_id:
            return goal
    known = ", ".join(g.id for g in goals) or "none yet"
    raise UserError(
        "Project {code} has no KPI '{kpi_id}'; use one of: {known}.",
        code=project.code,
        kpi_id=kpi_id,
        known=known,
    )
