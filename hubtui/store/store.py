"""Opening a database: checks, automatic migration (after a backup), and the `Store` handle."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.exc import DBAPIError, OperationalError

from hubtui.domain.errors import DatabaseError, UserError
from hubtui.store import device, encryption, migrate, statistics, tables
from hubtui.store.backups import backup_database, damaged
from hubtui.store.daily_backup import DailyBackup
from hubtui.store.encryption import SQLITE_ERRORS
from hubtui.store.engine import (
    create_private_file,
    is_url,
    make_engine,
    read_only_connection,
    sqlite_url,
)
from hubtui.store.ids import new_id
from hubtui.store.leftovers import clean_leftovers
from hubtui.store.writes import Writer

SQLITE_HEADER = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_OPEN_FAILURES: tuple[type[Exception], ...] = (DBAPIError, *SQLITE_ERRORS)
# Words in SQLite's error messages that mean a problem the user can act on (see _friendly).
_KNOWN_FAILURES = (
    "locked",
    "busy",
    "full",
    "no space",
    "readonly",
    "read-only",
    "malformed",
    "not a database",
    "disk i/o error",
    "unable to open",
)
_CHANGE = tables.CHANGE


@dataclass
class Store:
    """A handle on one open hubtui database. Reads and writes go through `read()`/`write()`."""

    engine: Engine
    url: str
    path: Path | None
    origin: str
    advisor: str = ""
    read_only: bool = False
    notice: UserError | None = None  # what the user should hear first (e.g. why read-only)
    # what opening did that the user should hear about (leftover copies removed …)
    notes: tuple[str | UserError, ...] = ()
    # where this file is, for the first write to record (see store.device)
    unrecorded_location: dict[str, str] = field(default_factory=dict)
    daily_backup: DailyBackup | None = None  # the day's backup, while it is being taken
    through: Connection | None = None  # every read goes through it (see `reading_through`)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    def reading_through(self, conn: Connection) -> Store:
        """This store with every read going through `conn`, a write transaction's connection:
        the checks made before writing then read inside the transaction, under its lock.
        Only for reading: it cannot start another write."""
        bound = copy.copy(self)
        bound.through = conn
        return bound

    @contextmanager
    def read(self) -> Iterator[Connection]:
        if self.through is not None:
            yield self.through
            return
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except DBAPIError as e:
            # A damaged page may show up only when a query reaches it.
            if not _is_known_failure(e):
                raise
            raise _friendly(e, self.label, self.path) from None

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One write transaction (BEGIN IMMEDIATE on SQLite); commits when the block ends."""
        if self.through is not None:
            raise RuntimeError("a store reading through a write cannot start another write")
        if self.read_only:
            raise self.notice or DatabaseError("{label} is open read-only.", label=self.label)
        try:
            with self.engine.connect() as conn:
                conn.execution_options(hubtui_write=True)
                with conn.begin():
                    writer = Writer(conn, origin=self.origin, advisor=self.advisor)
                    if self.unrecorded_location:
                        device.save_state(conn, self.unrecorded_location)
                        self.unrecorded_location = {}
                    yield writer
                    writer.flush()
        except DBAPIError as e:
            if not isinstance(e, OperationalError) and not _is_known_failure(e):
                raise
            raise _friendly(e, self.label, self.path) from None

    def __post_init__(self) -> None:
        if self.is_sqlite:
            event.listen(self.engine, "close", self._on_close)

    def _on_close(self, dbapi_connection: Any, _record: Any) -> None:
        if not self.read_only:  # a newer hubtui's database is left exactly as it is
            statistics.optimize_on_close(dbapi_connection)

    def analyze(self) -> None:
        """Refresh the planner's statistics: after demo data, imports and large syncs."""
        if not self.read_only:
            statistics.analyze(self.engine)

    def close(self) -> None:
        """Close the database, after the day's backup if one is being taken."""
        if self.daily_backup is not None:
            self.daily_backup.wait()
        self.engine.dispose()


def _is_known_failure(error: DBAPIError) -> bool:
    text = str(error.orig).lower()
    return any(word in text for word in _KNOWN_FAILURES)


