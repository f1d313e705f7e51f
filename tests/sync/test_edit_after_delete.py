"""Edit after delete: the record stays deleted on every laptop, the edit is kept in the history,
and `hubtui sync history` (no record), the sync output and the Sync screen's history list it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sync_helpers import ok, run, state

from hubtui.store import Store, hlc
from hubtui.sync.folder import sync_folder
from hubtui.sync.history import edits_after_delete, record_history
from hubtui.sync.remote import sync_with
from hubtui.sync.verify import verify

Make = Callable[[str], Store]


def delete_there_edit_here(
    a: Store, b: Store, exchange: Callable[[Store], object], monkeypatch: pytest.MonkeyPatch
) -> str:
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB", "employees": 5})
    for store in (a, b):
        exchange(store)
    with a.write() as writer:
        writer.delete("organisation", org)  # A deletes it ...
    real = hlc.now_millis
    with monkeypatch.context() as patch:  # ... and B, not knowing, edits it a second later
        patch.setattr(hlc, "now_millis", lambda: real() + 1000)
        with b.write() as writer:
            writer.update("organisation", org, {"name": "Acme Verkstad AB"})
    for store in (a, b, a):
        exchange(store)
    return org


def check(a: Store, b: Store, org: str) -> None:
    assert state(a) == state(b)
    for store in (a, b):
        with store.read() as conn:
            row = conn.exec_driver_sql(
                "SELECT deleted, name FROM organisation WHERE id = ?"
                if store.is_sqlite
                else "SELECT deleted, name FROM organisation WHERE id = %s",
                (org,),
            ).one()
        assert row[0]  # delete wins
        [late] = edits_after_delete(store)
        assert (late.entity, late.entity_id, late.edit.field) == ("organisation", org, "name")
        assert late.edit.value == "Acme Verkstad AB" and late.edit.advisor == "Bo"
        assert late.deleted_by.startswith("Anna (device")
        marked = [e.field for e in record_history(store, "organisation", org) if e.after_delete]
        assert marked == ["name"]


def test_edit_after_delete_through_a_folder(
    new_device: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    a, b = new_device("Anna"), new_device("Bo")
    org = delete_there_edit_here(a, b, lambda s: sync_folder(s, folder), monkeypatch)
    check(a, b, org)
    assert sync_folder(b, folder).after_delete == 1
    assert verify(a, folder).agree and verify(b, folder).agree
    assert a.path is not None
    out = ok(run(str(a.path), "sync", "history", "--format", "json")).stdout
    [row] = json.loads(out)
    assert row["record"] == f"organisation {org}" and row["value"] == "Acme Verkstad AB"
    assert row["advisor"] == "Bo" and row["deleted_by"].startswith("Anna")
    out = ok(run(str(a.path), "sync", "history", "organisation", org, "--format", "json")).stdout
    statuses = {r["field"]: r["status"] for r in json.loads(out)}
    assert statuses["name"] == "after delete (kept in history)"
    assert statuses["deleted"] == "current"
    synced = ok(run(str(a.path), "sync", "--folder", str(folder))).stdout
    assert "1 edit(s) made after their record was deleted elsewhere" in synced


@pytest.mark.postgres
def test_edit_after_delete_through_postgresql(
    new_device: Make, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    org = delete_there_edit_here(a, b, lambda s: sync_with(s, pg_url), monkeypatch)
    check(a, b, org)
    assert verify(a, pg_url).agree and verify(b, pg_url).agree


def test_a_restore_after_the_delete_is_not_an_edit_after_delete(new_device: Make) -> None:
    a = new_device("Anna")
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB"})
    with a.write() as writer:
        writer.delete("organisation", org)
    with a.write() as writer:
        writer.restore("organisation", org)
        writer.update("organisation", org, {"name": "Back AB"})
    assert edits_after_delete(a) == []
