"""Compaction (issue case 11): a snapshot of the current state in the sync folder; each
laptop removes its own files once a snapshot that every laptop there has acknowledged covers
them; a new laptop starts from the snapshot, nothing is lost, deleted records stay deleted and
an erased person does not come back."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sync_helpers import ok, run, state

from hubtui.safety.erasure import erase_contact
from hubtui.store import Store
from hubtui.sync.compaction import compact_folder
from hubtui.sync.files import read_change_file
from hubtui.sync.folder import sync_folder
from hubtui.sync.snapshot_format import SNAPSHOT_NAME
from hubtui.sync.verify import verify

Make = Callable[[str], Store]
PERSON = "Erika Exempelsson"


def _files(folder: Path) -> dict[str, list[str]]:
    return {
        d.name: sorted(p.name for p in d.glob("*.hubsync"))
        for d in sorted(folder.iterdir())
        if d.is_dir()
    }


def _a_week_on_three_laptops(folder: Path, a: Store, b: Store, c: Store) -> dict[str, str]:
    laptops = (a, b, c)
    with a.write() as writer:
        acme = writer.insert("organisation", {"name": "Acme AB", "employees": 5})
        beta = writer.insert("organisation", {"name": "Beta AB"})
        person = writer.insert("contact", {"name": PERSON, "organisation_id": acme})
    for store in laptops:
        sync_folder(store, folder)
    for count in (6, 7, 8):  # overwritten values: history a snapshot may leave out
        with b.write() as writer:
            writer.update("organisation", acme, {"employees": count})
        sync_folder(b, folder)
    with c.write() as writer:
        writer.delete("organisation", beta)
    erase_contact(a, person)
    for store in laptops * 2:
        sync_folder(store, folder)
    return {"acme": acme, "beta": beta, "person": person}


def test_three_laptops_compact_and_a_new_laptop_starts_from_the_snapshot(
    new_device: Make, shared: Path
) -> None:
    folder = shared
    a, b, c = new_device("Anna"), new_device("Bo"), new_device("Cia")
    ids = _a_week_on_three_laptops(folder, a, b, c)
    before = _files(folder)
    done = compact_folder(a, folder)
    assert SNAPSHOT_NAME.match(done.snapshot.split("/")[1])
    assert 0 < done.records < done.held
    assert sync_folder(a, folder).compacted == []  # B and C have not acknowledged it yet
    for store in (b, c, a, b, c):
        sync_folder(store, folder)
    after = _files(folder)
    assert after[a.origin] == [done.snapshot.split("/")[1]]  # A's files went, its snapshot stays
    for store in (b, c):  # theirs went too, all of them covered
        assert set(after[store.origin]).isdisjoint(before[store.origin])
    assert all(verify(store, folder).agree for store in (a, b, c))
    assert sync_folder(b, folder).written == []  # nothing sent again after its files went

    d = new_device("Dan")  # a new laptop
    report = sync_folder(d, folder)
    assert report.imported[0][0] == done.snapshot  # it starts from the snapshot
    assert report.total.received < done.held
    assert state(d) == state(a) == state(b) == state(c)
    assert verify(d, folder).agree and verify(a, folder).agree
    assert d.path is not None
    orgs = json.loads(ok(run(str(d.path), "org", "list", "--format", "json")).stdout)
    assert [o["name"] for o in orgs] == ["Acme AB"]  # Beta stays deleted
    assert orgs[0]["employees"] == 8
    with d.read() as conn:
        values = conn.exec_driver_sql("SELECT value FROM change").scalars().all()
        people = conn.exec_driver_sql("SELECT count(*) FROM contact").scalar()
    assert people == 0 and not any(PERSON in v for v in values)  # the erased stays erased
    for path in folder.rglob("*.hubsync"):
        assert all(PERSON not in r["value"] for r in read_change_file(path).records)
    # The new laptop's edit reaches the others as usual.
    with d.write() as writer:
        writer.update("organisation", ids["acme"], {"employees": 9})
    for store in (d, a, b, c):
        sync_folder(store, folder)
    assert state(a) == state(b) == state(c) == state(d)
    assert all(verify(store, folder).agree for store in (a, b, c, d))


def test_compact_on_the_command_line_and_a_second_snapshot_replaces_the_first(
    new_device: Make, shared: Path
) -> None:
    folder = shared
    a, b = new_device("Anna"), new_device("Bo")
    for store in (a, b):
        with store.write() as writer:
            writer.insert("organisation", {"name": f"Org of {store.advisor}"})
        sync_folder(store, folder)
    assert a.path is not None and b.path is not None
    out = ok(run(str(a.path), "sync", "compact", "--folder", str(folder))).stdout
    assert "Wrote the snapshot" in out
    for db in (str(b.path), str(a.path), str(b.path)):
        ok(run(db, "sync", "--folder", str(folder)))
    out = ok(run(str(b.path), "sync", "compact", "--folder", str(folder))).stdout
    for db in (str(a.path), str(b.path), str(a.path)):
        out = ok(run(db, "sync", "--folder", str(folder))).stdout
    snapshots = [p.name for p in folder.rglob("snapshot-*.hubsync")]
    assert len(snapshots) == 1  # A's first snapshot is covered by B's and went
    assert state(a) == state(b)
    assert ok(run(str(a.path), "sync", "verify", str(folder))).exit_code == 0


def test_a_person_erased_after_the_snapshot_does_not_come_back_from_it(
    new_device: Make, shared: Path
) -> None:
    folder = shared
    a, b = new_device("Anna"), new_device("Bo")
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB"})
        person = writer.insert("contact", {"name": PERSON, "organisation_id": org})
    sync_folder(a, folder)
    sync_folder(b, folder)
    compact_folder(a, folder)
    erase_contact(b, person)  # erased on B, after A's snapshot holds the person
    for store in (b, a, b, a):
        sync_folder(store, folder)
    for path in folder.rglob("*.hubsync"):
        assert all(PERSON not in r["value"] for r in read_change_file(path).records)
    d = new_device("Dan")
    sync_folder(d, folder)
    with d.read() as conn:
        values = conn.exec_driver_sql("SELECT value FROM change").scalars().all()
        people = conn.exec_driver_sql("SELECT count(*) FROM contact").scalar()
    assert people == 0 and not any(PERSON in v for v in values)
    assert state(d) == state(a) == state(b)
    assert verify(d, folder).agree


def test_the_folder_of_an_earlier_device_id_does_not_hold_compaction_back(
    new_device: Make, shared: Path
) -> None:
    from hubtui.store.device import PREVIOUS
    from hubtui.sync.peers import set_state

    a, b = new_device("Anna"), new_device("Bo")
    for store in (a, b):
        sync_folder(store, shared)
    earlier = "0000-earlier-id-of-bo"  # B before a restore: it wrote there, nobody does now
    (shared / earlier).mkdir()
    with b.write() as writer:
        set_state(writer.conn, PREVIOUS, earlier)
    done = compact_folder(a, shared)
    for store in (b, a):
        sync_folder(store, shared)
    assert _files(shared)[a.origin] == [done.snapshot.split("/")[1]]
