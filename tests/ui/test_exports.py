"""Exports from the TUI go to the export folder of the settings, and the app says where."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input
from tui_support import open_screen, settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.goal_forms import GoalsExportForm
from hubtui.ui.screens.goals import GoalsScreen


async def test_goals_export_goes_to_the_export_folder_and_says_where(
    hub_db: Path, make_app: Callable[..., HubtuiApp], tmp_path: Path
) -> None:
    folder = tmp_path / "rapporter"
    app = make_app(hub_db, export_folder=str(folder))
    said: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await open_screen(pilot, "6", GoalsScreen)
        app.notify = lambda message, **kwargs: said.append(str(message))  # type: ignore[method-assign]
        await pilot.press("x")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GoalsExportForm)
        assert form.query_one("#path", Input).value == str(folder / "kaim.toml")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert (folder / "kaim.toml").exists()
    assert f"Goals written to {folder / 'kaim.toml'}." in said
