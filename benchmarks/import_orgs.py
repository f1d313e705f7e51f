"""Benchmark: import 50,000 organisation rows from .xlsx and .csv into a fresh SQLite database.

Run: /work/venv/bin/python benchmarks/import_orgs.py [--rows 50000]
Prints one Markdown table row per step; docs/performance.md records the results.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    print("| input | step | time |\n|---|---|---|")
    bench(args.rows, "xlsx", write_xlsx)
    bench(args.rows, "csv", write_csv)


if __name__ == "__main__":
    main()
