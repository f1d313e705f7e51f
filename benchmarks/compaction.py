"""Benchmark: what compaction costs a folder sync.

Two peer laptops each enter --files organisations one at a time, syncing after each (so the
folder holds 2 × --files small change files), then a source laptop gets the 100,001 change
records of benchmarks/sync.py and syncs. On the source, side by side (median of --repeat,
CPU time and wall clock):

- a sync that finds nothing new with the compaction check after it (reading every device's
  folder, acknowledgements and snapshot headers; not due), against the same sync alone;
- writing a snapshot of the 100,001 records (and acknowledging it), against writing every
  change row as a gzip'd JSON line through the sqlite3 module (the floor of sync.py).

Run: /work/venv/bin/python benchmarks/compaction.py [--files 300] [--repeat 5]
Prints a Markdown table; docs/performance.md records the results.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_support import Figure, print_table
from sync import fill, floor_export, laptop

from hubtui.sync.compaction import sync_and_compact, write_snapshot_now
from hubtui.sync.folder import sync_folder
from hubtui.sync.folder_state import Limits

NEVER = Limits(files=1_000_000, superseded=1_000_000_000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "shared"
        folder.mkdir()
        peers = [laptop(root, "peer1"), laptop(root, "peer2")]
        for n in range(args.files):
            for peer in peers:
                with peer.write() as writer:
                    writer.insert("organisation", {"name": f"{peer.advisor} {n}"})
                sync_folder(peer, folder)
        source = laptop(root, "source")
        count = fill(source, 10_000, 30_000, 30_000)
        sync_folder(source, folder)
        files = len(list(folder.glob("*/*.hubsync")))
        print(f"{files} change files in the folder; the source holds {count:,} records")
        figures = [
            Figure(
                f"sync finding nothing new, with the compaction check ({files} files)",
                lambda: sync_and_compact(source, folder, NEVER),
                lambda: sync_folder(source, folder),
                goal=1.2,
            ),
            Figure(
                f"snapshot of {count:,} records, × writing them raw",
                lambda: write_snapshot_now(source, folder),
                lambda: floor_export(root / "source.db", root / "floor.jsonl.gz"),
                goal=3,
            ),
        ]
        print_table(figures, args.repeat)
        for store in (*peers, source):
            store.close()


if __name__ == "__main__":
    main()
