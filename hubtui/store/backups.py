"""Backups of a SQLite database file: taking, listing, rotating, and the daily backup.

A backup is made with `VACUUM INTO` from a read-only connection: a consistent snapshot even
while another hubtui writes (it is one read transaction), compacted, with no free pages that
could still hold erased bytes. Backups live in a `backups` folder beside the database (0700),
each file 0600, named `<database stem>-<YYYYmmdd-HHMMSS>-<reason>.db`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hubtui.errors import DatabaseError, UserError
from hubtui.i18n import N_, _
from hubtui.paths import backups_dir
from hubtui.store.encryption import SQLITE_ERRORS
from hubtui.store.engine import create_private_file, read_only_connection

_STAMP_FORMAT = "%Y%m%d-%H%M%S"
PARTIAL = ".partial-"  # `.<name>.partial-<pid>`: a copy being written (see snapshot)
_NAME = re.compile(r"^(?P<stem>.+?)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[A-Za-z0-9_.-]+)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time, from the file name
    reason: str  # manual, daily, before-<revision>, before-restore, damaged
    size: int


def snapshot(
    source: Path, dest: Path, *, on_connect: Callable[[sqlite3.Connection], None] | None = None
) -> None:
    """Write a consistent, compacted copy of `source` to the new file `dest` (made 0600).

    The copy is written under a temporary name (see `partial_name`), synced, checked, and
    only then renamed to `dest`: a copy cut short (a killed process, a full disk) never
    appears under a backup's name, and `clean_leftovers` removes it later. `on_connect` gets
    the copying connection (another thread may `interrupt()` it: the copy is then removed).
    """
    temporary = partial_name(dest)
    temporary.unlink(missing_ok=True)
    create_private_file(temporary)
    try:
        conn = read_only_connection(source)
        if on_connect is not None:
            on_connect(conn)
        try:
            conn.execute("VACUUM INTO ?", (str(temporary),))
        finally:
            conn.close()
        fsync_path(temporary)
        _check_copy(temporary)
        os.replace(temporary, dest)
        fsync_path(dest.parent)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def partial_name(dest: Path) -> Path:
    """The temporary name a copy is written under before it becomes `dest`."""
    return dest.with_name(f".{dest.name}{PARTIAL}{os.getpid()}")


def _check_copy(path: Path) -> None:
    conn = read_only_connection(path)
    try:
        result = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
    finally:
        conn.close()
    if result != ["ok"]:
        raise DatabaseError(
            "The copy {path} came out damaged ({result}); try again.", path=path, result=result[0]
        )


def backup_database(
    db_path: Path,
    dest: Path | None = None,
    *,
    reason: str = "manual",
    keep: int | None = None,
    on_connect: Callable[[sqlite3.Connection], None] | None = None,
) -> Path:
    """Back up the database at `db_path` to `dest` (default: a new file in its backups folder).

    With `keep`, only the newest `keep` backups in the backups folder are kept afterwards.
    """
    if dest is not None and dest.exists():
        raise UserError(
            "{dest} already exists; choose another file name for the backup.", dest=dest
        )
    target = dest or new_backup_path(db_path, reason)
    try:
        snapshot(db_path, target, on_connect=on_connect)
    except SQLITE_ERRORS as e:
        raise _failure(db_path, e) from None
    except OSError as e:
        raise DatabaseError(
            "Cannot write the backup {target} ({strerror}); check that folder and free space.",
            target=target,
            strerror=e.strerror,
        ) from None
    if keep is not None:
        rotate_backups(db_path, keep)
    return target


def _failure(db_path: Path, error: Exception) -> DatabaseError:
    text = str(error).lower()
    if "malformed" in text or "not a database" in text:
        return damaged(str(db_path), db_path)
    if "locked" in text or "busy" in text:
        return DatabaseError(
            "The database {path} is busy with another hubtui; try the backup again.", path=db_path
        )
    if "full" in text:
        return DatabaseError(
            "The disk is full, so the backup could not be written; free some space."
        )
    return DatabaseError(
        "The backup of {path} failed ({reason}); run 'hubtui doctor'.", path=db_path, reason=error
    )


def damaged(label: str, path: Path | None) -> DatabaseError:
    """The sentence for a damaged database, naming the latest backup to restore."""
    latest = latest_backup(path) if path is not None else None
    if latest is None:
        return DatabaseError(
            (
                "The database {label} is damaged and has no backup beside it; restore a copy you "
                "keep elsewhere with 'hubtui restore PATH', and run 'hubtui doctor'."
            ),
            label=label,
        )
    return DatabaseError(
        (
            "The database {label} is damaged; restore the latest backup ({taken_at:%Y-%m-%d "
            "%H:%M}) with 'hubtui restore {path}'."
        ),
        label=label,
        taken_at=latest.taken_at,
        path=latest.path,
    )


def new_backup_path(db_path: Path, reason: str) -> Path:
    """A file name in the backups folder that no backup has yet."""
    stamp = dt.datetime.now().strftime(_STAMP_FORMAT)
    folder = backups_dir(db_path)
    candidate = folder / f"{db_path.stem}-{stamp}-{reason}.db"
    number = 2
    while candidate.exists():
        candidate = folder / f"{db_path.stem}-{stamp}-{reason}-{number}.db"
        number += 1
    return candidate


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of `db_path` in its backups folder, newest first."""
    folder = backups_dir(db_path)
    found: list[tuple[int, BackupInfo]] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or match["stem"] != db_path.stem:
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        taken = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT)
        found.append((stat.st_mtime_ns, BackupInfo(entry, taken, match["reason"], stat.st_size)))
    found.sort(key=lambda item: (item[1].taken_at, item[0]), reverse=True)
    return [info for _, info in found]


def latest_backup(db_path: Path) -> BackupInfo | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def rotate_backups(db_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups; returns the deleted files."""
    removed = []
    for info in list_backups(db_path)[max(keep, 1) :]:
        for suffix in ("", "-wal", "-shm"):  # a damaged copy may have kept its WAL
            Path(f"{info.path}{suffix}").unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def daily_backup(
    db_path: Path, keep: int, *, on_connect: Callable[[sqlite3.Connection], None] | None = None
) -> Path | None:
    """On the first open of a day, back the database up (and rotate); None if one exists."""
    if not backup_due(db_path):
        return None
    return backup_database(db_path, reason="daily", keep=keep, on_connect=on_connect)


def backup_due(db_path: Path) -> bool:
    """No backup of the database was taken today."""
    latest = latest_backup(db_path)
    return latest is None or latest.taken_at.date() != dt.date.today()


def fsync_path(path: Path) -> None:
    """Wait until a file, or a folder's entries (a rename), is on disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Why a backup was taken (the last part of its name), in words
REASONS = {
    "manual": N_("made by hand"),
    "daily": N_("daily"),
    "before-restore": N_("before a restore"),
    "before-encrypt": N_("before encryption"),
    "before-decrypt": N_("before decryption"),
    "before-demo": N_("before the demo"),
    "damaged": N_("damaged copy"),
}


def reason_text(reason: str) -> str:
    """The reason a backup was taken, in the current language."""
    if reason in REASONS:
        return _(REASONS[reason])
    if reason.startswith("before-"):
        return _("before an upgrade ({revision})").format(revision=reason.removeprefix("before-"))
    return reason
