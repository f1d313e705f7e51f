"""`hubtui encrypt` and `hubtui decrypt`: convert a database file in place, safely.

Encrypting needs the key hubtui will use from then on (HUBTUI_DB_KEY or the keyring) and
the `encryption` extra (SQLCipher). Both directions:

1. refuse while another hubtui has the database open (switching it out of WAL mode needs the
   only connection), and refuse a file already in the wanted form;
2. back the database up first (a byte copy in the backups folder, `before-encrypt` or
   `before-decrypt`);
3. export it with SQLCipher's `sqlcipher_export` into a temporary file beside it, under an
   exclusive lock, and check the copy (`integrity_check`, and every table's row count equal
   to the original's) before anything is replaced;
4. rename the copy over the database (atomic), then overwrite the old file's bytes with zeros
   through a handle opened before the rename, so the old form's bytes are gone from it;
5. convert every backup in the backups folder the same way (that first one included), so no
   copy stays in the old form; a damaged backup that cannot be converted is named.
"""

from __future__ import annotations

import os
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hubtui.errors import DatabaseError, UserError
from hubtui.store import encryption
from hubtui.store.backups import list_backups, new_backup_path, partial_name
from hubtui.store.engine import create_private_file
from hubtui.store.store import SQLITE_HEADER

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]  # no advisory locks there; checked before use

_ZEROS = b"\x00" * 65_536


@dataclass(frozen=True)
class ConvertResult:
    path: Path
    backup: Path
    backups_converted: int
    backups_failed: tuple[Path, ...] = ()


def encrypt_database(db_path: Path) -> ConvertResult:
    """Encrypt the plain database at `db_path` with the key hubtui uses."""
    return _convert(db_path, encrypt=True)


def decrypt_database(db_path: Path) -> ConvertResult:
    """Turn the encrypted database at `db_path` into a plain SQLite file."""
    return _convert(db_path, encrypt=False)


def is_plain(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _convert(db_path: Path, *, encrypt: bool) -> ConvertResult:
    key = encryption.database_key()
    if key is None:
        raise UserError(
            (
                "There is no key; set {key_env} or put the key in the keyring (service "
                "'{keyring_service}', name '{keyring_name}') first."
            ),
            key_env=encryption.KEY_ENV,
            keyring_service=encryption.KEYRING_SERVICE,
            keyring_name=encryption.KEYRING_NAME,
        )
    module = encryption.sqlcipher()
    if not db_path.is_file():
        raise UserError(
            "There is no database at {db_path}; check --db or HUBTUI_DB.", db_path=db_path
        )
    if is_plain(db_path) != encrypt:
        if encrypt:
            raise UserError(
                "The database {db_path} is already encrypted; nothing to do.", db_path=db_path
            )
        raise UserError("The database {db_path} is not encrypted; nothing to do.", db_path=db_path)
    source_key, target_key = (None, key) if encrypt else (key, None)
    _take_alone(module, db_path, source_key)
    backup = _backup(db_path, "before-encrypt" if encrypt else "before-decrypt")
    _convert_file(module, db_path, source_key, target_key)
    converted, failed = 0, []
    for info in list_backups(db_path):
        if is_plain(info.path) != encrypt:
            continue
        try:
            _convert_file(module, info.path, source_key, target_key)
            converted += 1
        except (module.Error, DatabaseError, OSError):
            failed.append(info.path)  # a damaged copy: named, for the user to delete
    return ConvertResult(db_path, backup, converted, tuple(failed))


def _connect(module: Any, path: Path, key: str | None) -> Any:
    conn = module.connect(str(path), isolation_level=None, timeout=1.0)
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        conn.execute(f"PRAGMA key = {encryption.quote(key)}")
    return conn


def _open_elsewhere(path: Path) -> bool:
    """True when another connection has the WAL database open: each holds a shared lock on
    the shared-memory file's DMS byte (offset 128) as long as it is open. An open-file-
    description lock conflicts with those even in this same process (Linux); elsewhere
    leaving WAL mode below is the check."""
    shm = Path(f"{path}-shm")
    ofd = getattr(fcntl, "F_OFD_SETLK", None) if fcntl is not None else None
    if ofd is None or not shm.exists():
        return False
    fd = os.open(shm, os.O_RDWR)
    try:
        try:
            fcntl.fcntl(fd, ofd, struct.pack("hhqqi4x", fcntl.F_WRLCK, 0, 128, 1, 0))
        except OSError:
            return True
        fcntl.fcntl(fd, ofd, struct.pack("hhqqi4x", fcntl.F_UNLCK, 0, 128, 1, 0))
        return False
    finally:
        os.close(fd)


def _take_alone(module: Any, path: Path, key: str | None) -> None:
    """Leave WAL mode (which only the one connection to the file may do) or refuse."""
    if _open_elsewhere(path):
        raise UserError(
            "Another hubtui has the database {path} open; close it and try again.", path=path
        )
    conn = _connect(module, path, key)
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except module.Error as e:
        text = str(e).lower()
        if "locked" in text or "busy" in text:
            raise UserError(
                "Another hubtui has the database {path} open; close it and try again.", path=path
            ) from None
        raise DatabaseError(
            "The database {path} cannot be read ({reason}).", path=path, reason=e
        ) from None
    finally:
        conn.close()
    if mode != "delete":
        raise UserError(
            "Another hubtui has the database {path} open; close it and try again.", path=path
        )


def _backup(db_path: Path, reason: str) -> Path:
    """A byte copy of the database as it is (out of WAL mode, the file alone is all of it)."""
    dest = new_backup_path(db_path, reason)
    temporary = partial_name(dest)
    create_private_file(temporary)
    try:
        shutil.copyfile(db_path, temporary)
        os.replace(temporary, dest)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return dest


def _convert_file(module: Any, path: Path, key_from: str | None, key_to: str | None) -> None:
    """Write `path` in the other form beside it, check it, rename it over `path`, and zero
    the old bytes."""
    temporary = partial_name(path)
    temporary.unlink(missing_ok=True)
    conn = _connect(module, path, key_from)
    try:
        counts = _row_counts(conn)
        conn.execute(f"ATTACH DATABASE {encryption.quote(str(temporary))} AS target "
                     f"KEY {encryption.quote(key_to or '')}")  # fmt: skip
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT sqlcipher_export('target')")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE target")
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        conn.close()
    try:
        os.chmod(temporary, 0o600)
        _check_copy(module, temporary, key_to, counts)
        with path.open("r+b") as old:
            os.replace(temporary, path)
            _fsync_folder(path.parent)
            _zero(old)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _row_counts(conn: Any) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _check_copy(module: Any, path: Path, key: str | None, counts: dict[str, int]) -> None:
    conn = _connect(module, path, key)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        same = _row_counts(conn) == counts
    finally:
        conn.close()
    if not ok or not same:
        raise DatabaseError(
            "The converted copy of {path} did not check out; nothing was changed.", path=path
        )


def _zero(handle: Any) -> None:
    size = os.fstat(handle.fileno()).st_size
    handle.seek(0)
    for _ in range(0, size, len(_ZEROS)):
        handle.write(_ZEROS)
    handle.truncate(size)
    handle.flush()
    os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
