"""Benchmark: `generate_demo` with many activities into a fresh SQLite database.

Run: /work/venv/bin/python benchmarks/demo_data.py [--activities 1000000] [--keep PATH]
Prints the time each stage finished (wall clock), the process's CPU time and the file size;
docs/performance.md records the results.

With --copy-of DEMO.db it times the floor instead: a plain SQLite copy of that demo database
(every row of every table inserted into a fresh database of the same schema and indexes with
`INSERT INTO ... SELECT`, in one transaction), wall clock and CPU time.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from hubtui.demo import generate_demo
from hubtui.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="Write the database here and keep it.")
    parser.add_argument("--copy-of", type=Path, help="Time a plain copy of this database.")
    args = parser.parse_args()
    if args.copy_of:
        plain_copy(args.copy_of)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "demo.db"
        store = open_store(path, advisor="benchmark")
        start = time.perf_counter()

        def progress(stage: str, done: int, total: int) -> None:
            print(f"{time.perf_counter() - start:8.1f} s  {stage} {done:,}/{total:,}", flush=True)

        summary = generate_demo(
            store, seed=args.seed, activities=args.activities, progress=progress
        )
        wall = time.perf_counter() - start
        store.close()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        size = sum(
            Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists()
        )
        print(f"rows: {dict(summary.counts)}")
        print(
            f"wall {wall:.1f} s, CPU {usage.ru_utime + usage.ru_stime:.1f} s "
            f"(user {usage.ru_utime:.1f}, system {usage.ru_stime:.1f}), "
            f"peak memory {usage.ru_maxrss / 1024:.0f} MB, file {size / 1e9:.2f} GB",
            file=sys.stdout,
        )


def plain_copy(source: Path) -> None:
    with tempfile.TemporaryDirectory(dir=source.parent) as folder:
        path = Path(folder) / "copy.db"
        open_store(path, advisor="benchmark").close()  # the schema, empty
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA cache_size=-262144")  # 256 MB, as the demo writes activities
        conn.execute("ATTACH DATABASE ? AS source", (f"file:{source}?mode=ro",))
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM source.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
            )
        ]
        start, cpu = time.perf_counter(), time.process_time()
        conn.execute("BEGIN")
        for name in tables:
            conn.execute(f'DELETE FROM main."{name}"')
            conn.execute(f'INSERT INTO main."{name}" SELECT * FROM source."{name}"')
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wall, used = time.perf_counter() - start, time.process_time() - cpu
        conn.close()
        print(f"plain copy of {source}: wall {wall:.1f} s, CPU {used:.1f} s ({len(tables)} tables)")


if __name__ == "__main__":
    main()
