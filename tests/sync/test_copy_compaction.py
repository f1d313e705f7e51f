"""A copied database is another device than its original, not the original under a new id:
compaction on the copy leaves the original's files and acknowledgements to the original
(which removes its own files itself, without writing any again); a restored database goes on
cleaning up after the id it had before (test_compaction.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from sync_helpers import state

from hubtui.store import Store, open_store
from hubtui.store.device import COPIED_FROM, PREVIOUS, ids
from hubtui.sync.compaction import compact_folder
from hubtui.sync.folder import sync_folder
from hubtui.sync.folder_state import folder_state
from hubtui.sync.peers import get_state
from hubtui.sync.snapshot_format import ACKS
from hubtui.sync.verify import verify

Make = Callable[[str], Store]


def _files(folder: Path, origin: str) -> list[str]:
    return sorted(p.name for p in (folder / origin).glob("*.hubsync"))


def test_compaction_on_a_copy_leaves_the_originals_files_to_it(
    new_device: Make, shared: Path, tmp_path: Path
) -> None:
    a, c = new_device("Anna"), new_device("Cia")
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB", "employees": 1})
    for store in (a, c):
        sync_folder(store, shared)
    with a.write() as writer:
        writer.update("organisation", org, {"employees": 2})
    sync_folder(a, shared)
    assert a.path is not None
    path, original = a.path, a.origin
    a.close()
    shutil.copyfile(path, tmp_path / "copy.db")  # Anna's database, copied to a second laptop
    a = open_store(path, advisor="Anna")
    copy = open_store(tmp_path / "copy.db", advisor="Anna")
    try:
        assert a.origin == original and copy.origin != original
        with copy.read() as conn:
            assert ids(get_state(conn, COPIED_FROM))[-1] == original
            assert original not in ids(get_state(conn, PREVIOUS))
        with a.write() as writer:  # both go on working
            writer.update("organisation", org, {"employees": 3})
        with copy.write() as writer:
            writer.insert("organisation", {"name": "Beta AB"})
        for store in (a, copy, c):
            sync_folder(store, shared)
        theirs = _files(shared, original)
        acks = (shared / original / ACKS).read_text(encoding="utf-8")
        done = compact_folder(copy, shared)  # the copy writes a snapshot covering them all
        for store in (c, copy, c, copy):
            report = sync_folder(store, shared)
            assert report.missing == []
        # Cia and the copy have imported the snapshot; the original has not: it holds
        # compaction back, and the copy neither speaks for it nor removes its files.
        assert _files(shared, original) == theirs
        assert (shared / original / ACKS).read_text(encoding="utf-8") == acks
        assert [d.origin for d in folder_state(copy, shared).holders] == [original]
        # The original imports the snapshot and removes its own files: none is written again.
        report = sync_folder(a, shared)
        assert report.repaired == [] and report.written == []
        assert sorted(report.compacted) == [f"{original}/{name}" for name in theirs]
        assert _files(shared, original) == []
        for store in (c, copy, a):
            report = sync_folder(store, shared)
            assert report.repaired == [] and report.missing == [] and report.written == []
        assert _files(shared, copy.origin) == [done.snapshot.split("/")[1]]
        assert state(a) == state(copy) == state(c)
        assert all(verify(store, shared).agree for store in (a, copy, c))
    finally:
        a.close()
        copy.close()
