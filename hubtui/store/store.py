"""Opening a database: checks, automatic migration (after a backup), and the `Store` handle."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select
from sqlalchemy.exc import DBAPIError, OperationalError

from hubtui.errors import DatabaseError
from hubtui.paths import backups_dir
from hubtui.store import migrate
from hubtui.store.engine import create_private_file, is_url, make_engine, sqlite_url
from hubtui.store.ids import new_id
from hubtui.store.models import LocalState
from hubtui.store.writes import Writer

SQLITE_HEADER = b"SQLite format 3\x00"
_STATE = LocalState.__table__  # type: ignore[attr-defined]


@dataclass
class Store:
    """A handle on one open hubtui database. Reads and writes go through `read()`/`write()`."""

    engine: Engine
    url: str
    path: Path | None
    origin: str
    advisor: str = ""
    read_only: bool = False
    notice: str = ""

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One write transaction (BEGIN IMMEDIATE on SQLite); commits when the block ends."""
        if self.read_only:
            raise DatabaseError(self.notice or f"{self.label} is open read-only.")
        try:
            with self.engine.connect() as conn:
                conn.execution_options(hubtui_write=True)
                with conn.begin():
                    writer = Writer(conn, origin=self.origin, advisor=self.advisor)
                    yield writer
                    writer.flush()
        except OperationalError as e:
            raise _friendly(e, self.label) from None

    def close(self) -> None:
        self.engine.dispose()


def _friendly(error: DBAPIError, label: str) -> DatabaseError:
    text = str(error.orig).lower()
    if "locked" in text or "busy" in text:
        return DatabaseError(
            f"The database {label} is busy with another hubtui writing; try again in a moment."
        )
    if "disk is full" in text or "no space" in text:
        return DatabaseError(f"The disk holding {label} is full; free some space and try again.")
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"The database {label} cannot be written; check its permissions.")
    if "malformed" in text or "not a database" in text:
        return DatabaseError(
            f"The database {label} is damaged; restore the latest backup with 'hubtui restore'."
        )
    return DatabaseError(f"The database {label} failed: {error.orig}.")


def open_store(target: str | Path, *, advisor: str = "", create: bool = True) -> Store:
    """Open (and if needed create or migrate) the database at a path or SQLAlchemy URL."""
    text = str(target)
    if is_url(text) and not text.startswith("sqlite"):
        return _open(make_engine(text), text, None, advisor, created=False)
    path = Path(text.removeprefix("sqlite:///")).expanduser()
    created = False
    if not path.exists():
        if not create:
            raise DatabaseError(f"There is no database at {path}; check the path given to --db.")
        try:
            create_private_file(path)
        except OSError as e:
            raise DatabaseError(
                f"Cannot create a database at {path} ({e.strerror}); "
                "choose another place with --db."
            ) from None
        created = True
    else:
        check_sqlite_file(path)
        _check_sqlite_schema(path)
    return _open(make_engine(sqlite_url(path)), sqlite_url(path), path, advisor, created=created)


def check_sqlite_file(path: Path) -> None:
    """Refuse, with one sentence, a file that cannot be a SQLite database."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file; give a file path to --db.")
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as e:
        raise DatabaseError(f"Cannot read {path} ({e.strerror}); check its permissions.") from None
    if not header:
        raise DatabaseError(
            f"{path} is an empty file, not a hubtui database; delete it or restore a backup."
        )
    if header != SQLITE_HEADER:
        raise DatabaseError(f"{path} is not a hubtui database (not a SQLite file at all).")


def _check_sqlite_schema(path: Path) -> None:
    """Look at an existing file read-only before hubtui's engine touches it: switching a
    foreign database to WAL would already change it."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise DatabaseError(f"Cannot open {path} ({e}); check the file and its folder.") from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        raise DatabaseError(
            f"The database {path} is damaged; restore the latest backup with 'hubtui restore'."
        ) from None
    finally:
        conn.close()
    if tables and "alembic_version" not in tables:
        raise DatabaseError(f"{path} is a database of another program, not of hubtui.")


def _open(engine: Engine, url: str, path: Path | None, advisor: str, *, created: bool) -> Store:
    label = str(path) if path else engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            revision = migrate.current_revision(conn)
            foreign = revision is None and migrate.has_tables(conn)
        if foreign:
            engine.dispose()
            raise DatabaseError(f"{label} is a database of another program, not of hubtui.")
        store = Store(engine, url, path, origin="", advisor=advisor)
        if revision is not None and revision not in migrate.known_revisions():
            store.read_only = True
            store.notice = (
                f"{label} was written by a newer hubtui (schema {revision}); it is open "
                "read-only. Upgrade hubtui to change it."
            )
        elif revision != migrate.head_revision():
            if revision is not None and path is not None:
                backup_before_migration(path, revision)
            migrate.upgrade(engine)
        store.origin = _ensure_local_state(engine, store.read_only)
        return store
    except DatabaseError:
        raise
    except (DBAPIError, sqlite3.DatabaseError) as e:
        engine.dispose()
        orig = getattr(e, "orig", e)
        raise _friendly(DBAPIError(None, None, orig), label) from None


def _ensure_local_state(engine: Engine, read_only: bool) -> str:
    with engine.connect() as conn:
        rows: dict[str, str] = dict(conn.execute(select(_STATE.c.key, _STATE.c.value)).all())
    if "device_id" in rows or read_only:
        return rows.get("device_id", "")
    device = new_id()
    with engine.connect() as conn:
        conn.execution_options(hubtui_write=True)
        with conn.begin():
            conn.execute(
                insert(_STATE),
                [{"key": "device_id", "value": device}, {"key": "hlc", "value": ""}],
            )
    return device


def backup_before_migration(path: Path, revision: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_sqlite(path, backups_dir(path) / f"{path.stem}-{stamp}-before-{revision}.db")


def backup_sqlite(source: Path, dest: Path) -> Path:
    """A consistent copy of a live SQLite database (the online backup API), mode 0600."""
    create_private_file(dest)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return dest
