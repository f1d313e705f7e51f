"""The one write path: every write leaves change records in the same transaction."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import text

from hubtui.store import Store
from hubtui.store.codec import decode_row


def _changes(store: Store, entity_id: str) -> list[tuple[str, str]]:
    with store.read() as conn:
        rows = conn.execute(
            text("SELECT field, value FROM change WHERE entity_id = :id ORDER BY hlc"),
            {"id": entity_id},
        )
        return [(r.field, r.value) for r in rows]


def _org(store: Store, **values: object) -> str:
    with store.write() as w:
        return w.insert("organisation", {"name": "Köpings Gjuteri AB", **values})


def test_insert_records_whole_row_and_derives(store: Store) -> None:
    org_id = _org(store, orgnr="556036-0793", employees=12, sni_codes="25110")
    [(field, value)] = _changes(store, org_id)
    assert field == "*"
    row = decode_row("organisation", value)
    assert row["name"] == "Köpings Gjuteri AB" and row["employees"] == 12
    assert "size_class" not in row  # derived columns are not recorded
    with store.read() as conn:
        size, manufacturing, key = conn.execute(
            text("SELECT size_class, manufacturing, name_key FROM organisation")
        ).one()
    assert (size, manufacturing, key) == ("small", 1, "köpings gjuteri ab")


def test_update_records_only_changed_fields(store: Store) -> None:
    org_id = _org(store, employees=12)
    with store.write() as w:
        changed = w.update("organisation", org_id, {"employees": 300, "name": "Köpings Gjuteri AB"})
    assert changed == {"employees": 300}
    assert _changes(store, org_id)[1:] == [("employees", "300")]
    with store.read() as conn:
        assert conn.execute(text("SELECT size_class FROM organisation")).scalar() == "large"


def test_unchanged_update_writes_nothing(store: Store) -> None:
    org_id = _org(store, employees=12)
    with store.write() as w:
        assert w.update("organisation", org_id, {"employees": 12}) == {}
    assert len(_changes(store, org_id)) == 1


def test_delete_is_a_tombstone_and_restore_revives(store: Store) -> None:
    org_id = _org(store)
    with store.write() as w:
        assert w.delete("organisation", org_id)
        assert not w.delete("organisation", org_id)  # already deleted
    with store.read() as conn:
        assert conn.execute(text("SELECT deleted FROM organisation")).scalar() == 1
    with store.write() as w:
        assert w.restore("organisation", org_id)
    fields = [f for f, _ in _changes(store, org_id)]
    assert fields == ["*", "deleted", "deleted"]


def test_clock_increases_and_carries_origin_and_advisor(store: Store) -> None:
    for n in range(3):
        _org(store, name=f"Org {n}")
    with store.read() as conn:
        rows = conn.execute(text("SELECT hlc, origin, advisor FROM change ORDER BY id")).all()
    stamps = [r.hlc for r in rows]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3
    assert {r.origin for r in rows} == {store.origin}
    assert {r.advisor for r in rows} == {"Test Advisor"}


def test_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as w:
        w.insert("organisation", {"name": "Half-way AB"})
        raise RuntimeError("boom")
    with store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM organisation")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM change")).scalar() == 0


def test_insert_many_in_bulk(store: Store) -> None:
    with store.write() as w:
        project = w.insert(
            "project",
            {
                "code": "KAIM",
                "name": "K",
                "start": dt.date(2025, 3, 1),
                "end": dt.date(2028, 2, 28),
            },
        )
        ids = w.insert_many(
            "activity",
            (
                {"project_id": project, "type": "visit", "date": dt.date(2026, 1, 1 + n % 28)}
                for n in range(12_000)
            ),
        )
    assert len(set(ids)) == 12_000
    with store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM activity")).scalar() == 12_000
        counts = conn.execute(text("SELECT count(*) FROM change WHERE entity='activity'")).scalar()
    assert counts == 12_000
    stored = _changes(store, ids[0])[0][1]
    assert json.loads(stored)["date"] == "2026-01-01" and "women" not in json.loads(stored)
    assert decode_row("activity", stored)["women"] == 0  # left out: at its default


def test_unknown_column_is_refused(store: Store) -> None:
    with pytest.raises(ValueError), store.write() as w:
        w.insert("organisation", {"name": "X", "size_class": "micro"})  # derived, not settable
