"""Counting activities, participants, hours and the share of women, in one statement.

One pass over the project's activities in the window sums each goal's values (in the period
and cumulatively) per activity type; the totals and the breakdown by type come from those few
rows. A goal with organisation filters (size, counties, kinds, manufacturing) keeps the
activities with at least one participating organisation that matches them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, exists, false, func, literal, select

from hubtui.domain.attendance import GENDERS
from hubtui.domain.attendance import women_share as domain_women_share
from hubtui.kpi.filters import (
    ACTIVITY,
    LINK,
    ORG,
    KpiFilter,
    activity_conditions,
    all_of,
    effective_category,
    org_conditions,
)
from hubtui.kpi.rollup import Measures, Raw, Rolled, Window, rollup, sum_if
from hubtui.store.rules import attendance_total, live_in_window

DIMENSIONS = ("type",)
WANTED = {
    "activities": ("n",),
    "participants": ("participants",),
    "hours": ("hours",),
    "women_share": GENDERS,
}


def window_conditions(w: Window, rows: Any = ACTIVITY) -> list[ColumnElement[bool]]:
    """Live rows of the project dated in the window (activities unless another table with a
    project_id, deleted and date is given)."""
    return [live_in_window(rows, w.project_id, w.project_start, w.period_end)]


def has_matching_org(f: KpiFilter, activity: Any = ACTIVITY) -> ColumnElement[bool]:
    """The activity has a live link to a live organisation passing ``f``'s organisation filters."""
    return exists(
        select(LINK.c.id)
        .join(ORG, ORG.c.id == LINK.c.organisation_id)
        .where(
            LINK.c.activity_id == activity.c.id,
            LINK.c.deleted == false(),
            ORG.c.deleted == false(),
            *org_conditions(f, ORG.c),
        )
    )


def _org_key(f: KpiFilter) -> tuple[object, ...]:
    return (f.size, f.counties, f.kinds, f.manufacturing)


def count_activities(
    conn: Connection, w: Window, goals: Sequence[tuple[str, str, KpiFilter]]
) -> dict[str, Raw]:
    """Raw numbers for goals (id, metric, filter) of the activity metrics."""
    if not goals:
        return {}
    a = ACTIVITY
    rows = (
        select(
            a.c.id,
            a.c.type,
            effective_category().label("category"),
            a.c.support,
            a.c.date,
            *(a.c[g] for g in GENDERS),
            func.coalesce(a.c.hours, 0).label("hours"),
        )
        .where(*window_conditions(w))
        .subquery("act")
    )
    values: dict[str, ColumnElement[Any]] = {
        "n": literal(1),
        "hours": rows.c.hours,
        "participants": attendance_total(rows),
        **{g: rows.c[g] for g in GENDERS},
    }
    # One pass over the window: each goal's sums per activity type (a few rows), then the
    # totals and the breakdown by type from those.
    inner = Measures()
    names: dict[str, dict[str, tuple[str, str]]] = {}
    in_period = rows.c.date >= w.period_start
    for kpi_id, metric, f in goals:
        conditions = activity_conditions(f, rows.c)
        if f.has_org_conditions:
            conditions.append(has_matching_org(f, rows))
        condition = all_of(conditions)
        key = (f.activity_key, _org_key(f) if f.has_org_conditions else None)
        names[kpi_id] = {
            value: (
                inner.add(("p", value, key), sum_if(and_(condition, in_period), values[value])),
                inner.add(("c", value, key), sum_if(condition, values[value])),
            )
            for value in WANTED[metric]
        }
    by_type = (
        select(rows.c.type, *inner.columns)
        .group_by(rows.c.type)
        .cte("act_by_type")
        .prefix_with("MATERIALIZED")
    )
    outer = Measures()
    for column in inner.columns:
        outer.add(column.name, func.sum(by_type.c[column.name]))
    rolled = Rolled(conn, rollup(by_type, outer, {"type": by_type.c.type}))
    return {kpi_id: _raw(rolled, metric, names[kpi_id]) for kpi_id, metric, _ in goals}


def _raw(rolled: Rolled, metric: str, names: dict[str, tuple[str, str]]) -> Raw:
    if metric != "women_share":
        period_name, cumulative_name = names[next(iter(names))]
        return Raw(
            period=rolled.total(period_name),
            cumulative=rolled.total(cumulative_name),
            breakdown={d: rolled.by(d, cumulative_name) for d in DIMENSIONS},
        )
    period = {g: rolled.total(names[g][0]) for g in GENDERS}
    cumulative = {g: rolled.total(names[g][1]) for g in GENDERS}
    breakdown: dict[str, dict[str, float]] = {}
    for d in DIMENSIONS:
        parts = {g: rolled.by(d, names[g][1]) for g in GENDERS}
        shares = {}
        for key in sorted(set().union(*(parts[g] for g in ("women", "men", "other")))):
            share = women_share({g: parts[g].get(key, 0) for g in GENDERS})
            if share is not None:
                shares[key] = share
        breakdown[d] = shares
    return Raw(
        period=women_share(period),
        cumulative=women_share(cumulative),
        breakdown=breakdown,
        details={**cumulative, **{f"period_{g}": v for g, v in period.items()}},
    )


def women_share(counts: dict[str, float]) -> float | None:
    """Women / (women + men + other) of summed counts; "not stated" is left out."""
    return domain_women_share(counts["women"], counts["women"] + counts["men"] + counts["other"])
