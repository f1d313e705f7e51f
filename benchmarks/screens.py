"""Benchmark: what the screens ask of the database, against hand-written SQL.

For each figure the hubtui service call (through SQLAlchemy, building its views) and the
floor (the same rows as plain SQL through the sqlite3 module) run alternately on the same
database; the table gives the medians and their ratio.

Run: python benchmarks/screens.py --db PATH [--repeat N]
PATH is a database made by `hubtui --db PATH demo --no-open --activities 1000000`; it is
migrated on open. docs/performance.md records the results.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_support import Figure, print_table

from hubtui.kpi import kpi_series
from hubtui.kpi.engine import project_periods
from hubtui.services.activity_queries import (
    count_activities,
    list_activities,
    organisation_timeline,
)
from hubtui.services.organisations import count_organisations, search_organisations
from hubtui.services.projects import get_project
from hubtui.store import open_store

PAGE = 50
_ACTIVITY_COLUMNS = (
    "a.id, a.project_id, p.code, a.type, a.date, a.advisor, a.hours, a.title, a.note, "
    "a.category, a.support, a.joint_rd, a.women, a.men, a.other, a.unstated, a.testbed_id, "
    "t.name, a.outcome"
)
_ACTIVITY_FROM = (
    "FROM activity a JOIN project p ON p.id = a.project_id "
    "LEFT JOIN testbed t ON t.id = a.testbed_id"
)


def _orgs_of(raw: sqlite3.Connection, ids: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    out: dict[str, list[tuple[Any, ...]]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in raw.execute(
            "SELECT l.activity_id, o.id, o.name, o.orgnr FROM activity_organisation l "
            f"JOIN organisation o ON o.id = l.organisation_id WHERE l.activity_id IN ({marks}) "
            "AND l.deleted = 0 ORDER BY o.name_key, o.id",
            chunk,
        ):
            out.setdefault(row[0], []).append(row[1:])
    return out


def floor_page(raw: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> tuple[int, int]:
    rows = raw.execute(
        f"SELECT {_ACTIVITY_COLUMNS} {_ACTIVITY_FROM} WHERE {where} "
        f"ORDER BY a.date DESC, a.id DESC LIMIT {PAGE}",
        params,
    ).fetchall()
    _orgs_of(raw, [r[0] for r in rows])
    (count,) = raw.execute(f"SELECT count(*) FROM activity a WHERE {where}", params).fetchone()
    return len(rows), count


def floor_timeline(raw: sqlite3.Connection, org_id: str) -> int:
    rows = raw.execute(
        f"SELECT {_ACTIVITY_COLUMNS} {_ACTIVITY_FROM} "
        "JOIN activity_organisation l ON l.activity_id = a.id "
        "WHERE l.organisation_id = ? AND l.deleted = 0 AND a.deleted = 0 "
        "ORDER BY a.date DESC, a.id DESC",
        (org_id,),
    ).fetchall()
    _orgs_of(raw, [r[0] for r in rows])
    return len(rows)


def floor_organisations(raw: sqlite3.Connection, project_id: str) -> tuple[int, int]:
    in_project = (
        "SELECT 1 FROM activity_organisation l JOIN activity a ON a.id = l.activity_id "
        "WHERE l.organisation_id = o.id AND l.deleted = 0 AND a.deleted = 0 AND a.project_id = ?"
    )
    rows = raw.execute(
        f"SELECT * FROM organisation o WHERE o.deleted = 0 AND EXISTS ({in_project}) "
        f"ORDER BY o.name_key, o.id LIMIT {PAGE}",
        (project_id,),
    ).fetchall()
    (count,) = raw.execute(
        "SELECT count(*) FROM organisation o WHERE o.deleted = 0 AND o.id IN ("
        "SELECT l.organisation_id FROM activity a "
        "JOIN activity_organisation l ON l.activity_id = a.id "
        "WHERE a.project_id = ? AND a.deleted = 0 AND l.deleted = 0)",
        (project_id,),
    ).fetchone()
    return len(rows), count


def floor_series(raw: sqlite3.Connection, project: Any) -> list[tuple[int, int]]:
    """KAIM's "smf_stod" (companies supported, micro to medium) in every reporting period:
    (period value, cumulative value), one hand-written statement."""
    periods = project_periods(project)
    bucket = " ".join(f"WHEN a.date <= '{p.end}' THEN {n}" for n, p in enumerate(periods))
    rows = raw.execute(
        f"""WITH per AS (
            SELECT l.organisation_id AS org, CASE {bucket} END AS k
            FROM activity a JOIN activity_organisation l ON l.activity_id = a.id
            WHERE a.project_id = ? AND a.deleted = 0 AND l.deleted = 0
              AND a.date BETWEEN ? AND ?
            GROUP BY org, k),
        ok AS (SELECT per.org, per.k FROM per JOIN organisation o ON o.id = per.org
            WHERE o.deleted = 0 AND o.kind = 'company'
              AND o.size_class IN ('micro', 'small', 'medium'))
        SELECT 'p', k, count(*) FROM ok GROUP BY k
        UNION ALL
        SELECT 'c', first, count(*) FROM (SELECT min(k) AS first FROM ok GROUP BY org)
        GROUP BY first""",
        (project.id, str(periods[0].start), str(periods[-1].end)),
    ).fetchall()
    found = {(part, k): n for part, k, n in rows}
    out, total = [], 0
    for n in range(len(periods)):
        total += found.get(("c", n), 0)
        out.append((found.get(("p", n), 0), total))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--project", default="KAIM")
    args = parser.parse_args()
    store = open_store(args.db)
    raw = sqlite3.connect(args.db)
    project = get_project(store, args.project)
    by_links = [
        r[0]
        for r in raw.execute(
            "SELECT organisation_id FROM activity_organisation WHERE deleted = 0 "
            "GROUP BY organisation_id ORDER BY count(*) DESC, organisation_id"
        )
    ]
    busiest, typical = by_links[0], by_links[len(by_links) // 2]
    (acts,) = raw.execute("SELECT count(*) FROM activity").fetchone()
    print(f"{args.db}: {acts:,} activities; project {project.code}")
    print()
    figures = [
        Figure(
            "activities list, first page + count",
            lambda: (len(list_activities(store, limit=PAGE)), count_activities(store)),
            lambda: floor_page(raw, "a.deleted = 0", ()),
            2,
            lambda a, b: a == b,
        ),
        Figure(
            f"activities list of {project.code}, first page + count",
            lambda: (
                len(list_activities(store, project_id=project.id, limit=PAGE)),
                count_activities(store, project_id=project.id),
            ),
            lambda: floor_page(raw, "a.project_id = ? AND a.deleted = 0", (project.id,)),
            2,
            lambda a, b: a == b,
        ),
        *(
            Figure(
                f"organisation timeline ({label} organisation: {floor_timeline(raw, org)} "
                "activities)",
                lambda org=org: len(organisation_timeline(store, org)),
                lambda org=org: floor_timeline(raw, org),
                2,
                lambda a, b: a == b,
            )
            for label, org in (("a typical", typical), ("the busiest", busiest))
        ),
        Figure(
            f"organisation list filtered by {project.code}, first page + count",
            lambda: (
                len(search_organisations(store, project_id=project.id, limit=PAGE)),
                count_organisations(store, project_id=project.id),
            ),
            lambda: floor_organisations(raw, project.id),
            2,
            lambda a, b: a == b,
        ),
    ]
    if project.code == "KAIM":
        figures.append(
            Figure(
                f"KPI series, {len(project_periods(project))} periods (KAIM smf_stod)",
                lambda: [
                    (p.period_value, p.cumulative_value)
                    for p in kpi_series(store, project, "smf_stod")
                ],
                lambda: floor_series(raw, project),
                2,
                lambda a, b: a == b,
            )
        )
    print_table(figures, args.repeat)
    store.close()


if __name__ == "__main__":
    main()
