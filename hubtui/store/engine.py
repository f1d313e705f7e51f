"""Engines for SQLite files and PostgreSQL URLs, with hubtui's connection settings."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from hubtui.files import private_folder
from hubtui.store import encryption

BUSY_TIMEOUT_MS = 15_000
_JOURNAL: tuple[str, ...] = ("journal_mode=WAL", "synchronous=FULL")
BULK_CACHE_KIB = 256 * 1024
"""SQLite's page cache for bulk writes: indexes filled in random order (organisation ids)
stay in memory instead of being spilled and read back again and again."""


def is_url(target: str) -> bool:
    return "://" in target


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner, in a directory only its owner enters."""
    private_folder(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection that cannot change the file (URI mode=ro): for checks and
    backups that must leave a database exactly as it was."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    conn = encryption.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def file_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection to a database file (keyed if the databases are encrypted)."""
    conn = encryption.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def make_engine(url: str, *, building: bool = False) -> Engine:
    """The engine for a database URL. `building`: a new SQLite file that no other process
    opens until it is complete (see hubtui.demo.build): written without a journal and
    without waiting for the disk, which a crash would leave damaged."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        key = encryption.database_key()
        if key is not None and parsed.database:  # SQLCipher, through SQLAlchemy's dialect
            encryption.sqlcipher()
            parsed = parsed.set(drivername="sqlite+pysqlcipher", password=key)
        # hide_parameters: an error's text never quotes the values (personal data) it wrote
        engine = create_engine(
            parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
        )
        _configure_sqlite(engine, building)
        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)


def _configure_sqlite(engine: Engine, building: bool) -> None:
    settings = _JOURNAL
    if building:  # and kept in a large cache from one transaction to the next
        settings = ("journal_mode=OFF", "synchronous=OFF", f"cache_size=-{BULK_CACHE_KIB}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so writes can BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        if engine.dialect.driver == "pysqlcipher":  # before the first read: no log on stderr
            dbapi_connection.execute("PRAGMA cipher_log_level = NONE")
        for pragma in (
            *settings,
            "foreign_keys=ON",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
            # Freed space is zeroed, so old values (an erased person's name) do not linger.
            "secure_delete=ON",
        ):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A deferred transaction that later writes fails at once with "database is locked"
        # whatever the timeout; writes take the lock up front instead.
        write = conn.get_execution_options().get("hubtui_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
