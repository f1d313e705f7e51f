"""Every migration's downgrade runs: head down to the empty schema and back up, on a real
SQLite file and on the real PostgreSQL, with the change-table indexes 0008 drops checked on
the way (present below 0008, absent at head)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, inspect

from hubtui.store import migrate
from hubtui.store.engine import make_engine, sqlite_url

DROPPED_BY_0008 = {"ix_change_entity_id", "ix_change_hlc", "ix_change_origin"}


def _alembic(engine: Engine, verb: str, target: str) -> None:
    from alembic import command

    with engine.connect() as conn:
        config = migrate._config()
        config.attributes["connection"] = conn
        try:
            getattr(command, verb)(config, target)
            conn.commit()
        finally:
            config.attributes.pop("connection", None)


def _change_indexes(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return {str(i["name"]) for i in inspect(conn).get_indexes("change")}


def _tables(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(inspect(conn).get_table_names()) - {"alembic_version"}


_DOWN = migrate._graph(migrate.MIGRATIONS)


def _chain() -> list[str]:
    """The revisions from head down to the first."""
    chain = [migrate.head_revision()]
    while (down := _DOWN[chain[-1]]) is not None:
        chain.append(down)
    return chain


def _down_and_up(engine: Engine) -> None:
    migrate.upgrade(engine)
    assert _change_indexes(engine).isdisjoint(DROPPED_BY_0008)
    at_head = _change_indexes(engine)
    # Every downgrade, one step at a time from head, down to no tables at all.
    for revision in _chain():
        _alembic(engine, "downgrade", _DOWN[revision] or "base")
        if _DOWN[revision] == "0007":
            assert _change_indexes(engine) >= DROPPED_BY_0008
    assert _tables(engine) == set()
    migrate.upgrade(engine)
    assert _change_indexes(engine) == at_head


def test_downgrades_on_sqlite(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "hub.db"))
    try:
        _down_and_up(engine)
    finally:
        engine.dispose()


def test_downgrades_on_postgresql(pg_schema_url: Callable[[], str]) -> None:
    engine = create_engine(pg_schema_url())
    try:
        _down_and_up(engine)
    finally:
        engine.dispose()


def test_the_walk_passes_0008() -> None:
    assert "0008" in _chain() and len(_chain()) == len(_DOWN)
