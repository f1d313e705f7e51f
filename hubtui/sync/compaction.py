"""Compaction of a sync folder: on request (`hubtui sync compact`) and after a folder sync
when it is due (see hubtui.sync.folder_state for when; hubtui.sync.snapshot for what a
snapshot holds and when the files it covers go).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from hubtui.errors import UserError
from hubtui.store import Store
from hubtui.sync.folder import (
    FolderReport,
    Progress,
    check_folder,
    never,
    quiet,
    sync_folder,
    sync_lock,
    unwritable,
)
from hubtui.sync.folder_state import FolderState, Limits, folder_state
from hubtui.sync.records import CHANGE
from hubtui.sync.snapshot import write_acks, write_snapshot


@dataclass
class CompactReport:
    sync: FolderReport
    snapshot: str  # "device/name"
    records: int  # change records it holds
    held: int  # change records this database holds


@dataclass
class Compaction:
    """What compaction did at the end of a folder sync."""

    removed: list[str] = field(default_factory=list)  # files a snapshot made unneeded
    snapshot: str = ""  # the snapshot written now ("device/name"), "" when none
    records: int = 0  # change records it holds
    held: int = 0  # change records this database holds
    gathered: int = 0  # change files beyond the last snapshot when it was due
    superseded: int = 0  # overwritten change records among what had gathered (left out now)
    state: FolderState | None = None  # the folder afterwards (None: the sync was cancelled)
    problem: UserError | None = None  # why a snapshot that was due could not be written


def write_snapshot_now(store: Store, folder: Path) -> tuple[str, int, int]:
    """Write a snapshot of this database into `folder` and acknowledge it: its "device/name",
    the records it holds and the records this database holds."""
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
    return label, records, int(held or 0)


def compact_folder(
    store: Store, folder: Path, progress: Progress = quiet, cancelled: Callable[[], bool] = never
) -> CompactReport:
    """Sync with `folder`, write a snapshot of the result into it, and say so there (no
    snapshot when the sync was cancelled: `snapshot` is "")."""
    report = sync_folder(store, folder, progress, cancelled)
    if report.cancelled:
        return CompactReport(report, "", 0, 0)
    label, records, held = write_snapshot_now(store, report.folder)
    return CompactReport(report, label, records, held)


def compact_if_due(
    store: Store, folder: Path, limits: Limits, removed: list[str] | None = None
) -> Compaction:
    """After a sync with `folder`: write a snapshot when one is due. A snapshot that cannot be
    written (the folder full, another sync running) is reported, not raised: the sync itself
    went well, and the next one tries again."""
    state = folder_state(store, folder)
    done = Compaction(removed=list(removed or []), state=state)
    if state.due(limits):
        done.gathered, done.superseded = state.beyond_files, state.superseded
        try:
            done.snapshot, done.records, done.held = write_snapshot_now(store, folder)
        except UserError as e:
            done.problem = e
            return done
        done.state = folder_state(store, folder)
    return done


def sync_and_compact(
    store: Store,
    folder: Path,
    limits: Limits,
    progress: Progress = quiet,
    cancelled: Callable[[], bool] = never,
) -> tuple[FolderReport, Compaction]:
    """A folder sync, then compaction when it is due (not after a cancelled sync)."""
    report = sync_folder(store, folder, progress, cancelled)
    if report.cancelled:
        return report, Compaction(removed=list(report.compacted))
    return report, compact_if_due(store, report.folder, limits, report.compacted)
