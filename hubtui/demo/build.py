"""`build_demo_file`: the demo written into a new SQLite file, all or nothing.

The demo is built in a hidden file beside the database, `.<name>.partial-<pid>`, that no
other hubtui opens (and that the next open removes if this process dies, see
store.leftovers). Nobody reads it half-written and a crash leaves nothing worth saving, so
it is written without a journal and without waiting for the disk (`make_engine(building=
True)`): each page is written once, where WAL writes it twice and syncs at every commit.
Once complete it is synced to disk, switched to WAL like every hubtui database, told the
place it will have (or it would take itself for a copy, see store.device) and renamed into
place: an interrupted demo never leaves a half database under the database's name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hubtui.demo.generate import DemoSummary, generate_demo
from hubtui.store import device, open_store
from hubtui.store.backups import PARTIAL, fsync_path
from hubtui.store.engine import file_connection

SIDE_FILES = ("-wal", "-shm", "-journal")


def build_demo_file(path: Path, *, advisor: str, **options: Any) -> DemoSummary:
    """Write the demo (`generate_demo`'s options) into a new database file at `path`,
    replacing what is there (the caller has kept or refused a file with data)."""
    staged = path.with_name(f".{path.name}{PARTIAL}{os.getpid()}")
    _remove(staged)
    try:
        store = open_store(staged, advisor=advisor, building=True)
        try:
            summary = generate_demo(store, **options)
            with store.engine.connect() as conn:
                conn.execution_options(hubtui_write=True)
                with conn.begin():
                    device.save_state(conn, device.location(path))
        finally:
            store.close()
        _seal(staged)
        for suffix in SIDE_FILES:  # another file's log must never be applied to this one
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(staged, path)
        fsync_path(path.parent)
    finally:
        _remove(staged)
    return summary


def _seal(staged: Path) -> None:
    """Put the finished file in WAL mode, as hubtui keeps every database, and on disk."""
    conn = file_connection(staged)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    fsync_path(staged)


def _remove(staged: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{staged}{suffix}").unlink(missing_ok=True)
