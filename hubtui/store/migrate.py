"""Alembic migrations, run programmatically on a connection hubtui owns.

Opening a database asks only "is a migration due?": the schema's revision is read with one
query and the migration scripts' revisions from their headers, so Alembic (most of a second
of imports) is imported only when a migration runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_LOCK_NAME = "hubtui.migrate:"
_REVISION = re.compile(r"^revision(?:: str)? = [\"'](?P<rev>[^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:: [^=]+)? = (?:[\"'](?P<rev>[^\"']+)[\"']|None)", re.M)


@cache
def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def _graph(folder: Path) -> dict[str, str | None]:
    """Each migration script's revision and the revision it follows, from its header."""
    graph: dict[str, str | None] = {}
    for script in sorted((folder / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision and down:
            graph[revision["rev"]] = down["rev"]
    return graph


def head_revision() -> str:
    graph = _graph(MIGRATIONS)
    heads = set(graph) - set(graph.values())
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, not {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_graph(MIGRATIONS))


def current_revision(conn: Connection) -> str | None:
    """The schema's revision (one query), or None for a database without hubtui's tables."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise RuntimeError(f"the database has several schema revisions: {rows}")
    return rows[0] if rows else None


def has_tables(conn: Connection) -> bool:
    return bool(inspect(conn).get_table_names())


@contextmanager
def serialised(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, one opener at a time looks at the schema and migrates it: a
    session-level advisory lock (per schema) held on a connection of its own. SQLite's
    own write lock already keeps two migrations of one file apart."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as conn:
        key = conn.execute(text(f"SELECT hashtext('{_LOCK_NAME}' || current_schema())")).scalar()
        conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
            conn.commit()


def upgrade(engine: Engine) -> None:
    """Bring the schema to head. On SQLite foreign keys are switched off first: with them on,
    a batch rebuild of a parent table silently cascades deletes into its children."""
    from alembic import command

    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:  # on the raw connection: a PRAGMA inside a transaction is a no-op
            _raw_pragma(conn, "foreign_keys=OFF")
        try:
            config = _config()
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()
            if sqlite:
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                conn.rollback()
                if problems:
                    raise RuntimeError(f"migration left broken references: {problems[:5]}")
        finally:
            config.attributes.pop("connection", None)
            if sqlite:
                conn.rollback()
                _raw_pragma(conn, "foreign_keys=ON")


def _raw_pragma(conn: Connection, pragma: str) -> None:
    raw = conn.connection.dbapi_connection
    assert raw is not None  # an open connection always has its DB-API connection
    raw.execute(f"PRAGMA {pragma}")
