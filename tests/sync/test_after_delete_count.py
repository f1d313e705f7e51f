"""The count of edits after delete each sync reports is kept from the records that arrived
in it (hubtui.sync.after_delete) and always equals a full scan of every deletion."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from hubtui.store import Store, hlc
from hubtui.store.device import AFTER_DELETE
from hubtui.sync.after_delete import count_edits_after_delete
from hubtui.sync.folder import sync_folder
from hubtui.sync.history import edits_after_delete

Make = Callable[[str], Store]


def _listed(store: Store) -> list[tuple[str, str, str]]:
    return sorted((a.entity_id, a.edit.field, a.edit.change_id) for a in edits_after_delete(store))


def _sync(store: Store, folder: Path) -> int:
    """A folder sync; its count must be the full scan's."""
    reported = sync_folder(store, folder).after_delete
    assert reported == len(_listed(store))
    return reported


def test_the_kept_count_is_the_full_scan_through_deletes_edits_and_restores(
    new_device: Make, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = new_device("Anna"), new_device("Bo"), new_device("Cia")
    with a.write() as writer:
        orgs = [writer.insert("organisation", {"name": f"Org {n} AB"}) for n in range(4)]
    for store in (a, b, c, a, b, c):
        assert _sync(store, shared) == 0
    with a.write() as writer:  # Anna deletes two ...
        writer.delete("organisation", orgs[0])
        writer.delete("organisation", orgs[1])
    real = hlc.now_millis
    with monkeypatch.context() as patch:  # ... Bo and Cia, not knowing, edit a second later
        patch.setattr(hlc, "now_millis", lambda: real() + 1000)
        with b.write() as writer:
            writer.update("organisation", orgs[0], {"name": "Org Null Verkstad AB"})
            writer.update("organisation", orgs[1], {"employees": 7})
        with c.write() as writer:
            writer.update("organisation", orgs[1], {"employees": 9})
            writer.update("organisation", orgs[2], {"employees": 3})
    assert _sync(b, shared) == 0  # nobody has seen the deletes yet
    assert _sync(c, shared) == 0
    assert _sync(a, shared) == 3  # Anna's deletes meet Bo's two edits and Cia's one
    assert _sync(b, shared) == 3
    assert _sync(b, shared) == 3  # nothing new: the same count, read without a scan
    assert _sync(c, shared) == 3
    assert _listed(a) == _listed(b) == _listed(c)
    with a.write() as writer:  # Anna takes one back: its late edit is an edit again
        writer.restore("organisation", orgs[0])
    with b.write() as writer:  # and Bo deletes the third, after Cia's edit of it (not late)
        writer.delete("organisation", orgs[2])
    assert _sync(a, shared) == 2
    assert _sync(b, shared) == 2
    assert _sync(c, shared) == 2
    assert _sync(a, shared) == 2
    assert _listed(a) == _listed(b) == _listed(c)


def test_a_count_reset_by_a_copy_or_restore_is_taken_again(
    new_device: Make, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB"})
    for store in (a, b):
        sync_folder(store, shared)
    with a.write() as writer:
        writer.delete("organisation", org)
    real = hlc.now_millis
    with monkeypatch.context() as patch:
        patch.setattr(hlc, "now_millis", lambda: real() + 1000)
        with b.write() as writer:
            writer.update("organisation", org, {"name": "Acme Verkstad AB"})
    for store in (a, b, a):
        sync_folder(store, shared)
    assert count_edits_after_delete(a) == 1
    with a.write() as writer:  # what hubtui.store.device.forked leaves of it
        writer.conn.execute(
            sa.text("UPDATE local_state SET value = '0' WHERE key = :key"), {"key": AFTER_DELETE}
        )
    assert count_edits_after_delete(a) == 1
