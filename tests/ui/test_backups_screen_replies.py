"""The backups screen lists, makes and restores backups; its workers answer with the
screen's own typed messages (`BackupsScreen.Listed`, `.BackedUp`, `.Restored`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable
from tui_support import settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.backups import BackupsScreen
from hubtui.ui.widgets.dialogs import ConfirmDialog


async def open_backups(pilot: Pilot[Any]) -> BackupsScreen:
    await settle(pilot)
    await pilot.app.push_screen(BackupsScreen())
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, BackupsScreen)
    return screen


async def test_back_up_now_then_restore(hub_db: Path, make_app: Callable[..., HubtuiApp]) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_backups(pilot)
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


async def test_a_backup_cancelled_with_escape_leaves_no_file(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    from hubtui.paths import backups_dir

    app = make_app(hub_db)
    said: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_backups(pilot)
        before = sorted(p.name for p in backups_dir(hub_db).iterdir())
        app.notify = lambda message, **kwargs: said.append(str(message))  # type: ignore[method-assign]
        screen.action_backup()
        bar = screen.query_one("#backup-progress")
        assert bar.display and screen.check_action("cancel_backup", ())
        screen.action_cancel_backup()  # escape, before the copy has started: it never starts
        await settle(pilot)
        assert not bar.display and not screen.check_action("cancel_backup", ())
        assert said[-1] == "The backup was cancelled; nothing was written."
        assert sorted(p.name for p in backups_dir(hub_db).iterdir()) == before
