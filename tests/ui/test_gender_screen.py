"""The gender screen: its workers answer with the screen's own typed messages (the balance
of the project it has, not looked up again; a group count deleted)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, TabbedContent
from tui_support import open_screen, read_db, settle

from hubtui.services.groups import add_group_composition, list_group_compositions
from hubtui.store import open_store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.gender import GenderScreen
from hubtui.ui.widgets.dialogs import ConfirmDialog


async def test_a_group_count_is_shown_and_deleted(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    store = open_store(hub_db)
    try:
        add_group_composition(
            store, project="KAIM", group_name="Styrgrupp", date=dt.date(2025, 6, 1), women=3, men=2
        )
    finally:
        store.close()
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "4", GenderScreen)
        assert screen.balance is not None and screen.balance.project.code == "KAIM"
        screen.query_one("#gender-tabs", TabbedContent).active = "tab-groups"
        await settle(pilot)
        groups = screen.query_one("#gender-groups", DataTable)
        assert groups.row_count == 1
        groups.focus()
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is screen and groups.row_count == 0
    assert read_db(hub_db, lambda s: list_group_compositions(s, "KAIM")) == []
