"""Who holds compaction back when a device never said (no acks.json: an older hubtui, or a
sync cut short), and what `forget-peer` refuses."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sync_helpers import ok, run

from hubtui.errors import UserError
from hubtui.store import Store
from hubtui.sync.compaction import write_snapshot_now
from hubtui.sync.compaction_text import holder_note
from hubtui.sync.folder import sync_folder
from hubtui.sync.folder_state import folder_state, forget_peer
from hubtui.sync.snapshot_format import ACKS


def test_a_device_without_acknowledgements_holds_back_since_its_newest_file(
    new_device: Callable[[str], Store], shared: Path
) -> None:
    a, old = new_device("Anna"), new_device("Olle")
    with old.write() as writer:
        writer.insert("organisation", {"name": "Acme AB"})
    sync_folder(old, shared)
    (shared / old.origin / ACKS).unlink()  # as an older hubtui leaves its folder
    stamp = 1_700_000_000  # 14 Nov 2023
    for path in (shared / old.origin).iterdir():
        os.utime(path, (stamp, stamp))
    sync_folder(a, shared)
    write_snapshot_now(a, shared)
    found = folder_state(a, shared)
    assert [d.origin for d in found.holders] == [old.origin]
    note = holder_note(found.holders[0], found)
    assert "has not synced here since 2023-11-1" in note and "forget-peer Olle" in note

    with pytest.raises(UserError, match="cannot forget itself"):
        forget_peer(a, shared, "Anna")
    with pytest.raises(UserError, match="Several devices"):
        (shared / "0000-another-anna").mkdir()  # a second device with Anna's name
        shutil.copy(shared / a.origin / ACKS, shared / "0000-another-anna" / ACKS)
        forget_peer(a, shared, "anna")
    assert a.path is not None
    out = ok(run(str(a.path), "sync", "forget-peer", old.origin[-12:], "--folder", str(shared)))
    assert out.stdout.startswith("Forgot Olle (")
    assert folder_state(a, shared).holders == []
