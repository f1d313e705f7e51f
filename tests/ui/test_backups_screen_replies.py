"""The backups screen lists, makes and restores backups; its workers answer with the
screen's own typed messages (`BackupsScreen.Listed`, `.BackedUp`, `.Restored`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable
from tui_support import settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.backups import BackupsScreen
from hubtui.ui.widgets.dialogs import ConfirmDialog


async def test_back_up_now_then_restore(hub_db: Path, make_app: Callable[..., HubtuiApp]) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(BackupsScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BackupsScreen)
        table: DataTable[str] = screen.query_one("#backups-table", DataTable)
        before = table.row_count
        await pilot.press("b")
        await settle(pilot)
        assert table.row_count == before + 1  # listed again after the backup
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen
        assert table.row_count >= before + 2  # the database as it was is kept as a backup
