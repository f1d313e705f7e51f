"""Screens whose escape also cancels long work (sync, import, report export): while nothing
runs, escape still leaves a text field, so the number keys switch screens again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_support import open_screen, settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.import_file import ImportScreen
from hubtui.ui.screens.report import ReportScreen
from hubtui.ui.screens.sync import SyncScreen


@pytest.mark.parametrize(
    ("key", "kind"), [("5", ReportScreen), ("7", SyncScreen), ("8", ImportScreen)]
)
async def test_escape_leaves_the_text_field(
    hub_db: Path, make_app: Callable[..., HubtuiApp], key: str, kind: type
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, key, kind)
        field = screen.query(Input).first()
        field.focus()
        await settle(pilot)
        assert app.active_bindings["escape"].binding.action == "leave_text"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and app.focused is not field
