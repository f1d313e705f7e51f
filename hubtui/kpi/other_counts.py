"""Counting DMA results, investments triggered and collaborations of a project."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, and_, case, false, func, or_, select, true

from hubtui.kpi.activity_counts import window_conditions
from hubtui.kpi.filters import (
    ACTIVITY,
    COLLABORATION,
    DEFAULT_KINDS,
    DMA,
    INVESTMENT,
    LINK,
    ORG,
    KpiFilter,
    all_of,
    org_conditions,
)
from hubtui.kpi.rollup import Measures, Raw, Rolled, Window, rollup, sum_if

BASELINE_STAGE = "T0"


def dma_rows(w: Window) -> Any:
    """Live assessments in the window that belong to the project.

    An assessment counts for a project when it names the project, or names none and its
    organisation has been supported by the project by the end of the window.
    """
    supported = (
        select(LINK.c.organisation_id)
        .join(ACTIVITY, ACTIVITY.c.id == LINK.c.activity_id)
        .where(*window_conditions(w), LINK.c.deleted == false())
    )
    return (
        select(
            DMA.c.id, DMA.c.organisation_id.label("org_id"), DMA.c.stage, DMA.c.date, DMA.c.overall
        )
        .where(
            DMA.c.deleted == false(),
            DMA.c.date >= w.project_start,
            DMA.c.date <= w.period_end,
            or_(
                DMA.c.project_id == w.project_id,
                and_(DMA.c.project_id.is_(None), DMA.c.organisation_id.in_(supported)),
            ),
        )
        .cte("dma_rows")  # materialized once: baseline and latest result both come from it
        .prefix_with("MATERIALIZED")
    )


def dma_outcomes(w: Window) -> Any:
    """Per organisation with a T0 in the window: its first T0 (the baseline), the date of its
    latest T0, and its latest later result (the latest non-T0 on or after the baseline).

    Window functions and one GROUP BY, without joining the rows to themselves.
    """
    rows = dma_rows(w)
    is_t0 = rows.c.stage == BASELINE_STAGE
    base_date = func.min(case((is_t0, rows.c.date))).over(partition_by=rows.c.org_id)
    dated = select(
        rows,
        base_date.label("base_date"),
        func.max(case((is_t0, rows.c.date))).over(partition_by=rows.c.org_id).label("last_t0"),
        case((is_t0, 1), else_=0).label("is_t0"),
    ).subquery("dma_dated")
    is_later = case(
        (and_(dated.c.is_t0 == 0, dated.c.date >= dated.c.base_date), 1), else_=0
    ).label("is_later")
    marked = select(dated, is_later).subquery("dma_marked")
    ranked = select(
        marked,
        func.row_number()
        .over(partition_by=(marked.c.org_id, marked.c.is_t0), order_by=(marked.c.date, marked.c.id))
        .label("rn_t0"),
        func.row_number()
        .over(
            partition_by=(marked.c.org_id, marked.c.is_later),
            order_by=(marked.c.date.desc(), marked.c.id.desc()),
        )
        .label("rn_later"),
    ).subquery("dma_ranked")
    baseline = and_(ranked.c.is_t0 == 1, ranked.c.rn_t0 == 1)
    latest = and_(ranked.c.is_later == 1, ranked.c.rn_later == 1)
    per_org = (
        select(
            ranked.c.org_id,
            func.min(ranked.c.base_date).label("t0_date"),
            func.max(ranked.c.last_t0).label("last_t0"),
            func.max(case((baseline, ranked.c.overall))).label("t0_overall"),
            func.max(case((latest, ranked.c.date))).label("later_date"),
            func.max(case((latest, ranked.c.overall))).label("later_overall"),
        )
        .where(ranked.c.base_date.is_not(None))
        .group_by(ranked.c.org_id)
        .subquery("dma_per_org")
    )
    return select(per_org, ORG.c.kind, ORG.c.size_class, ORG.c.county, ORG.c.manufacturing).join(
        ORG, and_(ORG.c.id == per_org.c.org_id, ORG.c.deleted == false())
    )


def dma_conditions(metric: str, f: KpiFilter, w: Window, c: Any) -> tuple[Any, Any]:
    """(in the period, cumulatively) conditions on a dma_outcomes row for a goal."""
    orgs = all_of(org_conditions(f, c, default_kinds=DEFAULT_KINDS))
    if metric == "dma_assessed":
        return and_(orgs, c.last_t0 >= w.period_start), orgs
    improved = and_(orgs, c.later_overall.is_not(None), c.later_overall > c.t0_overall)
    return and_(improved, c.later_date >= w.period_start), improved


def count_dma(
    conn: Connection, w: Window, goals: Sequence[tuple[str, str, KpiFilter]]
) -> dict[str, Raw]:
    if not goals:
        return {}
    outcomes = dma_outcomes(w).cte("dma_outcomes").prefix_with("MATERIALIZED")
    measures = Measures()
    names = {}
    for kpi_id, metric, f in goals:
        in_period, cumulative = dma_conditions(metric, f, w, outcomes.c)
        names[kpi_id] = (
            measures.add(("p", metric, f), sum_if(in_period)),
            measures.add(("c", metric, f), sum_if(cumulative)),
        )
    dims = {"size": outcomes.c.size_class, "county": outcomes.c.county}
    rolled = Rolled(conn, rollup(outcomes, measures, dims))
    return {
        kpi_id: Raw(
            period=rolled.total(p),
            cumulative=rolled.total(c),
            breakdown={d: rolled.by(d, c) for d in dims},
        )
        for kpi_id, (p, c) in names.items()
    }


def investment_rows(w: Window) -> Any:
    i = INVESTMENT
    return (
        select(
            i.c.id,
            i.c.date,
            i.c.amount,
            i.c.currency,
            i.c.organisation_id,
            ORG.c.name,
            ORG.c.kind,
            ORG.c.size_class,
            ORG.c.county,
            ORG.c.manufacturing,
        )
        .select_from(
            i.outerjoin(ORG, and_(ORG.c.id == i.c.organisation_id, ORG.c.deleted == false()))
        )
        .where(*window_conditions(w, i))
    )


def count_investments(
    conn: Connection, w: Window, goals: Sequence[tuple[str, str, KpiFilter]]
) -> dict[str, Raw]:
    """Sums of amounts as entered; the breakdown by currency shows a project mixing them."""
    if not goals:
        return {}
    rows = investment_rows(w).cte("investments")
    measures = Measures()
    names = {}
    for kpi_id, _, f in goals:
        condition = all_of(org_conditions(f, rows.c))
        names[kpi_id] = (
            measures.add(
                ("p", f), sum_if(and_(condition, rows.c.date >= w.period_start), rows.c.amount)
            ),
            measures.add(("c", f), sum_if(condition, rows.c.amount)),
        )
    rolled = Rolled(conn, rollup(rows, measures, {"currency": rows.c.currency}))
    out = {}
    for kpi_id, (p, c) in names.items():
        currencies = rolled.by("currency", c)
        out[kpi_id] = Raw(
            period=rolled.total(p),
            cumulative=rolled.total(c),
            breakdown={"currency": currencies},
            details={"currencies": len(currencies)},
        )
    return out


def collaboration_rows(w: Window) -> Any:
    c = COLLABORATION
    return select(c.c.id, c.c.date, c.c.partner, c.c.note).where(*window_conditions(w, c))


def count_collaborations(
    conn: Connection, w: Window, goals: Sequence[tuple[str, str, KpiFilter]]
) -> dict[str, Raw]:
    if not goals:
        return {}
    rows = collaboration_rows(w).subquery("collaborations")
    period, cumulative = conn.execute(
        select(sum_if(rows.c.date >= w.period_start), sum_if(true()))
    ).one()
    return {
        kpi_id: Raw(period=int(period or 0), cumulative=int(cumulative or 0))
        for kpi_id, _, _ in goals
    }
