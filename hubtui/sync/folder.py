"""Sync through a shared folder (network drive, USB stick, cloud folder).

Each device writes only its own files, `<folder>/<device id>/<number>.hubsync`, and imports
every other file it has not imported yet, one transaction per file. A file that cannot be
imported is left where it is, named in the report with the reason, and tried again next time
(a cloud folder may still be copying it); the database is untouched by it.

Anti-entropy (hubtui.sync.repair): a file whose content is not what was imported under its name
is reported and imported again; a gap in a device's numbering is reported; and each device
writes again any of its own files that went missing or were damaged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from hubtui.errors import UserError
from hubtui.files import write_atomically
from hubtui.store import Store
from hubtui.store.bulk import collector_paused
from hubtui.store.erasure_purge import purge_erased
from hubtui.sync.after_delete import count_edits_after_delete
from hubtui.sync.files import SUFFIX, RejectedFile, encode_rows, read_change_file, read_header
from hubtui.sync.merge import ClockAhead, ImportResult, import_changes, refresh_statistics
from hubtui.sync.outgoing import SEQ, damaged_stamp, first_damaged, rows_after
from hubtui.sync.peers import (
    FOLDER_AT_KEY,
    FOLDER_KEY,
    get_state,
    known_files,
    note_file,
    note_peer,
    set_state,
    span_key,
)
from hubtui.sync.records import CHANGE
from hubtui.sync.redaction import scrub_sync_folders
from hubtui.sync.repair import gaps, recheck, repair_outbox
from hubtui.sync.snapshot import (
    COMPACTED,
    note_covered,
    remove_covered,
    snapshot_headers,
    write_acks,
)
from hubtui.sync.snapshot_format import snapshot_keys
from hubtui.sync.superseded import note_snapshot

FILE_NAME = re.compile(r"^(\d{8})" + re.escape(SUFFIX) + "$")
RECORDS_PER_FILE = 50_000
LOCK_TIMEOUT_S = 10.0

Progress = Callable[[str, int, int], None]
"""Called as progress(what, done, total) while a sync runs."""


@dataclass
class FolderReport:
    folder: Path
    imported: list[tuple[str, ImportResult]] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    written: list[tuple[str, int]] = field(default_factory=list)  # (file, records)
    changed: list[tuple[str, str]] = field(default_factory=list)  # (file, what is wrong)
    missing: list[str] = field(default_factory=list)  # other devices' files not in the folder
    repaired: list[tuple[str, str]] = field(default_factory=list)  # (own file, why rewritten)
    compacted: list[str] = field(default_factory=list)  # own files a snapshot made unneeded
    after_delete: int = 0  # edits kept only in the history: their record was deleted first
    purge_note: str = ""  # what could not be purged of an erasure that arrived
    unsent: UserError | None = None  # why this device's changes from some record on wait
    total: ImportResult = field(default_factory=ImportResult)
    cancelled: int = 0  # files left unimported because the sync was cancelled (0: it was not)


def quiet(_what: str, _done: int, _total: int) -> None:
    return None


@contextmanager
def sync_lock(store: Store, *more: Path) -> Iterator[None]:
    """One sync at a time per database (and per device in a folder)."""
    paths = [*more]
    if store.path is not None:
        paths.append(store.path.with_name(store.path.name + ".sync.lock"))
    with ExitStack() as stack:
        for path in paths:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                stack.enter_context(FileLock(path, timeout=LOCK_TIMEOUT_S, mode=0o600))
            except Timeout:
                raise UserError(
                    "Another sync of this database is running; wait for it to finish and try again."
                ) from None
            except OSError as e:
                raise unwritable(path.parent, e) from None
        yield


def unwritable(folder: Path, error: OSError) -> UserError:
    return UserError(
        (
            "Cannot write in {folder} ({strerror}); check that the sync folder is connected, "
            "writable and has free space."
        ),
        folder=folder,
        strerror=error.strerror,
    )


def check_folder(folder: Path) -> Path:
    if not folder.exists():
        raise UserError(
            (
                "The sync folder {folder} does not exist; create it or check that the shared "
                "drive is connected."
            ),
            folder=folder,
        )
    if not folder.is_dir():
        raise UserError(
            "{folder} is a file, not a folder; give the sync folder's path.", folder=folder
        )
    return folder.resolve()


def _device_dirs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _change_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if FILE_NAME.match(p.name))


def never() -> bool:
    return False


def sync_folder(
    store: Store, folder: Path, progress: Progress = quiet, cancelled: Callable[[], bool] = never
) -> FolderReport:
    """Import every new file in `folder`, then write this device's new changes to it.

    `cancelled` is asked before each file: once it says yes, the sync stops between two files
    (each file is one transaction, so none is half imported), writes nothing to the folder,
    and the report counts the files left for the next sync."""
    folder = check_folder(folder)
    outbox = folder / store.origin
    with sync_lock(store, outbox / ".lock"):
        report = FolderReport(folder)
        with collector_paused():  # the records of a file are many small objects
            _import_folder(store, folder, report, progress, cancelled)
        refresh_statistics(store, report.total)
        scrub_sync_folders(store)  # an imported erasure: clean this device's own files too
        if not report.cancelled:
            _export_folder(store, folder, report)
    report.after_delete = count_edits_after_delete(store)
    report.purge_note = purge_erased(store)  # an erasure that arrived: its bytes go too
    return report


def _import_folder(
    store: Store,
    folder: Path,
    report: FolderReport,
    progress: Progress,
    cancelled: Callable[[], bool] = never,
) -> None:
    with store.read() as conn:
        known = known_files(conn, folder)
    todo: list[Path] = []
    devices = _device_dirs(folder)
    for directory in devices:
        files = _change_files(directory)
        todo += [p for p in files if (directory.name, p.name) not in known]
        if directory.name != store.origin:
            todo += recheck(directory, files, known, report.changed)
            report.missing += gaps(directory, files, known)
    # Snapshots first, newest first: the files one covers are then skipped.
    snapshots = [
        folder / label
        for label, _header in snapshot_headers(folder, devices)
        if tuple(label.split("/", 1)) not in known
    ]
    todo = snapshots + todo
    skip: dict[str, str] = {}  # "device/name" -> checksum of files a snapshot covers
    for index, path in enumerate(todo):
        label = f"{path.parent.name}/{path.name}"
        progress(label, index, len(todo))
        if cancelled():
            report.cancelled = len(todo) - index
            return
        if label in skip and (read_header(path) or {}).get("sha256") == skip[label]:
            continue
        try:
            change_file = read_change_file(path)
        except RejectedFile as e:
            report.rejected.append((label, str(e)))
            continue
        try:
            with store.write() as writer:
                result = import_changes(writer, change_file.records)
                if snapshot_keys(change_file.header):
                    skip.update(note_covered(writer, folder, dict(change_file.header)))
                    note_snapshot(writer.conn, folder, label)
                note_file(
                    writer.conn,
                    folder,
                    path.parent.name,
                    path.name,
                    change_file.checksum,
                    result.new,
                )
                if change_file.origin != store.origin:
                    note_peer(writer.conn, change_file.origin, change_file.name, result)
        except ClockAhead as e:
            report.rejected.append((label, e.reason))
            continue
        except IntegrityError as e:  # rolled back: this file changed nothing; the rest go on
            reason = str(e.orig).splitlines()[0]
            report.rejected.append((label, f"its changes could not be applied ({reason})"))
            continue
        report.imported.append((label, result))
        report.total.add(result)
    progress("", len(todo), len(todo))
    if report.missing:  # a snapshot imported just now covers what looked missing before
        with store.read() as conn:
            known = known_files(conn, folder)
        report.missing = [m for m in report.missing if tuple(m.split("/", 1)) not in known]


def _export_folder(store: Store, folder: Path, report: FolderReport) -> None:
    outbox = folder / store.origin
    try:
        outbox.mkdir(exist_ok=True)
    except OSError as e:
        raise unwritable(folder, e) from None
    key = f"{FOLDER_KEY}{folder}"
    others = [d.name for d in _device_dirs(folder) if d.name != store.origin]
    with store.write() as writer:
        report.repaired += repair_outbox(writer, store, folder, others)
        mine = _change_files(outbox)
        known = known_files(writer.conn, folder)
        own = [name for origin, name in known if origin == store.origin]
        compacted = any(known[(store.origin, name)] == COMPACTED for name in own)
        # An empty outbox (a new folder, or one emptied by hand) starts from the beginning;
        # one emptied by compaction goes on from its cursor.
        cursor = int(get_state(writer.conn, key, "0")) if mine or compacted else 0
        names = [*own, *(p.name for p in mine)]
        number = max((int(n[:8]) for n in names if FILE_NAME.match(n)), default=0)
        # Records whose device writes to this folder itself are left to that device's files.
        records = rows_after(writer.conn, cursor, skip_origins=others)
        # A record whose time stamp is damaged would make every peer refuse the file. It is
        # not left out either: a later record in this device's files would then tell peers
        # (by the version vector) that they hold it. So the files stop before it, and the
        # cursor too: it and what follows go once it is mended.
        damaged = first_damaged(records)
        if damaged is not None:
            report.unsent = damaged_stamp(records[damaged])
            records = records[:damaged]
        low = cursor
        for start in range(0, len(records), RECORDS_PER_FILE):
            part = records[start : start + RECORDS_PER_FILE]
            number += 1
            name = f"{number:08d}{SUFFIX}"
            data, checksum = encode_rows(part, origin=store.origin, name=store.advisor)
            try:
                write_atomically(outbox / name, data)
            except OSError as e:  # the transaction rolls back: these records go next time
                raise unwritable(outbox, e) from None
            note_file(writer.conn, folder, store.origin, name, checksum, len(part))
            set_state(writer.conn, span_key(folder, name), f"{low}:{part[-1][SEQ]}")
            low = part[-1][SEQ]
            report.written.append((f"{store.origin}/{name}", len(part)))
        last = writer.conn.execute(select(func.max(CHANGE.c.seq))).scalar() or 0
        if damaged is not None:
            last = low
        if last > cursor or not get_state(writer.conn, key):
            set_state(writer.conn, key, str(last))
        set_state(writer.conn, f"{FOLDER_AT_KEY}{folder}", dt.datetime.now(dt.UTC).isoformat())
    try:
        write_acks(store, folder)
        report.compacted += remove_covered(store, folder, _device_dirs(folder))
    except OSError as e:
        raise unwritable(outbox, e) from None
