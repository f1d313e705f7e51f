"""Alembic migrations, run programmatically on a connection hubtui owns."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

MIGRATIONS = Path(__file__).with_name("migrations")


@cache
def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def has_tables(conn: Connection) -> bool:
    return bool(inspect(conn).get_table_names())


def upgrade(engine: Engine) -> None:
    """Bring the schema to head. On SQLite foreign keys are switched off first: with them on,
    a batch rebuild of a parent table silently cascades deletes into its children."""
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
    conn.connection.dbapi_connection.execute(f"PRAGMA {pragma}")  # type: ignore[union-attr]
