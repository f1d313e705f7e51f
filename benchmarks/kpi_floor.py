"""Hand-written SQL for the headline KPI numbers, run directly by the sqlite3 module.

This is the benchmark's floor: the same period and cumulative values as the engine, written
by hand as plain SQL strings (one statement per family of metrics, single passes, no
breakdowns), with no SQLAlchemy in between. `benchmarks/kpi.py` checks that both agree.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

ACTIVITY_METRICS = {"activities", "participants", "hours", "women_share"}
ORG_METRICS = {
    "companies_supported",
    "new_companies_supported",
    "research_cooperation",
    "women_led_companies",
}
VALUES = {
    "activities": ["1"],
    "participants": ["a.women + a.men + a.other + a.unstated"],
    "hours": ["COALESCE(a.hours, 0)"],
    "women_share": ["a.women", "a.men", "a.other"],
}


def _in(column: str, items: list[str]) -> str:
    return f"{column} IN ({', '.join(repr(str(i)) for i in items)})"


def _org_cond(where: dict[str, Any], o: str, default_kinds: bool) -> list[str]:
    out = []
    kinds = where.get("kinds") or (["company"] if default_kinds else None)
    if kinds:
        out.append(_in(f"{o}.kind", kinds))
    if "size" in where:
        out.append(_in(f"{o}.size_class", where["size"]))
    if "counties" in where:
        out.append(_in(f"{o}.county", where["counties"]))
    if "manufacturing" in where:
        out.append(f"{o}.manufacturing = {int(where['manufacturing'])}")
    return out


def _act_cond(where: dict[str, Any]) -> list[str]:
    out = []
    for key, column in (
        ("types", "a.type"),
        ("categories", "a.category"),
        ("support", "a.support"),
    ):
        if key in where:
            out.append(_in(column, where[key]))
    return out


def _all(conditions: list[str]) -> str:
    return " AND ".join(conditions) or "1"


def floor_numbers(
    conn: sqlite3.Connection, code: str, start: dt.date, end: dt.date
) -> dict[str, tuple[float | None, float | None]]:
    """{kpi id: (period value, cumulative value)} for the project and period start..end."""
    pid, p_start = conn.execute("SELECT id, start FROM project WHERE code = ?", (code,)).fetchone()
    goals = conn.execute(
        'SELECT key, metric, "where" FROM kpi_goal WHERE project_id = ? AND deleted = 0 '
        "ORDER BY position",
        (pid,),
    ).fetchall()
    args = {"pid": pid, "start": p_start, "ps": start.isoformat(), "pe": end.isoformat()}
    out: dict[str, tuple[float | None, float | None]] = {}
    activity = [(k, m, json.loads(w)) for k, m, w in goals if m in ACTIVITY_METRICS]
    orgs = [(k, m, json.loads(w)) for k, m, w in goals if m in ORG_METRICS]
    if activity:
        out |= _activities(conn, args, activity)
    if orgs:
        out |= _organisations(conn, args, orgs)
    for key, metric, raw in goals:
        where = json.loads(raw)
        if metric in ("dma_assessed", "dma_improved"):
            out[key] = _dma(conn, args, metric, where)
        elif metric == "investment_triggered":
            out[key] = _investments(conn, args, where)
        elif metric == "collaborations":
            out[key] = tuple(  # type: ignore[assignment]
                conn.execute(
                    "SELECT COALESCE(SUM(date >= :ps), 0), COUNT(*) FROM collaboration "
                    "WHERE project_id = :pid AND deleted = 0 AND date BETWEEN :start AND :pe",
                    args,
                ).fetchone()
            )
    return out


def _activities(conn: sqlite3.Connection, args: dict[str, Any], goals: list[Any]) -> dict[str, Any]:
    columns = []
    for _key, metric, where in goals:
        cond = _act_cond(where)
        org = _org_cond(where, "o", default_kinds=False)
        if org:
            cond.append(
                "EXISTS (SELECT 1 FROM activity_organisation ao JOIN organisation o "
                "ON o.id = ao.organisation_id WHERE ao.activity_id = a.id AND ao.deleted = 0 "
                f"AND o.deleted = 0 AND {_all(org)})"
            )
        for value in VALUES[metric]:
            columns.append(f"SUM(CASE WHEN {_all(cond)} AND a.date >= :ps THEN {value} ELSE 0 END)")
            columns.append(f"SUM(CASE WHEN {_all(cond)} THEN {value} ELSE 0 END)")
    row = iter(
        conn.execute(
            f"SELECT {', '.join(columns)} FROM activity a WHERE a.project_id = :pid "
            "AND a.deleted = 0 AND a.date BETWEEN :start AND :pe",
            args,
        ).fetchone()
    )
    out = {}
    for key, metric, _where in goals:
        pairs = [(next(row) or 0, next(row) or 0) for _ in VALUES[metric]]
        if metric == "women_share":
            (pw, cw), (pm, cm), (po, co) = pairs
            out[key] = (
                round(pw / (pw + pm + po), 3) if pw + pm + po else None,
                round(cw / (cw + cm + co), 3) if cw + cm + co else None,
            )
        else:
            out[key] = pairs[0]
    return out


def _organisations(
    conn: sqlite3.Connection, args: dict[str, Any], goals: list[Any]
) -> dict[str, Any]:
    flags, sums = [], []
    for n, (_key, metric, where) in enumerate(goals):
        cond = _act_cond(where) + (["a.joint_rd = 1"] if metric == "research_cooperation" else [])
        flags.append(f"MAX(CASE WHEN {_all(cond)} AND a.date >= :ps THEN 1 ELSE 0 END) AS p{n}")
        flags.append(f"MAX(CASE WHEN {_all(cond)} THEN 1 ELSE 0 END) AS c{n}")
        org = _org_cond(where, "o", default_kinds=True)
        if metric == "women_led_companies":
            org.append("o.leader_gender = 'woman'")
        if metric == "new_companies_supported":
            org.append(
                "o.founded IS NOT NULL AND CAST(REPLACE(o.founded, '-', '') AS INTEGER) + 30000 "
                ">= CAST(REPLACE(f.first, '-', '') AS INTEGER)"
            )
        sums.append(f"SUM(CASE WHEN f.p{n} = 1 AND {_all(org)} THEN 1 ELSE 0 END)")
        sums.append(f"SUM(CASE WHEN f.c{n} = 1 AND {_all(org)} THEN 1 ELSE 0 END)")
    row = iter(
        conn.execute(
            "WITH f AS (SELECT ao.organisation_id AS org, MIN(a.date) AS first, "
            f"{', '.join(flags)} "
            "FROM activity a JOIN activity_organisation ao ON ao.activity_id = a.id "
            "AND ao.deleted = 0 WHERE a.project_id = :pid AND a.deleted = 0 "
            "AND a.date BETWEEN :start AND :pe GROUP BY ao.organisation_id) "
            f"SELECT {', '.join(sums)} FROM f "
            "JOIN organisation o ON o.id = f.org AND o.deleted = 0",
            args,
        ).fetchone()
    )
    return {key: (next(row) or 0, next(row) or 0) for key, _m, _w in goals}


def _dma(conn: sqlite3.Connection, args: dict[str, Any], metric: str, where: dict[str, Any]) -> Any:
    rows = (
        "SELECT d.id, d.organisation_id AS org, d.stage, d.date, d.overall FROM dma_assessment d "
        "WHERE d.deleted = 0 AND d.date BETWEEN :start AND :pe AND (d.project_id = :pid OR "
        "(d.project_id IS NULL AND d.organisation_id IN (SELECT ao.organisation_id FROM "
        "activity_organisation ao JOIN activity a ON a.id = ao.activity_id WHERE a.project_id = "
        ":pid AND a.deleted = 0 AND a.date BETWEEN :start AND :pe AND ao.deleted = 0)))"
    )
    org = _all(_org_cond(where, "o", default_kinds=True))
    if metric == "dma_assessed":
        sql = (
            f"WITH r AS ({rows}) SELECT COUNT(DISTINCT CASE WHEN r.date >= :ps THEN r.org END), "
            "COUNT(DISTINCT r.org) FROM r JOIN organisation o ON o.id = r.org AND o.deleted = 0 "
            f"WHERE r.stage = 'T0' AND {org}"
        )
    else:
        sql = (
            f"WITH r AS ({rows}), b AS (SELECT org, MIN(date) AS t0_date FROM r WHERE stage = 'T0' "
            "GROUP BY org), v AS (SELECT b.org, (SELECT overall FROM r WHERE r.org = b.org AND "
            "r.stage = 'T0' AND r.date = b.t0_date ORDER BY r.id LIMIT 1) AS t0, (SELECT overall "
            "FROM r WHERE r.org = b.org AND r.stage <> 'T0' AND r.date >= b.t0_date ORDER BY "
            "r.date DESC, r.id DESC LIMIT 1) AS later, (SELECT date FROM r WHERE r.org = b.org AND "
            "r.stage <> 'T0' AND r.date >= b.t0_date ORDER BY r.date DESC, r.id DESC LIMIT 1) AS "
            "later_date FROM b) SELECT COALESCE(SUM(later > t0 AND later_date >= :ps), 0), "
            "COALESCE(SUM(later > t0), 0) FROM v JOIN organisation o ON o.id = v.org "
            f"AND o.deleted = 0 WHERE {org}"
        )
    return tuple(conn.execute(sql, args).fetchone())


def _investments(conn: sqlite3.Connection, args: dict[str, Any], where: dict[str, Any]) -> Any:
    org = _all(_org_cond(where, "o", default_kinds=False))
    return tuple(
        conn.execute(
            "SELECT COALESCE(SUM(CASE WHEN i.date >= :ps THEN i.amount ELSE 0 END), 0), "
            "COALESCE(SUM(i.amount), 0) FROM investment i LEFT JOIN organisation o ON "
            "o.id = i.organisation_id AND o.deleted = 0 WHERE i.project_id = :pid AND "
            f"i.deleted = 0 AND i.date BETWEEN :start AND :pe AND {org}",
            args,
        ).fetchone()
    )
