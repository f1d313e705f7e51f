"""Bulk inserts: rows written in bulk (the SQLite fast path of hubtui.store.bulk) are stored
exactly as SQLAlchemy stores them, and the clock stamps of a bulk write are those of as many
single ticks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Connection, insert

from hubtui.store import Store, hlc, tables
from hubtui.store.bulk import insert_rows

NOW = 1_780_000_000_000


@pytest.mark.parametrize(
    ("last", "count"),
    [
        (None, 3),
        (hlc.format_hlc(NOW - 5, 7), 4),  # wall clock ahead: starts afresh
        (hlc.format_hlc(NOW, 7), 4),  # the same millisecond: counts on
        (hlc.format_hlc(NOW + 9, hlc.MAX_COUNTER - 1), 5),  # ahead, and carries
    ],
)
def test_ticks_are_single_ticks(last: str | None, count: int) -> None:
    expected, clock = [], last
    for _ in range(count):
        clock = hlc.tick(clock, NOW)
        expected.append(clock)
    assert hlc.ticks(last, count, NOW) == expected


def _stored(conn: Connection, table: str) -> list[tuple[Any, ...]]:
    """The rows as SQLite holds them (types included), without the key."""
    cursor = conn.exec_driver_sql(f"SELECT * FROM {table} WHERE id IN ('1', '2', '3') ORDER BY id")
    return [tuple((v, type(v).__name__) for v in row[1:]) for row in cursor.fetchall()]


def test_bulk_rows_are_stored_as_sqlalchemy_stores_them(store: Store) -> None:
    moment = dt.datetime(2026, 3, 4, 5, 6, 7, 8, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    organisation = {
        "deleted": False,
        "orgnr": None,
        "name": "Köpings Gjuteri AB",
        "kind": "company",
        "county": "19",
        "municipality": None,
        "employees": 12,
        "size_override": None,
        "sni_codes": "25110",
        "sni_version": "SNI2007",
        "founded": dt.date(1950, 1, 2),
        "leader_gender": "woman",
        "personal_number": True,
        "website": "",
        "notes": "",
        "size_class": "small",
        "manufacturing": True,
        "name_key": "köpings gjuteri ab",
        "merged_into": None,
        "group_of": None,
        "country": "SE",
    }
    change = {
        "entity": "organisation",
        "entity_id": "o",
        "field": "*",
        "value": "{}",
        "hlc": hlc.format_hlc(NOW, 0),
        "origin": "d",
        "advisor": "",
        "recorded_at": moment,
        "seq": None,  # unique when given
    }
    with store.write() as w:
        for name, table, row in (
            ("organisation", tables.ORGANISATION, organisation),
            ("change", tables.CHANGE, change),
        ):
            w.conn.execute(insert(table), [{**row, "id": "1"}])
            insert_rows(w.conn, table, [{**row, "id": "2"}, {**row, "id": "3"}])
            first, *others = _stored(w.conn, name)
            assert others == [first, first], name
        [recorded] = w.conn.exec_driver_sql(
            "SELECT DISTINCT recorded_at FROM change WHERE id IN ('1', '2', '3')"
        ).all()
    assert recorded == ("2026-03-04 03:06:07.000008",)  # in UTC


def test_a_batch_of_mixed_values_is_stored_as_sqlalchemy_stores_it(store: Store) -> None:
    # The converting columns of a batch go a column at a time, each distinct value once:
    # None, 1 beside True, 2 beside 2.0 and a date repeated must each come out as alone.
    values = [
        {"deleted": False, "date": dt.date(2026, 1, 2), "hours": 2, "joint_rd": True},
        {"deleted": 0, "date": dt.date(2026, 1, 2), "hours": 2.0, "joint_rd": 1},
        {"deleted": False, "date": dt.date(2026, 1, 3), "hours": None, "joint_rd": False},
        {"deleted": True, "date": dt.date(1999, 12, 31), "hours": 0.5, "joint_rd": 0},
    ]
    base = {"type": "visit", "advisor": "", "title": "", "note": "",
            "category": "", "support": "", "women": 0, "men": 0, "other": 0, "unstated": 0,
            "testbed_id": None, "outcome": "", "aid_sek": None, "aid_scheme": None}  # fmt: skip
    with store.write() as w:
        span = {"start": dt.date(1999, 1, 1), "end": dt.date(2026, 12, 31)}
        base["project_id"] = w.insert("project", {"code": "P", "name": "P", **span})
        w.conn.execute(
            insert(tables.ACTIVITY), [{**base, **v, "id": f"a{n}"} for n, v in enumerate(values)]
        )
        insert_rows(
            w.conn, tables.ACTIVITY, [{**base, **v, "id": f"b{n}"} for n, v in enumerate(values)]
        )
        stored = w.conn.exec_driver_sql(
            "SELECT substr(id, 1, 1), deleted, date, hours, typeof(hours), joint_rd "
            "FROM activity ORDER BY substr(id, 2), id"
        ).all()
    assert [row[1:] for row in stored[0::2]] == [row[1:] for row in stored[1::2]]
    assert [row[0] for row in stored] == ["a", "b"] * len(values)


def test_many_rows_go_several_to_a_statement_and_all_arrive(store: Store) -> None:
    # 250 change records: two statements of 99 rows (999 parameters at most), then 52 alone
    moment = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
    rows = [
        {"id": f"{n:04d}", "entity": "organisation", "entity_id": f"o{n}", "field": "*",
         "value": f'{{"name":"Företag {n}"}}', "hlc": hlc.format_hlc(NOW, n), "origin": "d",
         "advisor": "", "recorded_at": moment, "seq": n}
        for n in range(250)
    ]  # fmt: skip
    with store.write() as w:
        insert_rows(w.conn, tables.CHANGE, rows)
        stored = w.conn.exec_driver_sql(
            "SELECT id, entity_id, value, seq, recorded_at FROM change ORDER BY seq"
        ).all()
    assert stored == [
        (r["id"], r["entity_id"], r["value"], r["seq"], "2026-03-04 05:06:07.000000") for r in rows
    ]
