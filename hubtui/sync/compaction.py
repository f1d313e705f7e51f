"""`hubtui sync compact`: sync with a folder, then write a snapshot of this database there.

See hubtui.sync.snapshot for what a snapshot holds and when the files it covers go.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from hubtui.store import Store
from hubtui.sync.folder import (
    FolderReport,
    Progress,
    check_folder,
    quiet,
    sync_folder,
    sync_lock,
    unwritable,
)
from hubtui.sync.records import CHANGE
from hubtui.sync.snapshot import write_acks, write_snapshot


@dataclass
class CompactReport:
    sync: FolderReport
    snapshot: str  # "device/name"
    records: int  # change records it holds
    held: int  # change records this database holds


def compact_folder(store: Store, folder: Path, progress: Progress = quiet) -> CompactReport:
    """Sync with `folder`, write a snapshot of the result into it, and say so there."""
    report = sync_folder(store, folder, progress)
    folder = check_folder(folder)
    outbox = folder / store.origin
    with sync_lock(store, outbox / ".lock"):
        try:
            with store.write() as writer:
                label, records = write_snapshot(writer, store, folder)
                held = writer.conn.execute(select(func.count()).select_from(CHANGE)).scalar()
            write_acks(store, folder)
        except OSError as e:
            raise unwritable(outbox, e) from None
    return CompactReport(report, label, records, int(held or 0))
