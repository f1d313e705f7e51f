"""Migration 0002 on a database written before it: every change record gets its arrival
number, and sync works on the upgraded database."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, select, text

from hubtui.store import migrate, open_store, tables
from hubtui.store.engine import make_engine, sqlite_url
from hubtui.sync.merge import import_changes

CHANGE = tables.CHANGE
OLD_RECORDS = [  # (id, hlc) in the order they were written
    ("01a20000-0000-7000-8000-000000000002", "1790000000000.000000"),
    ("01a20000-0000-7000-8000-000000000001", "1790000000001.000000"),
    ("01a20000-0000-7000-8000-000000000003", "1790000000001.000001"),
]


def _at_0001(engine: Engine) -> None:
    """A database at revision 0001 holding one organisation and its three change records."""
    with engine.connect() as conn:
        config = migrate._config()
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, "0001")
            conn.commit()
        finally:
            config.attributes.pop("connection", None)
        conn.execute(
            text(
                "INSERT INTO organisation (id, deleted, name, kind, sni_codes, sni_version, "
                "leader_gender, personal_number, website, notes, manufacturing, name_key) "
                "VALUES ('org1', false, 'Acme', 'company', '', 'SNI2007', 'unknown', false, "
                "'', '', false, 'acme')"
            )
        )
        for change_id, stamp in OLD_RECORDS:
            conn.execute(
                text(
                    "INSERT INTO change (id, entity, entity_id, field, value, hlc, origin, "
                    "advisor, recorded_at) VALUES (:id, 'organisation', 'org1', 'notes', "
                    "'\"x\"', :hlc, 'old-device', 'Eva', '2026-01-01 10:00:00+00')"
                ),
                {"id": change_id, "hlc": stamp},
            )
        conn.commit()


def _check_upgrade(target: str) -> None:
    store = open_store(target)
    try:
        with store.read() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            rows = conn.execute(select(CHANGE.c.id, CHANGE.c.seq).order_by(CHANGE.c.seq)).all()
        assert [r.id for r in rows] == [i for i, _ in OLD_RECORDS]
        assert [r.seq for r in rows] == [1, 2, 3]
        with store.write() as writer:  # new records continue the numbering
            writer.update("organisation", "org1", {"employees": 4})
            result = import_changes(writer, [])
        assert result.new == 0
        with store.read() as conn:
            assert (
                conn.execute(select(CHANGE.c.seq).where(CHANGE.c.field == "employees")).scalar()
                == 4
            )
    finally:
        store.close()


def test_upgrade_numbers_old_records_on_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(sqlite_url(path))
    _at_0001(engine)
    engine.dispose()
    _check_upgrade(str(path))


@pytest.mark.postgres
def test_upgrade_numbers_old_records_on_postgresql(pg_url: str) -> None:
    engine = make_engine(pg_url)
    _at_0001(engine)
    engine.dispose()
    _check_upgrade(pg_url)
