"""A KPI in every reporting period at once: one statement over the project's window, its
rows grouped by period (a CASE on the date gives each row its period's number).

Activity metrics sum their values per period; the cumulative value at a period's end is
the running sum. Organisation metrics reduce the links to one row per organisation and
period (did it have a matching activity then?), count those per period (the period
values), and count each organisation once at the first period it matched (the cumulative
values are the running sum of those). An organisation's first support is its first
activity in the whole window, as the engine's per-period count finds it for every period
in which that organisation counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, false, func, literal, select

from hubtui.domain.periods import Period
from hubtui.kpi.activity_counts import GENDERS, WANTED, has_matching_org, women_share
from hubtui.kpi.filters import (
    ACTIVITY,
    LINK,
    ORG,
    KpiFilter,
    activity_conditions,
    all_of,
    effective_category,
)
from hubtui.kpi.org_counts import org_goal_condition, signature_condition
from hubtui.store.rules import live_in_window

Series = list[tuple[float | None, float | None]]  # (period value, cumulative value) per period


def _bucket(date: Any, periods: Sequence[Period]) -> ColumnElement[int]:
    """The number of the period a date falls in (the periods follow each other)."""
    return case(*((date <= p.end, n) for n, p in enumerate(periods[:-1])), else_=len(periods) - 1)


def _window(project_id: str, periods: Sequence[Period]) -> list[ColumnElement[bool]]:
    return [live_in_window(ACTIVITY, project_id, periods[0].start, periods[-1].end)]


def activity_series(
    conn: Connection, project_id: str, periods: Sequence[Period], metric: str, f: KpiFilter
) -> Series:
    a = ACTIVITY
    rows = (
        select(
            a.c.id,
            a.c.type,
            effective_category().label("category"),
            a.c.support,
            *(a.c[g] for g in GENDERS),
            func.coalesce(a.c.hours, 0).label("hours"),
            _bucket(a.c.date, periods).label("k"),
        )
        .where(*_window(project_id, periods))
        .subquery("act")
    )
    conditions = activity_conditions(f, rows.c)
    if f.has_org_conditions:
        conditions.append(has_matching_org(f, rows))
    condition = all_of(conditions)
    values: dict[str, Any] = {
        "n": literal(1),
        "hours": rows.c.hours,
        "participants": rows.c.women + rows.c.men + rows.c.other + rows.c.unstated,
        **{g: rows.c[g] for g in GENDERS},
    }
    wanted = WANTED[metric]
    sums = [func.sum(case((condition, values[v]), else_=0)).label(v) for v in wanted]
    statement = select(rows.c.k, *sums).group_by(rows.c.k)
    per_period = {int(r.k): r for r in conn.execute(statement)}
    totals = dict.fromkeys(wanted, 0.0)
    out: Series = []
    for n in range(len(periods)):
        row = per_period.get(n)
        now = {v: float(row._mapping[v] or 0) if row is not None else 0.0 for v in wanted}
        for v in wanted:
            totals[v] += now[v]
        if metric == "women_share":
            out.append((women_share(now), women_share(totals)))
        else:
            out.append((now[wanted[0]], totals[wanted[0]]))
    return out


def organisation_series(
    conn: Connection, project_id: str, periods: Sequence[Period], metric: str, f: KpiFilter
) -> Series:
    a = ACTIVITY
    links = (
        select(
            LINK.c.organisation_id.label("org_id"),
            a.c.date,
            a.c.type,
            effective_category().label("category"),
            a.c.support,
            a.c.joint_rd,
            _bucket(a.c.date, periods).label("k"),
        )
        .select_from(a.join(LINK, LINK.c.activity_id == a.c.id))
        .where(*_window(project_id, periods), LINK.c.deleted == false())
        .subquery("links")
    )
    hit = signature_condition(metric, f, links)
    per_org_period = (
        select(
            links.c.org_id,
            links.c.k,
            func.min(links.c.date).label("first"),
            func.max(case((hit, 1), else_=0)).label("hit"),
        )
        .group_by(links.c.org_id, links.c.k)
        .subquery("per_org_period")
    )
    # Each (organisation, period) row with the organisation's columns, its first support and
    # the first period it matched (window functions: no join back to a per-organisation row).
    org = per_org_period.c.org_id
    rows = (
        select(
            per_org_period,
            ORG.c.kind,
            ORG.c.size_class,
            ORG.c.county,
            ORG.c.manufacturing,
            ORG.c.founded,
            ORG.c.leader_gender,
            func.min(per_org_period.c.first).over(partition_by=org).label("first_support"),
            func.min(case((per_org_period.c.hit == 1, per_org_period.c.k)))
            .over(partition_by=org)
            .label("first_k"),
        )
        .join(ORG, and_(ORG.c.id == per_org_period.c.org_id, ORG.c.deleted == false()))
        .cte("org_periods")
        .prefix_with("MATERIALIZED")
    )
    counted = org_goal_condition(metric, f, rows.c)
    in_period = (
        select(literal("p").label("part"), rows.c.k, func.count().label("n"))
        .where(rows.c.hit == 1, counted)
        .group_by(rows.c.k)
    )
    first = (
        select(literal("c"), rows.c.k, func.count())
        .where(rows.c.k == rows.c.first_k, counted)
        .group_by(rows.c.k)
    )
    found: dict[tuple[str, int], int] = {
        (part, int(k)): int(n) for part, k, n in conn.execute(in_period.union_all(first))
    }
    out: Series = []
    total = 0
    for n in range(len(periods)):
        total += found.get(("c", n), 0)
        out.append((found.get(("p", n), 0), total))
    return out