def _friendly(error: DBAPIError, label: str, path: Path | None = None) -> DatabaseError:
    text = str(error.orig).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            "The database {label} is busy with another hubtui writing; try again in a moment.",
            label=label,
        )
    if "disk is full" in text or "no space" in text or _disk_full(path):
        return DatabaseError(
            "The disk holding {label} is full; free some space and try again.", label=label
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(
            "The database {label} cannot be written; check its permissions.", label=label
        )
    if "unable to open" in text:
        return DatabaseError(
            (
                "Cannot open {label}: hubtui must read and write it and create files beside it; "
                "check the permissions of the file and its folder."
            ),
            label=label,
        )
    if "not a database" in text and encryption.database_key() is not None:
        return encryption.wrong_key(label)
    if "malformed" in text or "not a database" in text:
        return damaged(label, path)
    if "disk i/o error" in text:
        return DatabaseError(
            (
                "Reading or writing {label} failed (a disk error); check the disk and free space, "
                "then run 'hubtui doctor'."
            ),
            label=label,
        )
    if "connection failed" in text or "could not connect" in text:
        # psycopg: "connection failed: connection to server at … failed: <reason>\n<hint>"
        reason = str(error.orig).splitlines()[0].rsplit("failed: ", 1)[-1].strip().rstrip(".")
        return DatabaseError(
            (
                "Cannot connect to the database {label} ({reason}); check the address and that "
                "the server is running."
            ),
            label=label,
            reason=reason,
        )
    return DatabaseError("The database {label} failed: {orig}.", label=label, orig=error.orig)


def _disk_full(path: Path | None) -> bool:
    """In WAL mode a full disk often surfaces as a plain "disk I/O error"; look at the disk."""
    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < 1_048_576
    except OSError:
        return False


def open_store(
    target: str | Path,
    *,
    advisor: str = "",
    create: bool = True,
    backups_keep: int = 0,
    building: bool = False,
) -> Store:
    """Open (and if needed create or migrate) the database at a path or SQLAlchemy URL.

    With `backups_keep`, the first open of a day starts backing an existing file up in the
    background, keeping that many backups (`Store.daily_backup`; `close` waits for it).
    `building`: a file being built that nobody else opens (see `make_engine`).
    """
    text = str(target)
    if is_url(text) and not text.startswith("sqlite"):
        return _open(make_engine(text), text, None, advisor, created=False)
    path = Path(text.removeprefix("sqlite:///")).expanduser()
    created = False
    if not _exists(path):
        if not create:
            raise DatabaseError(
                "There is no database at {path}; check the path given to --db.", path=path
            )
        try:
            create_private_file(path)
        except OSError as e:
            raise DatabaseError(
                "Cannot create a database at {path} ({strerror}); choose another place with --db.",
                path=path,
                strerror=e.strerror,
            ) from None
        created = True
    else:
        check_sqlite_file(path)
        _check_sqlite_schema(path)
    cleaned = clean_leftovers(path)
    engine = make_engine(sqlite_url(path), building=building)
    store = _open(engine, sqlite_url(path), path, advisor, created=created)
    if cleaned:
        store.notes = (*store.notes, cleaned)
    if backups_keep and not created and not store.read_only:
        # In a thread: opening waits for no backup (see hubtui.store.daily_backup).
        store.daily_backup = DailyBackup.start_if_due(path, backups_keep)
    return store


def _exists(path: Path) -> bool:
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except OSError as e:  # e.g. a folder on the way that this user may not enter
        raise DatabaseError(
            "Cannot reach {path} ({strerror}); check the permissions of {parent}.",
            path=path,
            strerror=e.strerror,
            parent=path.parent,
        ) from None
    return True


def check_sqlite_file(path: Path) -> None:
    """Refuse, with one sentence, a file that cannot be a SQLite database."""
    if path.is_dir():
        raise DatabaseError(
            "{path} is a folder, not a database file; give a file path to --db.", path=path
        )
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise DatabaseError(
            "Cannot read {path} ({strerror}); check its permissions.",
            path=path,
            strerror=e.strerror,
        ) from None
    if not header:
        raise DatabaseError(
            "{path} is an empty file, not a hubtui database; delete it or restore a backup.",
            path=path,
        )
    if encryption.database_key() is not None:
        return  # an encrypted file has no readable header; the keyed connection judges it
    if header != SQLITE_HEADER:
        raise DatabaseError(
            "{path} is not a hubtui database (not a SQLite file at all).", path=path
        )
    if _truncated(path):
        raise damaged(str(path), path)


def _truncated(path: Path) -> bool:
    """True when the file is shorter than the size its own header records."""
    with path.open("rb") as f:
        header = f.read(_HEADER_SIZE)
    if len(header) < _HEADER_SIZE:
        return True
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65_536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return True
    pages = int.from_bytes(header[28:32], "big")
    # The page count is valid only when written by the same change as the counter.
    if header[24:28] != header[92:96] or pages == 0:
        return False
    return path.stat().st_size < pages * page_size


def _check_sqlite_schema(path: Path) -> None:
    """Look at an existing file read-only before hubtui's engine touches it: switching a
    foreign database to WAL would already change it."""
    try:
        conn = read_only_connection(path)
    except SQLITE_ERRORS as e:
        raise DatabaseError(
            "Cannot open {path} ({reason}); check the file and its folder.", path=path, reason=e
        ) from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except SQLITE_ERRORS as e:
        raise _friendly(DBAPIError(None, None, e), str(path), path) from None
    finally:
        conn.close()
    if tables and "alembic_version" not in tables:
        raise DatabaseError("{path} is a database of another program, not of hubtui.", path=path)


def _open(engine: Engine, url: str, path: Path | None, advisor: str, *, created: bool) -> Store:
    label = str(path) if path else engine.url.render_as_string(hide_password=True)
    try:
        # Two hubtuis opening one empty team database at once must not both migrate it.
        with migrate.serialised(engine):
            with engine.connect() as conn:
                revision = migrate.current_revision(conn)
                foreign = revision is None and migrate.has_tables(conn)
            if foreign:
                engine.dispose()
                raise DatabaseError(
                    "{label} is a database of another program, not of hubtui.", label=label
                )
            store = Store(engine, url, path, origin="", advisor=advisor)
            if revision is not None and revision not in migrate.known_revisions():
                store.read_only = True
                store.notice = DatabaseError(
                    "{label} was written by a newer hubtui (schema {revision}); it is open "
                    "read-only. Upgrade hubtui to change it.",
                    label=label,
                    revision=revision,
                )
            elif revision != migrate.head_revision():
                if revision is not None and path is not None:
                    backup_before_migration(path, revision)
                migrate.upgrade(engine)
            _ensure_local_state(store)
            return store
    except DatabaseError:
        raise
    except _OPEN_FAILURES as e:
        engine.dispose()
        orig = getattr(e, "orig", e)
        raise _friendly(DBAPIError(None, None, orig), label, path) from None


def _ensure_local_state(store: Store) -> None:
    """Give a new database its device id; give a copied one a fresh id (see store.device)."""
    engine = store.engine
    with engine.connect() as conn:
        rows = device.read_state(conn)
    if store.read_only:
        store.origin = rows.get(device.DEVICE, "")
        return
    here = device.location(store.path) if store.path is not None else {}
    copied = store.path is not None and device.moved(rows, store.path)
    if device.DEVICE in rows and not copied:
        store.origin = rows[device.DEVICE]
        # A place not recorded yet (a database from before this check) is recorded by the
        # first write, so that opening alone (a report, a refused command) writes nothing.
        store.unrecorded_location = {k: v for k, v in here.items() if rows.get(k) != v}
        return
    with engine.connect() as conn:
        conn.execution_options(hubtui_write=True)
        with conn.begin():
            rows = device.read_state(conn)  # again, inside the write lock
            if device.DEVICE not in rows:
                changes = {device.DEVICE: new_id(), "hlc": rows.get("hlc", ""), **here}
            elif store.path is not None and device.moved(rows, store.path):
                changes = device.forked(rows, store.path, copied=True)
                if _has_history(conn):  # a blank database has nothing to explain
                    store.notes = (*store.notes, device.copy_notice(rows, changes))
            else:
                changes = {}
            device.save_state(conn, changes)
            store.origin = changes.get(device.DEVICE, rows.get(device.DEVICE, ""))


def _has_history(conn: Connection) -> bool:
    return conn.execute(select(_CHANGE.c.id).limit(1)).first() is not None


def backup_before_migration(path: Path, revision: str) -> Path:
    return backup_database(path, reason=f"before-{revision}")
