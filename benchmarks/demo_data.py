"""Benchmark: `generate_demo` with many activities into a fresh SQLite database.

Run: /work/venv/bin/python benchmarks/demo_data.py [--activities 1000000] [--keep PATH]
Prints the time each stage finished (wall clock), the process's CPU time and the file size;
docs/performance.md records the results.
"""

from __future__ import annotations

import argparse
import resource
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
