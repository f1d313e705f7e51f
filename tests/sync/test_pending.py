"""A record can arrive before the row it points at (a contact before its company, an edit
before the insert): it waits, the file still imports, and the row appears once its parent does."""

from __future__ import annotations

from collections.abc import Callable

from sync_helpers import all_records, state

from hubtui.store import Store
from hubtui.sync.merge import import_changes


def _only(store: Store, origin: str) -> list[dict[str, object]]:
    return [r for r in all_records(store) if r["origin"] == origin]


def test_children_and_edits_wait_for_their_parent(new_device: Callable[[str], Store]) -> None:
    a, b, c = new_device("a"), new_device("b"), new_device("c")
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme"})
    with b.write() as writer:
        import_changes(writer, all_records(a))
    with b.write() as writer:
        writer.insert("contact", {"name": "Eva Ek", "organisation_id": org})
        writer.update("organisation", org, {"employees": 40})

    with c.write() as writer:  # b's own records reach c before a's
        early = import_changes(writer, _only(b, b.origin))
    assert early.new == 2 and early.waiting == 2  # the contact, and the edit of the company
    assert state(c)["contact"] == [] and state(c)["organisation"] == []

    with c.write() as writer:
        late = import_changes(writer, _only(a, a.origin))
    assert late.waiting == 0 and late.rows_touched == 2
    assert state(c) == state(b)
