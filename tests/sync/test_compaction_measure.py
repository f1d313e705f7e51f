"""Compaction is due on what a snapshot would save (change records overwritten by a later one
of the same field), not on what the folder holds: a first sync of many records writes no
snapshot as big as its files; edits that pile up do (hubtui.sync.superseded)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hubtui.config import get_value, load_config, save_config, set_value
from hubtui.store import Store
from hubtui.sync.compaction import sync_and_compact
from hubtui.sync.compaction_text import compaction_line
from hubtui.sync.folder import sync_folder
from hubtui.sync.folder_state import Limits, folder_state
from hubtui.sync.superseded import _fresh, superseded_now

Make = Callable[[str], Store]
LIMITS = Limits(files=0, superseded=100)


def _edit(store: Store, orgs: list[str], times: int) -> None:
    for n in range(times):
        with store.write() as writer:
            for org in orgs:
                writer.update("organisation", org, {"employees": 10 * n + 1})


def _counted_afresh(store: Store) -> tuple[int, int]:
    with store.write() as writer:
        return superseded_now(writer.conn), _fresh(writer.conn)


def test_many_records_alone_are_not_due_but_overwritten_ones_are(
    new_device: Make, shared: Path
) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    with a.write() as writer:
        orgs = [writer.insert("organisation", {"name": f"Org {n} AB"}) for n in range(300)]
    report, done = sync_and_compact(a, shared, LIMITS)  # 300 records, more than 100 ...
    assert report.written and done.snapshot == ""  # ... but a snapshot would save none
    state = folder_state(a, shared)
    assert (state.beyond_records, state.superseded) == (300, 0)
    _edit(a, orgs[:50], 4)  # each org's first edit of the field is new; the 3 after overwrite
    assert _counted_afresh(a) == (150, 150)
    report, done = sync_and_compact(a, shared, LIMITS)
    assert done.snapshot and done.superseded == 150
    # The measure is what the folder saves: its 500 records less the snapshot's 350.
    assert (done.records, report.written[-1][1] + 300 - done.records) == (350, 150)
    assert "with 150 change(s) overwritten since that it leaves out" in compaction_line(
        done, LIMITS
    )
    for store in (b, a, b):  # both import the snapshot: nothing gathered beyond it
        assert not sync_and_compact(store, shared, LIMITS)[1].snapshot
        assert folder_state(store, shared).superseded == 0
    _edit(b, orgs[:1], 3)  # overwrites the snapshot's record of the field and two of its own
    sync_folder(b, shared)
    sync_folder(a, shared)
    assert folder_state(a, shared).superseded == folder_state(b, shared).superseded == 3
    for store in (a, b):
        count, afresh = _counted_afresh(store)
        assert count == afresh  # the kept count equals counting every record again


def test_the_old_setting_name_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("compact_after_records = 5\n", encoding="utf-8")
    config = load_config(path)
    assert config.compact_after_superseded == 5
    assert Limits.of(config).superseded == 5
    assert get_value(config, "compact_after_records") == "5"
    config = set_value(config, "compact_after_records", "7")
    save_config(config)
    assert "compact_after_superseded = 7" in path.read_text(encoding="utf-8")
    path.write_text("compact_after_records = 5\ncompact_after_superseded = 9\n", encoding="utf-8")
    assert load_config(path).compact_after_superseded == 9  # the new name wins
