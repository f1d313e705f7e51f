"""The Sync screen under Pilot: the shared folder's state (files, newest snapshot, who holds
compaction back and since when), compaction on ctrl+o in a worker with a message at the end,
and the sync's one line about compaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from sync_screen_support import open_sync_screen
from textual.widgets import Static
from tui_support import record_notices, settle

from hubtui.config import Config
from hubtui.store import Store
from hubtui.sync.folder import sync_folder
from hubtui.sync.snapshot_format import ACKS, SNAPSHOT_NAME
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.sync import SyncScreen

PERIOD = {"start": dt.date(2025, 3, 1), "end": dt.date(2028, 2, 28)}


def _text(screen: SyncScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_compaction_from_the_screen_and_who_holds_it_back(
    new_device: Callable[[str], Store], shared: Path
) -> None:
    laptop, other, cia = new_device("laptop"), new_device("other"), new_device("Cia")
    with laptop.write() as writer:
        writer.insert("project", {"code": "KAIM", "name": "K", **PERIOD})  # no first-run wizard
    for name in ("First AB", "Second AB", "Third AB"):
        with other.write() as writer:
            writer.insert("organisation", {"name": name})
        sync_folder(other, shared)
    sync_folder(cia, shared)
    acks = shared / cia.origin / ACKS  # Cia last synced 40 days ago
    body = json.loads(acks.read_text(encoding="utf-8"))
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    acks.write_text(json.dumps({**body, "written_at": since.isoformat()}), encoding="utf-8")
    assert laptop.path is not None
    path = laptop.path
    laptop.close()

    config = Config(language="en", sync_folder=str(shared), compact_after_files=1)
    app = HubtuiApp(str(path), config, advisor="laptop")
    notices = record_notices(app)
    async with app.run_test(size=(120, 50)) as pilot:
        screen = await open_sync_screen(pilot)
        panel = _text(screen, "#sync-folder")
        assert "3 change file(s) from 2 device(s)" in panel and "No snapshot yet." in panel

        await pilot.press("ctrl+o")
        await settle(pilot)
        result = _text(screen, "#sync-result")
        assert "Imported 3 files" in result and "Wrote the snapshot" in result
        snapshots = list(shared.glob("*/snapshot-*.hubsync"))
        assert len(snapshots) == 1 and SNAPSHOT_NAME.match(snapshots[0].name)
        label = f"{snapshots[0].parent.name}/{snapshots[0].name}"
        assert f"Compaction finished: wrote the snapshot {label}." in notices
        panel = _text(screen, "#sync-folder")
        assert f"Newest snapshot: {label}" in panel
        assert "2 laptop(s) have not imported it yet" in panel
        date = since.astimezone().strftime("%Y-%m-%d")
        assert f"holds compaction back: it has not synced here since {date}" in panel
        assert "hubtui sync forget-peer Cia" in panel

        # A sync says in one line that Cia holds compaction back (it is due, but waits).
        sync_folder(other, shared)  # other imports the snapshot; Cia still has not
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = _text(screen, "#sync-result")
        compaction = [line for line in result.splitlines() if line.startswith("Compaction:")]
        assert len(compaction) == 1 and "held back by Cia" in compaction[0]
        assert "Sync finished." in notices
        assert len(list(shared.glob("*/snapshot-*.hubsync"))) == 1  # none more while it waits
