"""Benchmark: all KPIs of each demo project for a period, against hand-written SQL.

Builds (or reuses) a demo database with 1,000,000 activities and 20,000 organisations, then
for each project times `compute_kpis` (every KPI with its breakdowns, through SQLAlchemy)
and the hand-written floor in `kpi_floor.py` (headline numbers only, sqlite3 directly), and
checks that both give the same numbers.

Run: /work/venv/bin/python benchmarks/kpi.py [--db PATH] [--activities N] [--organisations N]
Prints a Markdown table; docs/performance.md records the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from kpi_floor import floor_numbers

from hubtui.kpi import compute_kpis
from hubtui.services.projects import list_projects
from hubtui.store import open_store

TODAY = dt.date(2026, 11, 22)


def build(path: Path, activities: int, organisations: int) -> None:
    from hubtui.demo import generate_demo

    started = time.perf_counter()
    store = open_store(path, advisor="Benchmark")
    try:

        def progress(stage: str, done: int, total: int) -> None:
            print(f"  {time.perf_counter() - started:6.0f} s  {stage} {done}/{total}", flush=True)

        generate_demo(
            store,
            seed=1,
            activities=activities,
            organisations=organisations,
            progress=progress,
            today=TODAY,
        )
    finally:
        store.close()


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median time of `repeat` calls after one warm-up call, and the last result."""
    result = call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/hubtui-bench/kpi-1m.db"))
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        print(f"building {args.db} …", flush=True)
        build(args.db, args.activities, args.organisations)
    store = open_store(args.db)
    raw = sqlite3.connect(args.db)
    counts = raw.execute("SELECT COUNT(*) FROM activity").fetchone()[0]
    orgs = raw.execute("SELECT COUNT(*) FROM organisation").fetchone()[0]
    print(f"{args.db}: {counts:,} activities, {orgs:,} organisations")
    print()
    print("| project | period | activities in window | KPIs | engine | floor | engine/floor |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for project in list_projects(store):
        engine_time, result = timed(
            lambda code=project.code: compute_kpis(store, code, today=TODAY), args.repeat
        )
        period = result.period
        floor_time, floor = timed(
            lambda code=project.code, p=period: floor_numbers(raw, code, p.start, p.end),
            args.repeat,
        )
        engine = {k.id: (k.period_value, k.cumulative_value) for k in result.kpis}
        mismatched = {
            key: (engine[key], floor[key])
            for key in engine
            if tuple(float(v) if v is not None else None for v in engine[key])
            != tuple(float(v) if v is not None else None for v in floor[key])
        }
        if mismatched:
            raise SystemExit(f"{project.code}: the engine and the floor disagree: {mismatched}")
        window = raw.execute(
            "SELECT COUNT(*) FROM activity WHERE project_id = ? AND deleted = 0 "
            "AND date BETWEEN ? AND ?",
            (project.id, project.start.isoformat(), period.end.isoformat()),
        ).fetchone()[0]
        print(
            f"| {project.code} | {period.label} | {window:,} | {len(result.kpis)} | "
            f"{engine_time:.3f} s | {floor_time:.3f} s | {engine_time / floor_time:.2f} |",
            flush=True,
        )
    store.close()
    raw.close()


if __name__ == "__main__":
    main()
