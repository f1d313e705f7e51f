"""Forgetting a laptop on the Sync screen: the peers table says who holds compaction back, f
on this laptop itself is refused with a message, f on a silent laptop asks first (saying what
forgetting does), no leaves everything as it was, yes forgets it and the table and panel say so."""

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
from hubtui.sync.compaction import write_snapshot_now
from hubtui.sync.folder import sync_folder
from hubtui.sync.snapshot_format import ACKS
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.sync import SyncScreen
from hubtui.ui.widgets.dialogs import ConfirmDialog
from hubtui.ui.widgets.sync_peers import SyncPeersTable

PERIOD = {"start": dt.date(2025, 3, 1), "end": dt.date(2028, 2, 28)}


def _cells(table: SyncPeersTable) -> dict[str, list[str]]:
    """Each row's cells by its name."""
    rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
    return {row[0]: row for row in rows}


def _highlight(table: SyncPeersTable, origin: str) -> None:
    table.focus()
    table.move_cursor(row=table.get_row_index(origin))


async def test_forget_a_silent_laptop_from_the_screen(
    new_device: Callable[[str], Store], shared: Path
) -> None:
    laptop, cia = new_device("laptop"), new_device("Cia")
    with laptop.write() as writer:
        writer.insert("project", {"code": "KAIM", "name": "K", **PERIOD})  # no first-run wizard
    with cia.write() as writer:
        writer.insert("organisation", {"name": "Cia's company AB"})
    sync_folder(cia, shared)
    sync_folder(laptop, shared)
    write_snapshot_now(laptop, shared)  # Cia has not imported it: she holds compaction back
    acks = shared / cia.origin / ACKS  # and she last synced 40 days ago
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    body = json.loads(acks.read_text(encoding="utf-8"))
    acks.write_text(json.dumps({**body, "written_at": since.isoformat()}), encoding="utf-8")
    assert laptop.path is not None
    path, own, forgotten = laptop.path, laptop.origin, shared / laptop.origin / "forgotten.json"
    laptop.close()

    app = HubtuiApp(str(path), Config(language="en", sync_folder=str(shared)), advisor="laptop")
    notices = record_notices(app)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_sync_screen(pilot)
        table = screen.query_one("#sync-peers", SyncPeersTable)
        cells = _cells(table)
        date = since.astimezone().strftime("%Y-%m-%d")
        assert cells["Cia"][1:] == [
            cia.origin[-12:],
            since.astimezone().strftime("%Y-%m-%d %H:%M"),
            "1",
            f"yes, silent since {date}",
        ]
        assert cells["laptop (this laptop)"][4] == "—"
        keys = {key: b.binding.description for key, b in screen.active_bindings.items()}
        assert keys["f"] == "Forget laptop"  # the footer shows it (snapshot at 100x30)

        # This laptop itself: refused with a message, no dialog, nothing written.
        _highlight(table, own)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        assert notices[-1].startswith("laptop (") and "it cannot forget itself" in notices[-1]
        assert not forgotten.exists()

        # Cia: the dialog says what forgetting does; no leaves her as she was.
        _highlight(table, cia.origin)
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = dialog.question
        assert question.startswith(f"Forget Cia ({cia.origin[-12:]}) in {shared.resolve()}?")
        assert "removed at later syncs, once a snapshot covers them" in question
        assert "This deletes no data" in question
        assert "catches up from the snapshot like a new laptop" in question
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen) and not forgotten.exists()

        await pilot.press("f")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        assert notices[-1] == (
            f"Forgot Cia ({cia.origin[-12:]}): it no longer holds compaction back; its files go "
            "once a snapshot covers them."
        )
        assert cia.origin in json.loads(forgotten.read_text(encoding="utf-8"))["devices"]
        today = dt.date.today().isoformat()
        assert _cells(table)["Cia"][4] == f"forgotten {today}"
        panel = str(screen.query_one("#sync-folder", Static).content)
        assert "holds compaction back" not in panel
        assert f"Cia ({cia.origin[-12:]}) was forgotten on {today}" in panel

        # Forgotten already: f says so instead of asking again.
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        assert f"was already forgotten on {today}" in notices[-1]
