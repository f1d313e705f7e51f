"""The Backups screen lists the backups, backs up on b and restores the chosen one on r."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from safety_data import Filled
from textual.widgets import DataTable
from tui_support import settle

from hubtui.config import Config
from hubtui.domain.goals import parse_goals
from hubtui.services.organisations import add_organisation, search_organisations
from hubtui.services.projects import import_goals
from hubtui.store import open_store
from hubtui.store.backups import list_backups
from hubtui.templates import template_text
from hubtui.ui.app import HubtuiApp


def names(path: Path) -> list[str]:
    store = open_store(path)
    try:
        return sorted(o.name for o in search_organisations(store))
    finally:
        store.close()


async def test_list_back_up_and_restore(filled: Filled) -> None:
    store = open_store(filled.path)
    import_goals(store, parse_goals(template_text("KAIM"), "KAIM"))
    store.close()
    settings = Config(language="en", default_project="KAIM")
    app = HubtuiApp(str(filled.path), settings, advisor="T", today=dt.date(2026, 5, 4))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.store is not None and app.store.daily_backup is not None
        app.store.daily_backup.wait()  # taken beside the first paint, not before it
        assert [b.reason for b in list_backups(filled.path)] == ["daily"]  # opening made one
        await pilot.press("9")
        await settle(pilot)
        table = app.screen.query_one("#backups-table", DataTable)
        assert table.row_count == 1

        await pilot.press("b")
        await settle(pilot)
        assert table.row_count == 2
        newest = list_backups(filled.path)[0]
        assert newest.reason == "manual"

        store = open_store(filled.path)
        add_organisation(store, name="Efter Backup AB")
        store.close()
        table.move_cursor(row=0)  # the backup just made
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 3  # and the database as it was, kept first
    assert names(filled.path) == ["Exempel AB", "Mälarenergi AB"]
    assert "before-restore" in [b.reason for b in list_backups(filled.path)]
