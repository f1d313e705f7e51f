"""Change records inserted in bulk through the driver (a sync import's way) are stored as
SQLAlchemy's insert stores them, and a failing insert fails as SQLAlchemy's does."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from hubtui.store import open_store, tables
from hubtui.store.bulk import insert_rows

_CHANGE = tables.CHANGE


def _raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _record(record_id: str, seq: int, at: dt.datetime) -> dict[str, object]:
    return {
        "id": record_id,
        "entity": "organisation",
        "entity_id": "o1",
        "field": "name",
        "value": '"Å"',
        "hlc": "1796293009039.000000",
        "origin": "dev",
        "advisor": "A",
        "recorded_at": at,
        "seq": seq,
        "_parsed": "Å",  # what check_record adds: not a column, left out
    }


def test_change_records_equal_sqlalchemy_rows(tmp_path: Path) -> None:
    store = open_store(tmp_path / "hub.db", advisor="Test")
    stockholm = dt.timezone(dt.timedelta(hours=1))
    times = [
        dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 1, 12, 0, 0, 5, stockholm),
    ]
    with store.write() as writer:
        insert_rows(
            writer.conn, _CHANGE, [_record(f"c{n}", 1000 + n, t) for n, t in enumerate(times)]
        )
        rows = [_record(f"s{n}", 2000 + n, t) for n, t in enumerate(times)]
        writer.conn.execute(
            insert(_CHANGE), [{k: v for k, v in r.items() if k != "_parsed"} for r in rows]
        )
    store.close()
    columns = "entity, entity_id, field, value, hlc, origin, advisor, recorded_at"
    mine = _raw(tmp_path / "hub.db", f"SELECT {columns} FROM change WHERE id LIKE 'c%' ORDER BY id")
    theirs = _raw(
        tmp_path / "hub.db", f"SELECT {columns} FROM change WHERE id LIKE 's%' ORDER BY id"
    )
    assert mine == theirs and len(mine) == 2
    assert mine[1][-1] == "2026-03-01 11:00:00.000005"  # in UTC, as SQLAlchemy stores it


def test_a_driver_insert_fails_as_sqlalchemy_does(tmp_path: Path) -> None:
    store = open_store(tmp_path / "hub.db", advisor="Test")
    row = _record("c1", 9, dt.datetime.now(dt.UTC))
    with pytest.raises(IntegrityError), store.write() as writer:
        insert_rows(writer.conn, _CHANGE, [row, row])
    assert _raw(tmp_path / "hub.db", "SELECT count(*) FROM change") == [(0,)]
    store.close()
