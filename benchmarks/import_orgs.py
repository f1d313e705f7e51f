"""Benchmark: import 50,000 organisation rows from .xlsx and .csv into a fresh SQLite database.

With --floor, the whole import of the CSV file into a fresh database (read, map, plan, write:
`prepare` + `run_import`) against its floor, side by side (median of --repeat, wall clock
and CPU time): the same file read by the csv module and its rows inserted as organisations,
each with a change record holding the row as JSON, by the sqlite3 module (the raw write: no
checks, no matching against organisations already there).

Run: /work/venv/bin/python benchmarks/import_orgs.py [--rows 50000] [--floor] [--repeat 3]
Prints one Markdown table row per step; docs/performance.md records the results.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from hubtui.domain.orgnr import generate_orgnr
from hubtui.domain.regions import all_municipalities
from hubtui.importers import dry_run, prepare, run_import
from hubtui.store import open_store

HEADER = ["Företagsnamn", "Org.nr", "Län", "Kommun", "Antal anställda", "SNI", "Kommentar"]


def company_rows(count: int, seed: int = 8) -> Iterator[list[Any]]:
    """Rows as a hub's company list holds them: mixed orgnr forms, names or codes for regions."""
    rng = random.Random(seed)
    municipalities = all_municipalities()
    seen: set[str] = set()
    while len(seen) < count:
        orgnr = generate_orgnr(rng)
        if orgnr in seen:
            continue
        seen.add(orgnr)
        place = rng.choice(municipalities)
        written = rng.choice([orgnr, orgnr.replace("-", ""), "16" + orgnr])
        yield [
            f"Företag {len(seen)} AB",
            written,
            place.county_code if rng.random() < 0.5 else None,
            place.name if rng.random() < 0.7 else place.code,
            rng.choice([1, 4, 12, 35, 80, 300]),
            rng.choice(["25110", "62.010", "10.710", "", "71.121"]),
            "",
        ]


def write_xlsx(path: Path, rows: Iterator[list[Any]]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Företag")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def write_csv(path: Path, rows: Iterator[list[Any]]) -> None:
    with path.open("w", encoding="cp1252", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)


@contextmanager
def timed(label: str, results: list[tuple[str, float]]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    results.append((label, time.perf_counter() - start))


def bench(rows: int, fmt: str, writer: Callable[[Path, Iterator[list[Any]]], None]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"foretag.{fmt}"
        writer(source, company_rows(rows))
        store = open_store(Path(folder) / "bench.db", advisor="bench")
        results: list[tuple[str, float]] = []
        with timed("read and map the file", results):
            prepared = prepare(source)
        with timed("dry run", results):
            plan = dry_run(store, prepared)
        assert plan.totals.created == rows, plan.totals
        with timed("import after the dry run (its plan reused: the writes only)", results):
            run_import(store, prepared, planned=plan)
        with timed("import the same file again (planned afresh; nothing to write)", results):
            again = run_import(store, prepared)
        assert again.plan.totals.created == 0 and again.plan.totals.updated == 0
        store.close()
        for label, seconds in results:
            print(f"| {rows:,} rows .{fmt} | {label} | {seconds:.1f} s |")


def floor_import(source: Path, db: Path) -> int:
    """The CSV's rows as organisations plus one JSON change record each, raw."""
    with source.open(encoding="cp1252", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))[1:]
    now = "2026-12-03 00:00:00"
    orgs, changes = [], []
    for n, (name, orgnr, county, municipality, employees, sni, notes) in enumerate(rows):
        org_id = str(uuid.uuid4())
        values = {
            "name": name,
            "orgnr": orgnr,
            "county": county or None,
            "municipality": municipality,
            "employees": int(employees),
            "sni_codes": sni,
            "notes": notes,
        }
        orgs.append((org_id, name, orgnr, county or None, municipality, int(employees), sni, notes))
        changes.append(
            (str(uuid.uuid4()), org_id, json.dumps(values, ensure_ascii=False), f"{n:024d}", now)
        )
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    with conn:
        conn.executemany(
            "INSERT INTO organisation (id, deleted, name, orgnr, county, municipality, employees,"
            " sni_codes, notes, kind, sni_version, leader_gender, personal_number, website,"
            " manufacturing, name_key, country) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, 'company', '',"
            " '', 0, '', 0, '', 'SE')",
            orgs,
        )
        conn.executemany(
            "INSERT INTO change (id, entity, entity_id, field, value, hlc, origin, advisor,"
            " recorded_at) VALUES (?, 'organisation', ?, '*', ?, ?, 'floor', 'floor', ?)",
            changes,
        )
    conn.close()
    return len(rows)


def floor(rows: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "foretag.csv"
        write_csv(source, company_rows(rows))
        open_store(folder / "empty.db", advisor="bench").close()
        runs = iter(range(1_000_000))

        def fresh() -> Path:
            path = folder / f"run-{next(runs)}.db"
            shutil.copyfile(folder / "empty.db", path)
            return path

        def ours() -> None:
            store = open_store(fresh(), advisor="bench")
            try:
                result = run_import(store, prepare(source))
                assert result.plan.totals.created == rows
            finally:
                store.close()

        times: list[list[float]] = [[], [], [], []]
        for _ in range(repeat):
            for n, call in enumerate((ours, lambda: floor_import(source, fresh()))):
                started, cpu = time.perf_counter(), time.process_time()
                call()
                times[n].append(time.perf_counter() - started)
                times[n + 2].append(time.process_time() - cpu)
        wall, floor_wall, ours_cpu, floor_cpu = (statistics.median(t) for t in times)
        print(f"load average {os.getloadavg()[0]:.1f}")
        print("| step | hubtui | floor | ratio | CPU hubtui | CPU floor | CPU ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        print(
            f"| import {rows:,} rows .csv into a fresh database | {wall:.2f} s "
            f"| {floor_wall:.2f} s | {wall / floor_wall:.2f}× | {ours_cpu:.2f} s "
            f"| {floor_cpu:.2f} s | {ours_cpu / floor_cpu:.2f}× |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--floor", action="store_true", help="the CSV import against its floor")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.floor:
        floor(args.rows, args.repeat)
        return
    print("| input | step | time |\n|---|---|---|")
    bench(args.rows, "xlsx", write_xlsx)
    bench(args.rows, "csv", write_csv)


if __name__ == "__main__":
    main()
