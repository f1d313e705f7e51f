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

from hubtui.kpi import compute_kpis, resolve
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


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall-clock and CPU seconds of `repeat` calls after a warm-up, and the result.

    The CPU time (of this process: SQLite runs in it) is the steadier number on a shared
    machine; the wall-clock time is what a user waits.
    """
    result = call()
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = call()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


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
    print(
        "| project | period | activities in window | KPIs | engine wall | floor wall "
        "| engine CPU | floor CPU | engine/floor (CPU) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for project in list_projects(store):
        engine_wall, engine_cpu, result = timed(
            lambda code=project.code: compute_kpis(store, *resolve(store, code, today=TODAY)),
            args.repeat,
        )
        period = result.period
        floor_wall, floor_cpu, floor = timed(
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
            f"{engine_wall:.3f} s | {floor_wall:.3f} s | {engine_cpu:.3f} s | {floor_cpu:.3f} s "
            f"| {engine_cpu / floor_cpu:.2f} |",
            flush=True,
        )
    store.close()
    raw.close()


if __name__ == "__main__":
    main()
