"""The TUI's import screen: read a file, change the mapping, dry run, import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, Select
from tui_support import settle

from hubtui.config import Config
from hubtui.services.activity_queries import list_activities
from hubtui.store import Store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.import_file import ImportScreen


def _label(screen: ImportScreen, widget_id: str) -> str:
    return str(screen.query_one(widget_id).render())


async def open_file(pilot: Pilot[Any], path: Path) -> ImportScreen:
    """The import screen with `path` read (typed into the path box, then enter)."""
    await settle(pilot)
    pilot.app.action_go("import")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#i-path", Input).value = str(path)
    screen.query_one("#i-path", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def test_import_screen_maps_dry_runs_and_imports(
    store: Store, db_path: Path, project: str, write_xlsx: Callable[..., Path]
) -> None:
    path = write_xlsx("narvaro.xlsx", [
        ["Datum", "Typ", "Rubrik", "Företag", "Org.nr", "Kvinnor", "Män", "Extra"],
        [dt.datetime(2025, 4, 3), "Seminarium", "AI-dag", "Mälarplast AB", "556036-0793", 2, 1,
         "Bra"],
        [dt.datetime(2025, 4, 3), "Seminarium", "AI-dag", "Fel AB", "556036-0794", 1, 0, ""],
        [dt.datetime(2025, 5, 6), "Workshop", "Data", "Köping AB", "556703-7485", 3, 2, "Fint"],
    ])  # fmt: skip
    app = HubtuiApp(
        str(db_path),
        Config(language="en", default_project=project),
        advisor="Test Advisor",
        today=dt.date(2025, 6, 1),
    )
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_file(pilot, path)
        assert screen.mapping is not None and screen.mapping.kind == "events"
        assert screen.query_one("#map-2", Select).value == "title"
        assert (
            screen.query_one("#map-7", Select).value is Select.NULL
        )  # "Extra" is not a known header
        assert screen.query_one("#i-project", Select).value == "KAIM"
        screen.query_one("#map-7", Select).value = "note"
        await settle(pilot)
        assert screen.mapping.columns[7] == "note"
        assert screen.query_one("#i-import", Button).disabled
        await pilot.press("f5")
        await settle(pilot)
        assert screen.planned is not None
        table = screen.query_one("#i-results", DataTable)
        assert table.row_count == 3  # one event created, one event (2 rows) rejected
        assert "Dry run: 1 to create" in _label(screen, "#i-status")
        assert list_activities(store) == []
        await pilot.press("f9")
        await settle(pilot)
        status = _label(screen, "#i-status")
        assert "Imported: 1 created" in status and "narvaro.rejected.xlsx" in status
        # Another kind maps the columns again, with lists of that kind's fields.
        screen.query_one("#i-kind", Select).value = "activities"
        await settle(pilot)
        assert screen.mapping.kind == "activities" and screen.mapping.columns[7] == "note"
        assert len(screen.query("#i-mapping Select")) == 8
    (workshop,) = list_activities(store)
    assert (workshop.title, workshop.note, workshop.women, workshop.men) == ("Data", "Fint", 3, 2)
    assert path.with_name("narvaro.rejected.xlsx").exists()


async def test_unreadable_file_is_marked_at_the_path(
    store: Store, db_path: Path, project: str, tmp_path: Path
) -> None:
    app = HubtuiApp(str(db_path), Config(language="en"), advisor="A", today=dt.date(2025, 6, 1))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        app.action_go("import")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#i-path", Input).value = str(tmp_path / "saknas.xlsx")
        screen.query_one("#i-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#i-path", Input).has_class("-invalid")
        assert "There is no file" in _label(screen, "#i-status")


async def test_an_import_cancelled_with_escape_writes_nothing(
    store: Store, db_path: Path, project: str, write_xlsx: Callable[..., Path]
) -> None:
    rows = [[dt.datetime(2025, 5, 6), "Workshop", f"Pass {n}", 3, 2] for n in range(300)]
    path = write_xlsx("pass.xlsx", [["Datum", "Typ", "Rubrik", "Kvinnor", "Män"], *rows])
    config = Config(language="en", default_project=project)
    app = HubtuiApp(str(db_path), config, advisor="Test Advisor", today=dt.date(2025, 6, 1))
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_file(pilot, path)
        await pilot.press("f5")
        await settle(pilot)
        assert "Dry run: 300 to create" in _label(screen, "#i-status")
        screen.action_run_import()
        assert screen.check_action("cancel_import", ()) and "esc" in _label(screen, "#i-status")
        screen.action_cancel_import()  # before the import's thread has counted a row
        await settle(pilot)
        assert "cancelled; nothing was written" in _label(screen, "#i-status")
        assert not screen.check_action("cancel_import", ())
    assert list_activities(store) == []
