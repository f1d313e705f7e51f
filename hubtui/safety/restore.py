"""Restoring a database from a backup file: check it, keep the current one, then swap.

The backup is first checked (a healthy SQLite file of a schema revision this hubtui knows),
then copied into a staging file beside the database. Erasures recorded in the current
database are applied to the staged copy, so a restore never brings an erased person back,
and the restored database continues as a new sync device (hubtui.store.device) with a clock
no earlier than the one it replaces, so its next sync re-announces what it holds.

The swap itself: when the current database is healthy, SQLite's backup API copies the staged
pages into it in one write transaction, which is atomic and safe while another hubtui has it
open (WAL and shared memory stay consistent). The current database is backed up while that
transaction holds the write lock, so no write another hubtui commits meanwhile can fall
between the backup and the copy. When it is damaged, it is copied aside as it is and the
staged file replaces it with an atomic rename.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from hubtui.errors import DatabaseError, UserError
from hubtui.files import private_folder
from hubtui.paths import backups_dir
from hubtui.store import device, migrate
from hubtui.store.backups import backup_database, new_backup_path, rotate_backups, snapshot
from hubtui.store.encryption import SQLITE_ERRORS
from hubtui.store.engine import (
    create_private_file,
    file_connection,
    make_engine,
    read_only_connection,
    sqlite_url,
)
from hubtui.store.erasure import copy_erasures, count_erasures
from hubtui.store.store import check_sqlite_file

SIDE_FILES = ("-wal", "-shm")
_UNHEALTHY: tuple[type[Exception], ...] = (*SQLITE_ERRORS, UserError)


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    revision: str
    kept_as: Path | None  # where the database that was replaced now lies


def check_backup_file(path: Path) -> str:
    """Check that `path` is a healthy hubtui database this version can use; its revision."""
    if not path.is_file():
        raise UserError("There is no backup file at {path}; check the path.", path=path)
    check_sqlite_file(path)
    try:
        conn = read_only_connection(path)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
            broken_links = conn.execute("PRAGMA foreign_key_check").fetchall()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except SQLITE_ERRORS as e:
        raise DatabaseError(
            "{path} is damaged ({reason}); choose another backup.", path=path, reason=e
        ) from None
    if problems != ["ok"]:
        raise DatabaseError(
            "{path} is damaged ({problems}); choose another backup.",
            path=path,
            problems=problems[0],
        )
    if broken_links:
        raise DatabaseError(
            "{path} has broken references between rows; choose another backup.", path=path
        )
    if revision is None:
        raise DatabaseError(
            "{path} is not a hubtui database; choose a hubtui backup file.", path=path
        )
    if revision[0] not in migrate.known_revisions():
        raise DatabaseError(
            (
                "{path} was written by a newer hubtui (schema {revision}); upgrade hubtui to "
                "restore it."
            ),
            path=path,
            revision=revision[0],
        )
    return str(revision[0])


def restore_database(db_path: Path, source: Path, *, keep: int | None = None) -> RestoreResult:
    """Replace the database at `db_path` with the backup `source`, keeping the current one."""
    source = source.expanduser()
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise UserError(
            "{source} is the database itself; choose a backup file to restore.", source=source
        )
    revision = check_backup_file(source)
    staged = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")
    staged.unlink(missing_ok=True)
    try:
        snapshot(source, staged)
        if revision != migrate.head_revision():
            _upgrade(staged)  # an open hubtui must find the schema it knows
        healthy = db_path.exists() and _healthy(db_path)
        if healthy:
            erasures = copy_erasures(db_path, staged)  # the slow part, before taking the lock
            kept: Path | None = _copy_pages_into(staged, db_path, erasures)
        else:
            kept = _keep_damaged(db_path)
            _new_identity(None, staged, db_path)
            _replace_file(staged, db_path)
    finally:
        for suffix in ("", *SIDE_FILES):
            Path(f"{staged}{suffix}").unlink(missing_ok=True)
    if keep is not None:
        rotate_backups(db_path, keep)
    return RestoreResult(source, revision, kept)


def _upgrade(staged: Path) -> None:
    """Migrate the staged copy of an older backup (no backup first: it is a copy already)."""
    engine = make_engine(sqlite_url(staged))
    try:
        migrate.upgrade(engine)
    finally:
        engine.dispose()


def _healthy(path: Path) -> bool:
    try:
        check_sqlite_file(path)
        conn = read_only_connection(path)
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check(1)")] == ["ok"]
        finally:
            conn.close()
    except _UNHEALTHY:
        return False


def _new_identity(current: Path | None, staged: Path, db_path: Path) -> None:
    """The restored database continues as a new device (see hubtui.store.device): what it
    sent after the backup was taken is no longer in it, so peers must not count on its old
    cursors, and it must take its own lost changes back from them like anyone else's. Its
    clock never goes back behind one it has already used."""
    state: dict[str, str] = {}
    if current is not None:
        conn = read_only_connection(current)
        try:
            state = dict(conn.execute("SELECT key, value FROM local_state").fetchall())
        finally:
            conn.close()
    target = file_connection(staged)
    try:
        with target:
            old = dict(target.execute("SELECT key, value FROM local_state").fetchall())
            merged = {**old, **state, "hlc": max(old.get("hlc", ""), state.get("hlc", ""))}
            new = device.forked(merged, db_path, copied=False)
            backup_id = old.get(device.DEVICE, "")
            if backup_id and backup_id not in new[device.PREVIOUS].split(","):
                new[device.PREVIOUS] = f"{backup_id},{new[device.PREVIOUS]}".strip(",")
            for key, value in {**merged, **new}.items():
                target.execute(
                    "INSERT INTO local_state (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
    finally:
        target.close()


def _keep_damaged(db_path: Path) -> Path | None:
    """Save a damaged (or missing) database about to be replaced in the backups folder."""
    if not db_path.exists():
        return None
    # A damaged file cannot be read through SQLite: keep its bytes (and its WAL) as they are.
    dest = new_backup_path(db_path, "damaged")
    for suffix in ("", *SIDE_FILES):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            target = Path(f"{dest}{suffix}")
            create_private_file(target)
            shutil.copyfile(part, target)
    return dest


def _copy_pages_into(staged: Path, db_path: Path, erasures: int) -> Path:
    """Copy the staged database into the live one in one transaction (SQLite backup API),
    keeping the live database as it was in the backups folder; where it was kept.

    The copy goes one page per step. After the first step the copy holds the live file's
    write lock until it commits, so that is when the live database is backed up (a reader
    sees its last committed state, which no other hubtui can change any more) and when
    erasures recorded meanwhile and this device's identity are carried over to the staged
    copy (the copy then starts over from it, still under the lock). So every write another
    hubtui committed is either in that backup or, if it waited for the lock, in the restored
    database: none is lost.
    """
    # The live file is in WAL mode; the backup API wants both sides to agree on that.
    conn = file_connection(staged)
    conn.execute("PRAGMA journal_mode=WAL")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    if pages < 2:  # the whole copy would commit in its first step, before the lock is used
        raise DatabaseError(
            "The backup of {db_path} is empty; choose another backup.", db_path=db_path
        )
    kept: list[Path] = []

    def under_the_lock(_status: int, _remaining: int, _total: int) -> None:
        if kept:
            return
        kept.append(backup_database(db_path, reason="before-restore"))
        if count_erasures(db_path) != erasures:
            copy_erasures(db_path, staged)
        _new_identity(db_path, staged, db_path)

    src = file_connection(staged)
    dst = file_connection(db_path)
    try:
        src.backup(dst, pages=1, progress=under_the_lock)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except SQLITE_ERRORS as e:
        raise DatabaseError(
            (
                "Restoring into {db_path} failed ({reason}); nothing was changed, close other "
                "hubtui windows and try again."
            ),
            db_path=db_path,
            reason=e,
        ) from None
    finally:
        dst.close()
        src.close()
    return kept[0]


def _replace_file(staged: Path, db_path: Path) -> None:
    """Atomically put the staged file in place of a damaged (or missing) database."""
    private_folder(backups_dir(db_path))
    for suffix in SIDE_FILES:  # they belong to the damaged file, already kept aside
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.replace(staged, db_path)
    fd = os.open(db_path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
