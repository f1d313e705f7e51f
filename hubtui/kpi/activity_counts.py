"""Counting activities, participants, hours and the share of women, in one statement.

The project's activities in the window are first grouped by the columns the filters look at
(type, category, support form, inside the period or not); the goals then pick their groups.
A goal with organisation filters (size, counties, kinds, manufacturing) keeps the activities
with at least one participating organisation that matches them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, exists, false, func, select

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

GENDERS = ("women", "men", "other", "unstated")
DIMENSIONS = ("type", "category")


def window_conditions(w: Window, activity: Any = ACTIVITY) -> list[ColumnElement[bool]]:
    return [
        activity.c.project_id == w.project_id,
        activity.c.deleted == false(),
        activity.c.date >= w.project_start,
        activity.c.date <= w.period_end,
    ]


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
    org_flags: dict[tuple[object, ...], str] = {}
    flag_columns = []
    for _, _, f in goals:
        if f.has_org_conditions and _org_key(f) not in org_flags:
            name = f"org{len(org_flags)}"
            org_flags[_org_key(f)] = name
            flag_columns.append(case((has_matching_org(f), 1), else_=0).label(name))
    a = ACTIVITY
    rows = (
        select(
            a.c.type,
            effective_category().label("category"),
            a.c.support,
            case((a.c.date >= w.period_start, 1), else_=0).label("in_p"),
            func.coalesce(a.c.hours, 0).label("hours"),
            *(a.c[g] for g in GENDERS),
            *flag_columns,
        )
        .where(*window_conditions(w))
        .subquery("act")
    )
    keys = [rows.c.type, rows.c.category, rows.c.support, rows.c.in_p]
    keys += [rows.c[name] for name in org_flags.values()]
    groups = (
        select(
            *keys,
            func.count().label("n"),
            func.sum(rows.c.hours).label("hours"),
            *(func.sum(rows.c[g]).label(g) for g in GENDERS),
        )
        .group_by(*keys)
        .cte("act_groups")
        .prefix_with("MATERIALIZED")
    )
    values: dict[str, ColumnElement[Any]] = {
        "n": groups.c.n,
        "hours": groups.c.hours,
        "participants": groups.c.women + groups.c.men + groups.c.other + groups.c.unstated,
        **{g: groups.c[g] for g in GENDERS},
    }
    wanted = {
        "activities": ("n",),
        "participants": ("participants",),
        "hours": ("hours",),
        "women_share": GENDERS,
    }
    measures = Measures()
    names: dict[str, dict[str, tuple[str, str]]] = {}
    in_period = groups.c.in_p == 1
    for kpi_id, metric, f in goals:
        conditions = activity_conditions(f, groups.c)
        if f.has_org_conditions:
            conditions.append(groups.c[org_flags[_org_key(f)]] == 1)
        condition = all_of(conditions)
        key = (f.activity_key, _org_key(f) if f.has_org_conditions else None)
        names[kpi_id] = {
            value: (
                measures.add(("p", value, key), sum_if(and_(condition, in_period), values[value])),
                measures.add(("c", value, key), sum_if(condition, values[value])),
            )
            for value in wanted[metric]
        }
    dims = {d: groups.c[d] for d in DIMENSIONS}
    rolled = Rolled(conn, rollup(groups, measures, dims))
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
    """Women / (women + men + other); "not stated" is left out. None when nobody is counted."""
    known = counts["women"] + counts["men"] + counts["other"]
    return counts["women"] / known if known else None
