"""Counting distinct organisations: supported, new, cooperating with research, women-led.

One statement: the project's live activity links in the window are reduced to one row per
organisation and service category, then to one row per organisation (its first support, and
per kind of activity a goal asks for: whether it had one in the period, in the whole window,
before the period, and in each service category); the goals then count those rows with their
organisation filters, in total and by size class, county and service category. An organisation
is new in the period when it had such an activity in the window but none before the period:
the cumulative count at the period's end less the one at the day before the period starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, false, func, select, true

from hubtui.domain.activity_types import Category
from hubtui.kpi.activity_counts import window_conditions
from hubtui.kpi.filters import (
    ACTIVITY,
    DEFAULT_KINDS,
    LINK,
    ORG,
    KpiFilter,
    activity_conditions,
    all_of,
    date_number,
    effective_category,
    org_conditions,
)
from hubtui.kpi.model import NEW_COMPANY_YEARS
from hubtui.kpi.rollup import Measures, Raw, Rolled, Window, rollup, sum_if

DIMENSIONS = {"size": "size_class", "county": "county"}
CATEGORIES = tuple(c.value for c in Category)


def supported_rows(w: Window) -> Any:
    """One row per live activity link of the project in the window (organisation, activity)."""
    a = ACTIVITY
    return (
        select(
            LINK.c.organisation_id.label("org_id"),
            a.c.id.label("activity_id"),
            a.c.date,
            a.c.type,
            effective_category().label("category"),
            a.c.support,
            a.c.joint_rd,
            case((a.c.date >= w.period_start, 1), else_=0).label("in_p"),
        )
        .select_from(a.join(LINK, LINK.c.activity_id == a.c.id))
        .where(*window_conditions(w), LINK.c.deleted == false())
        .subquery("links")
    )


def activity_signature(metric: str, f: KpiFilter) -> tuple[object, ...]:
    return (*f.activity_key, metric == "research_cooperation")


def signature_condition(metric: str, f: KpiFilter, rows: Any) -> ColumnElement[bool]:
    conditions = activity_conditions(f, rows.c)
    if metric == "research_cooperation":
        conditions.append(rows.c.joint_rd == true())
    return all_of(conditions)


def extra_condition(metric: str, orgs: Any) -> ColumnElement[bool]:
    """What the metric asks of the organisation beyond the goal's filters."""
    if metric == "new_companies_supported":
        return and_(
            orgs.founded.is_not(None),
            date_number(orgs.founded) + NEW_COMPANY_YEARS * 10000
            >= date_number(orgs.first_support),
        )
    if metric == "women_led_companies":
        return orgs.leader_gender == "woman"
    return true()


def org_goal_condition(metric: str, f: KpiFilter, orgs: Any) -> ColumnElement[bool]:
    return and_(
        all_of(org_conditions(f, orgs, default_kinds=DEFAULT_KINDS)), extra_condition(metric, orgs)
    )


def per_org_flags(
    w: Window, goals: Sequence[tuple[str, str, KpiFilter]]
) -> tuple[Any, dict[tuple[object, ...], str]]:
    """The per-organisation CTE and the flag column prefix of each activity signature."""
    rows = supported_rows(w)
    conditions: dict[tuple[object, ...], ColumnElement[bool]] = {}
    by_category: set[tuple[object, ...]] = set()
    for _, metric, f in goals:
        signature = activity_signature(metric, f)
        conditions.setdefault(signature, signature_condition(metric, f, rows))
        if metric == "companies_supported":
            by_category.add(signature)
    flags: dict[tuple[object, ...], str] = {}
    link_flags: list[Any] = []
    for signature, condition in conditions.items():
        name = flags[signature] = f"s{len(flags)}"
        in_period = and_(condition, rows.c.in_p == 1)
        before = and_(condition, rows.c.in_p == 0)
        link_flags.append(func.max(case((in_period, 1), else_=0)).label(f"{name}_p"))
        link_flags.append(func.max(case((condition, 1), else_=0)).label(f"{name}_c"))
        link_flags.append(func.max(case((before, 1), else_=0)).label(f"{name}_b"))
    # First per organisation and category (one sort of the links), then per organisation:
    # the category flags are then taken from a few rows per organisation, not from every link.
    per_category = (
        select(rows.c.org_id, rows.c.category, func.min(rows.c.date).label("first"), *link_flags)
        .group_by(rows.c.org_id, rows.c.category)
        .subquery("per_org_category")
    )
    org_flags: list[Any] = []
    for signature, name in flags.items():
        for part in ("p", "c", "b"):
            org_flags.append(func.max(per_category.c[f"{name}_{part}"]).label(f"{name}_{part}"))
        if signature in by_category:
            had = per_category.c[f"{name}_c"] == 1
            org_flags += [
                func.max(case((and_(had, per_category.c.category == c), 1), else_=0)).label(
                    f"{name}_{c}"
                )
                for c in CATEGORIES
            ]
    per_org = (
        select(
            per_category.c.org_id,
            func.min(per_category.c.first).label("first_support"),
            *org_flags,
        )
        .group_by(per_category.c.org_id)
        .subquery("per_org_flags")
    )
    orgs = (
        select(
            per_org,
            ORG.c.name,
            ORG.c.orgnr,
            ORG.c.kind,
            ORG.c.size_class,
            ORG.c.county,
            ORG.c.manufacturing,
            ORG.c.founded,
            ORG.c.leader_gender,
        )
        .join(ORG, and_(ORG.c.id == per_org.c.org_id, ORG.c.deleted == false()))
        .cte("per_org")
        .prefix_with("MATERIALIZED")
    )
    return orgs, flags


def count_organisations(
    conn: Connection, w: Window, goals: Sequence[tuple[str, str, KpiFilter]]
) -> dict[str, Raw]:
    """Raw numbers for goals (id, metric, filter) of the organisation metrics."""
    if not goals:
        return {}
    orgs, flags = per_org_flags(w, goals)
    measures = Measures()
    names: dict[str, dict[str, str]] = {}
    for kpi_id, metric, f in goals:
        flag = flags[activity_signature(metric, f)]
        condition = org_goal_condition(metric, f, orgs.c)
        key = (metric, flag, f)
        names[kpi_id] = {
            part: measures.add((part, key), sum_if(and_(orgs.c[f"{flag}_{part}"] == 1, condition)))
            for part in ("p", "c", *(CATEGORIES if metric == "companies_supported" else ()))
        }
        is_new = and_(orgs.c[f"{flag}_c"] == 1, orgs.c[f"{flag}_b"] == 0, condition)
        names[kpi_id]["new"] = measures.add(("new", key), sum_if(is_new))
    dims = {label: orgs.c[column] for label, column in DIMENSIONS.items()}
    rolled = Rolled(conn, rollup(orgs, measures, dims))
    out: dict[str, Raw] = {}
    for kpi_id, metric, _ in goals:
        n = names[kpi_id]
        breakdown = {label: rolled.by(label, n["c"]) for label in DIMENSIONS}
        if metric == "companies_supported":
            categories = {c: rolled.total(n[c]) for c in CATEGORIES}
            breakdown["category"] = {c: v for c, v in categories.items() if v}
        out[kpi_id] = Raw(
            period=rolled.total(n["p"]),
            cumulative=rolled.total(n["c"]),
            breakdown=breakdown,
            new=rolled.total(n["new"]),
        )
    return out
