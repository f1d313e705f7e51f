"""Sync by a single file (an e-mail attachment): export every change record this database
holds; import one such file from another device."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hubtui.errors import UserError
from hubtui.files import write_atomically
from hubtui.store import Store
from hubtui.store.bulk import collector_paused
from hubtui.store.erasure_purge import purge_erased
from hubtui.sync.files import RejectedFile, encode_rows, read_change_file
from hubtui.sync.folder import sync_lock
from hubtui.sync.merge import ImportResult, import_changes, refresh_statistics
from hubtui.sync.outgoing import damaged_stamp, first_damaged, rows_after
from hubtui.sync.peers import note_peer


@dataclass(frozen=True)
class ExportResult:
    path: Path
    records: int


def export_file(store: Store, out: Path) -> ExportResult:
    """Write every change record of this database to `out` (replacing it atomically)."""
    if out.is_dir():
        raise UserError(
            "{out} is a folder; give a file name to --out, e.g. {value}.",
            out=out,
            value=out / "hub.hubsync",
        )
    if not out.parent.is_dir():
        raise UserError(
            "The folder {parent} does not exist; create it or choose another.", parent=out.parent
        )
    with store.read() as conn:
        rows = rows_after(conn, 0)
    damaged = first_damaged(rows)
    if damaged is not None:  # the importing side would refuse the whole file
        raise damaged_stamp(rows[damaged], to="file")
    data, _checksum = encode_rows(rows, origin=store.origin, name=store.advisor)
    try:
        write_atomically(out, data)
    except OSError as e:
        raise UserError(
            "Cannot write {out} ({strerror}); choose another place.", out=out, strerror=e.strerror
        ) from None
    return ExportResult(out, len(rows))


def import_file(store: Store, path: Path) -> ImportResult:
    """Import a change file; a file that cannot be imported leaves the database untouched."""
    if not path.is_file():
        raise UserError("There is no file {path}; check the name.", path=path)
    with collector_paused():  # its records are many small objects, alive until the end
        try:
            change_file = read_change_file(path)
        except RejectedFile as e:
            raise UserError(
                "{path} was not imported: {reason}. The database is unchanged.",
                path=path,
                reason=e,
            ) from None
        with sync_lock(store), store.write() as writer:
            result = import_changes(writer, change_file.records)
            if change_file.origin != store.origin:
                note_peer(writer.conn, change_file.origin, change_file.name, result)
        del change_file  # freed by reference counting before the collector runs again
    purge_erased(store)  # an erasure that arrived: its bytes go too
    refresh_statistics(store, result)
    return result
