"""Stored numbers outside their domain bounds (hubtui.domain.bounds), for `hubtui doctor`.

Every way in refuses such numbers now, but a database written by an older hubtui, by hand,
or by another program may still hold them (2^62 attendees made the KPIs fail with "integer
overflow"). The doctor counts them per column and says where to correct them.
"""

from __future__ import annotations

import sqlite3

from hubtui.domain import bounds
from hubtui.domain.sni import parse_sni_codes
from hubtui.errors import UserError

# (table, column, bound name, extra SQL condition) of every bounded column that is stored
COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("organisation", "employees", "employees", ""),
    *(("activity", c, "attendance", "") for c in ("women", "men", "other", "unstated")),
    ("activity", "hours", "hours", ""),
    *(("group_composition", c, "group_members", "") for c in ("women", "men", "other")),
    ("investment", "amount", "amount_sek", "currency <> 'EUR'"),
    ("investment", "amount", "amount_eur", "currency = 'EUR'"),
    *(
        ("dma_assessment", c, "dma_score", "")
        for c in (
            "strategy",
            "readiness",
            "human_centric",
            "data_management",
            "automation_ai",
            "green",
        )
    ),
    ("kpi_goal", "target", "kpi_target", ""),
    ("project", "period_months", "period_months", ""),
)


def out_of_bounds(conn: sqlite3.Connection, tables: set[str]) -> dict[tuple[str, str], int]:
    """(table, column) → how many live rows hold a value outside the column's bounds."""
    found: dict[tuple[str, str], int] = {}
    for table, column, name, condition in COLUMNS:
        if table not in tables:
            continue
        b = bounds.bound(name)
        extra = f" AND {condition}" if condition else ""
        count = conn.execute(
            f'SELECT count(*) FROM "{table}" WHERE deleted = 0 AND "{column}" IS NOT NULL '
            f'AND ("{column}" < ? OR "{column}" > ?){extra}',
            (b.low, b.high),
        ).fetchone()[0]
        if count:
            key = (table, column)
            found[key] = found.get(key, 0) + int(count)
    return found


def unknown_sni_codes(conn: sqlite3.Connection, tables: set[str]) -> dict[str, int]:
    """Stored SNI codes that are not in SNI 2007 (as `parse_sni_codes` checks them now; an
    older hubtui checked only their form) → how many live organisations hold each."""
    if "organisation" not in tables:
        return {}
    found: dict[str, int] = {}
    rows = conn.execute(
        "SELECT sni_codes FROM organisation WHERE deleted = 0 AND sni_codes IS NOT NULL "
        "AND sni_codes <> ''"
    )
    for (text,) in rows:
        for code in str(text).split(","):
            try:
                parse_sni_codes(code)
            except UserError:
                found[code] = found.get(code, 0) + 1
    return found
