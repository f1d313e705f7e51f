"""Benchmark: sync 100,000 change records between laptops (a folder) and through PostgreSQL.

A source laptop gets 10,000 organisations, a project, 30,000 visits each linked to a company
(so 30,000 link rows) and 30,000 edits of employee counts: 100,001 change records. Then:
its folder export, a fresh laptop importing the folder, the same records offered again
(all already known), and, if the local PostgreSQL answers, a push to an empty team schema
and a pull from it into another fresh laptop.

Then, with --floors, the export and the import against their floors, side by side (median
of --repeat, CPU time and wall clock): the export against reading the change table with the
sqlite3 module and writing every row as a gzip'd JSON line; the import of that file into a
fresh laptop against reading the same file and inserting its records into the change table
of an empty database with the sqlite3 module (the raw write: no checks, no rows rebuilt).

Run: /work/venv/bin/python benchmarks/sync.py [--orgs 10000] [--visits 30000] [--edits 30000]
    [--floors] [--repeat 3]
Prints a Markdown table; docs/performance.md records the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
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

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from hubtui.store import Store, open_store
from hubtui.sync.folder import sync_folder
from hubtui.sync.remote import sync_with
from hubtui.sync.single_file import export_file, import_file

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def timed(step: str, rows: list[tuple[str, float]]) -> Iterator[None]:
    start = time.perf_counter()
    yield
    rows.append((step, time.perf_counter() - start))
    print(f"| {step} | {rows[-1][1]:.1f} s |", flush=True)


def fill(store: Store, orgs: int, visits: int, edits: int) -> int:
    rng = random.Random(6)
    with store.write() as writer:
        org_ids = writer.insert_many(
            "organisation", ({"name": f"Company {n}", "employees": n % 300} for n in range(orgs))
        )
        project = writer.insert(
            "project",
            {
                "code": "KAIM",
                "name": "K",
                "start": dt.date(2025, 3, 1),
                "end": dt.date(2028, 2, 28),
            },
        )
        days = [dt.date(2025, 3, 1) + dt.timedelta(days=d) for d in range(900)]
        visit_ids = writer.insert_many(
            "activity",
            (
                {"project_id": project, "type": "visit", "date": rng.choice(days)}
                for _ in range(visits)
            ),
        )
        writer.insert_many(
            "activity_organisation",
            ({"activity_id": v, "organisation_id": rng.choice(org_ids)} for v in visit_ids),
        )
        for n in range(edits):
            writer.update("organisation", org_ids[n % orgs], {"employees": 1000 + n})
    with store.read() as conn:
        return int(conn.execute(sa.text("SELECT count(*) FROM change")).scalar() or 0)


def laptop(folder: Path, name: str) -> Store:
    return open_store(folder / f"{name}.db", advisor=name)


def pg_schema() -> tuple[str, Callable[[], None]] | None:
    admin = sa.create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            schema = f"bench_{uuid.uuid4().hex[:12]}"
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError:
        return None

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), drop


_COLUMNS = "id, entity, entity_id, field, value, hlc, origin, advisor, recorded_at, seq"


def floor_export(db: Path, out: Path) -> int:
    """Every change row as a gzip'd JSON line, through the sqlite3 module."""
    conn = sqlite3.connect(db)
    names = _COLUMNS.split(", ")
    lines = [
        json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False).encode() + b"\n"
        for row in conn.execute(f"SELECT {_COLUMNS} FROM change ORDER BY seq")
    ]
    conn.close()
    out.write_bytes(gzip.compress(b"".join(lines), compresslevel=6, mtime=0))
    return len(lines)


def floor_import(path: Path, db: Path) -> int:
    """The records of a floor export inserted into an empty database's change table."""
    rows = [
        tuple(json.loads(line).values()) for line in gzip.decompress(path.read_bytes()).splitlines()
    ]
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    with conn:
        conn.executemany(f"INSERT INTO change ({_COLUMNS}) VALUES ({', '.join('?' * 10)})", rows)
    conn.close()
    return len(rows)


def side_by_side(
    label: str, ours: Callable[[], Any], floor: Callable[[], Any], repeat: int
) -> None:
    """Medians of wall clock and CPU time, hubtui and floor alternately."""
    times: list[list[float]] = [[], [], [], []]
    for _ in range(repeat):
        for n, call in enumerate((ours, floor)):
            started, cpu = time.perf_counter(), time.process_time()
            call()
            times[n].append(time.perf_counter() - started)
            times[n + 2].append(time.process_time() - cpu)
    wall, floor_wall, cpu, floor_cpu = (statistics.median(t) for t in times)
    print(
        f"| {label} | {wall:.2f} s | {floor_wall:.2f} s | {wall / floor_wall:.2f}× "
        f"| {cpu:.2f} s | {floor_cpu:.2f} s | {cpu / floor_cpu:.2f}× |",
        flush=True,
    )


def floors(folder: Path, source: Store, count: int, repeat: int) -> None:
    print(f"\nload average {os.getloadavg()[0]:.1f}")
    print("| step | hubtui | floor | ratio | CPU hubtui | CPU floor | CPU ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    source_db = folder / "source.db"
    side_by_side(
        f"export {count:,} records to one file",
        lambda: export_file(source, folder / "export.hubsync"),
        lambda: floor_export(source_db, folder / "floor.jsonl.gz"),
        repeat,
    )
    empty = folder / "empty.db"
    laptop(folder, "empty").close()
    runs = iter(range(1_000_000))

    def fresh(name: str) -> Path:
        path = folder / f"{name}-{next(runs)}.db"
        shutil.copyfile(empty, path)
        return path

    def ours() -> None:
        store = open_store(fresh("import"), advisor="import")
        try:
            assert import_file(store, folder / "export.hubsync").new == count
        finally:
            store.close()

    side_by_side(
        f"import {count:,} records into a fresh laptop",
        ours,
        lambda: floor_import(folder / "floor.jsonl.gz", fresh("floor")),
        repeat,
    )
    print(f"load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=10_000)
    parser.add_argument("--visits", type=int, default=30_000)
    parser.add_argument("--edits", type=int, default=30_000)
    parser.add_argument("--floors", action="store_true", help="export and import vs floors")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shared = folder / "shared"
        shared.mkdir()
        source = laptop(folder, "source")
        count = fill(source, args.orgs, args.visits, args.edits)
        if args.floors:
            floors(folder, source, count, args.repeat)
            source.close()
            return
        print(f"{count:,} change records\n\n| step | time |\n|---|---|")
        with timed(f"folder sync on the source: write {count:,} records", rows):
            sync_folder(source, shared)
        target = laptop(folder, "target")
        report: Any = None
        with timed(f"folder sync on a fresh laptop: import {count:,} records", rows):
            report = sync_folder(target, shared)
        assert report.total.new == count, report.total
        export_file(source, folder / "all.hubsync")
        with timed(f"import the same {count:,} records again (all known)", rows):
            again = import_file(target, folder / "all.hubsync")
        assert again.new == 0
        team = pg_schema()
        if team is not None:
            url, drop = team
            try:
                with timed(f"sync --with PostgreSQL: push {count:,} records to it", rows):
                    sync_with(source, url)
                other = laptop(folder, "other")
                with timed(f"sync --with PostgreSQL: pull {count:,} records to a laptop", rows):
                    pulled = sync_with(other, url)
                assert pulled.pulled.new == count, pulled.pulled
                other.close()
            finally:
                drop()
        source.close()
        target.close()


if __name__ == "__main__":
    main()
