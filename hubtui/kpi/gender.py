"""Gender balance of a project: attendance by gender per period and by activity type,
women-led supported companies, and the composition of its groups over time.

Attendance is kept as counts per event; "not stated" is shown but never in a share's
denominator (as in the women_share KPI).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from hubtui.domain.attendance import GENDERS, Attendance
from hubtui.domain.periods import Period
from hubtui.kpi.activity_counts import window_conditions
from hubtui.kpi.engine import compute_kpis, project_periods, window_of
from hubtui.kpi.filters import ACTIVITY, KpiFilter
from hubtui.kpi.model import KpiResult
from hubtui.kpi.org_counts import count_organisations
from hubtui.kpi.rollup import Window, number
from hubtui.services.groups import GroupView, list_group_compositions
from hubtui.store import Store
from hubtui.store.rules import attendance_total
from hubtui.store.views import ProjectView


@dataclass(frozen=True)
class GenderCounts:
    women: int = 0
    men: int = 0
    other: int = 0
    unstated: int = 0

    @property
    def total(self) -> int:
        return Attendance.of(self).total

    @property
    def women_share(self) -> float | None:
        return Attendance.of(self).women_share


@dataclass(frozen=True)
class GenderPeriod:
    period: Period
    in_period: GenderCounts
    cumulative: GenderCounts


@dataclass(frozen=True)
class GenderBalance:
    project: ProjectView
    period: Period
    periods: tuple[GenderPeriod, ...]  # reporting periods up to the chosen one
    by_type: tuple[tuple[str, GenderCounts], ...]  # project start to the period's end
    share_kpis: tuple[KpiResult, ...]  # the project's women_share goals
    supported: int  # companies supported, project start to the period's end
    women_led: int  # of which led by a woman
    groups: tuple[GroupView, ...]


def _counts(row: object) -> GenderCounts:
    return GenderCounts(*(int(number(getattr(row, g))) for g in GENDERS))


def _per_period(conn: Connection, w: Window, periods: list[Period]) -> list[GenderPeriod]:
    bucket = case(
        *((ACTIVITY.c.date <= p.end, index) for index, p in enumerate(periods)),
        else_=len(periods),
    )
    rows = (
        select(bucket.label("bucket"), *(ACTIVITY.c[g] for g in GENDERS))
        .where(*window_conditions(w))
        .subquery("dated")
    )
    sums = [func.sum(rows.c[g]) for g in GENDERS]
    query = select(
        rows.c.bucket,
        *(s.label(g) for s, g in zip(sums, GENDERS, strict=True)),
        *(
            func.sum(s).over(order_by=rows.c.bucket).label(f"cum_{g}")
            for s, g in zip(sums, GENDERS, strict=True)
        ),
    ).group_by(rows.c.bucket)
    found = {r.bucket: r for r in conn.execute(query)}
    out: list[GenderPeriod] = []
    cumulative = GenderCounts()
    for index, period in enumerate(periods):
        row = found.get(index)
        if row is not None:
            cumulative = GenderCounts(*(int(number(getattr(row, f"cum_{g}"))) for g in GENDERS))
        out.append(GenderPeriod(period, _counts(row) if row else GenderCounts(), cumulative))
    return out


def _by_type(conn: Connection, w: Window) -> list[tuple[str, GenderCounts]]:
    query = (
        select(ACTIVITY.c.type, *(func.sum(ACTIVITY.c[g]).label(g) for g in GENDERS))
        .where(*window_conditions(w))
        .group_by(ACTIVITY.c.type)
        .having(func.sum(attendance_total(ACTIVITY)) > 0)
        .order_by(ACTIVITY.c.type)
    )
    return [(r.type, _counts(r)) for r in conn.execute(query)]


def gender_balance(store: Store, project: ProjectView, period: Period) -> GenderBalance:
    """Attendance by gender, women-led companies and group composition (period resolved)."""
    found, chosen = project, period
    periods = [p for p in project_periods(found) if p.start <= chosen.end]
    w = window_of(found, chosen)
    companies = [
        ("supported", "companies_supported", KpiFilter()),
        ("women_led", "women_led_companies", KpiFilter()),
    ]
    with store.read() as conn:
        per_period = _per_period(conn, w, periods)
        by_type = _by_type(conn, w)
        orgs = count_organisations(conn, w, companies)
    kpis = compute_kpis(store, found, chosen)
    return GenderBalance(
        project=found,
        period=chosen,
        periods=tuple(per_period),
        by_type=tuple(by_type),
        share_kpis=tuple(k for k in kpis.kpis if k.metric == "women_share"),
        supported=int(orgs["supported"].cumulative or 0),
        women_led=int(orgs["women_led"].cumulative or 0),
        groups=tuple(list_group_compositions(store, found.id)),
    )
