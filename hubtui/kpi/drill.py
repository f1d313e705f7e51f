"""Drill-down: the organisations, activities, investments or collaborations behind a number.

Built from the same SQL conditions as the counts, so the rows always add up to the KPI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain.attendance import GENDERS
from hubtui.domain.periods import Period
from hubtui.kpi.activity_counts import has_matching_org, window_conditions
from hubtui.kpi.engine import Goal, find_goal, load_goals, window_of
from hubtui.kpi.filters import (
    ACTIVITY,
    ORG,
    activity_conditions,
    all_of,
    effective_category,
    org_conditions,
)
from hubtui.kpi.model import (
    ACTIVITY_METRICS,
    DMA_METRICS,
    ORGANISATION_METRICS,
    DrillDown,
    DrillRow,
)
from hubtui.kpi.org_counts import activity_signature, org_goal_condition, per_org_flags
from hubtui.kpi.other_counts import (
    collaboration_rows,
    dma_conditions,
    dma_outcomes,
    investment_rows,
)
from hubtui.kpi.rollup import Window
from hubtui.store import Store
from hubtui.store.views import ProjectView

ORG_COLUMNS = ("orgnr", "kind", "size_class", "county")  # the date: first support
ACTIVITY_COLUMNS = ("type", "category", "hours", *GENDERS)


def drill_down(
    store: Store,
    project: ProjectView,
    period: Period,
    kpi_id: str,
    *,
    cumulative: bool = False,
) -> DrillDown:
    """What makes up a KPI's period value (or, with ``cumulative``, its cumulative value)."""
    found, chosen = project, period
    w = window_of(found, chosen)
    with store.read() as conn:
        goal = find_goal(load_goals(conn, found.id), found, kpi_id)
        entity, columns, rows = _rows(conn, w, goal, cumulative)
    return DrillDown(goal.id, goal.metric, chosen, cumulative, entity, columns, tuple(rows))


def _rows(
    conn: Connection, w: Window, goal: Goal, cumulative: bool
) -> tuple[str, tuple[str, ...], list[DrillRow]]:
    if goal.metric in ORGANISATION_METRICS:
        return "organisation", ORG_COLUMNS, _organisations(conn, w, goal, cumulative)
    if goal.metric in ACTIVITY_METRICS:
        return "activity", ACTIVITY_COLUMNS, _activities(conn, w, goal, cumulative)
    if goal.metric in DMA_METRICS:
        columns = ("size_class", "county", "t0_date", "t0_overall", "later_date", "later_overall")
        return "organisation", columns, _dma(conn, w, goal, cumulative)
    if goal.metric == "investment_triggered":
        return "investment", ("amount", "currency"), _investments(conn, w, goal, cumulative)
    return "collaboration", ("note",), _collaborations(conn, w, cumulative)


def _row(
    entity: str, r: Mapping[Any, Any], name: str, day: Any, columns: tuple[str, ...]
) -> DrillRow:
    return DrillRow(entity, r["id"], name, day, {c: r[c] for c in columns})


def _organisations(conn: Connection, w: Window, goal: Goal, cumulative: bool) -> list[DrillRow]:
    orgs, flags = per_org_flags(w, [(goal.id, goal.metric, goal.filter)])
    flag = flags[activity_signature(goal.metric, goal.filter)]
    query = (
        select(
            orgs.c.org_id.label("id"),
            orgs.c.name,
            orgs.c.first_support,
            *(orgs.c[c] for c in ORG_COLUMNS),
        )
        .where(
            orgs.c[f"{flag}_{'c' if cumulative else 'p'}"] == 1,
            org_goal_condition(goal.metric, goal.filter, orgs.c),
        )
        .order_by(orgs.c.name, orgs.c.org_id)
    )
    return [
        _row("organisation", r, r["name"], _date(r["first_support"]), ORG_COLUMNS)
        for r in conn.execute(query).mappings()
    ]


def _activities(conn: Connection, w: Window, goal: Goal, cumulative: bool) -> list[DrillRow]:
    a = ACTIVITY
    rows = (
        select(
            a.c.id,
            a.c.date,
            a.c.title,
            a.c.type,
            effective_category().label("category"),
            a.c.support,
            a.c.hours,
            *(a.c[g] for g in GENDERS),
        )
        .where(*window_conditions(w))
        .subquery("act")
    )
    conditions = activity_conditions(goal.filter, rows.c)
    if goal.filter.has_org_conditions:
        conditions.append(has_matching_org(goal.filter, rows))
    if not cumulative:
        conditions.append(rows.c.date >= w.period_start)
    query = select(rows).where(all_of(conditions)).order_by(rows.c.date, rows.c.id)
    return [
        _row("activity", r, r["title"] or r["type"], r["date"], ACTIVITY_COLUMNS)
        for r in conn.execute(query).mappings()
    ]


def _dma(conn: Connection, w: Window, goal: Goal, cumulative: bool) -> list[DrillRow]:
    outcomes = dma_outcomes(w).add_columns(ORG.c.name).subquery("outcomes")
    in_period, whole = dma_conditions(goal.metric, goal.filter, w, outcomes.c)
    query = (
        select(outcomes, outcomes.c.org_id.label("id"))
        .where(whole if cumulative else in_period)
        .order_by(outcomes.c.name, outcomes.c.org_id)
    )
    columns = ("size_class", "county", "t0_date", "t0_overall", "later_date", "later_overall")
    return [
        _row("organisation", r, r["name"], _date(r["t0_date"]), columns)
        for r in conn.execute(query).mappings()
    ]


def _investments(conn: Connection, w: Window, goal: Goal, cumulative: bool) -> list[DrillRow]:
    rows = investment_rows(w).subquery("investments")
    conditions = all_of(
        [
            *org_conditions(goal.filter, rows.c),
            *([] if cumulative else [rows.c.date >= w.period_start]),
        ]
    )
    query = select(rows).where(conditions).order_by(rows.c.date, rows.c.id)
    return [
        _row("investment", r, r["name"] or "", r["date"], ("amount", "currency"))
        for r in conn.execute(query).mappings()
    ]


def _collaborations(conn: Connection, w: Window, cumulative: bool) -> list[DrillRow]:
    rows = collaboration_rows(w).subquery("collaborations")
    query = select(rows).order_by(rows.c.date, rows.c.id)
    if not cumulative:
        query = query.where(rows.c.date >= w.period_start)
    return [
        _row("collaboration", r, r["partner"], r["date"], ("note",))
        for r in conn.execute(query).mappings()
    ]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
