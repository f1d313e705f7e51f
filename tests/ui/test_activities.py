"""The activities list: filters, edit, delete with confirmation and undo, history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input, Label, Select
from tui_support import open_screen, settle

from hubtui.services.activity_queries import count_activities, get_activity, list_activities
from hubtui.services.projects import get_project
from hubtui.store import open_store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.activities import PAGE, ActivitiesScreen
from hubtui.ui.screens.history import HistoryDialog
from hubtui.ui.screens.log_activity import LogActivityForm
from hubtui.ui.widgets.dialogs import ConfirmDialog


async def test_filters_by_project_type_and_period(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    store = open_store(demo_db)
    try:
        kaim = get_project(store, "KAIM")
        expected_all = count_activities(store, project_id=kaim.id)
        expected = list_activities(store, project_id=kaim.id, type="seminar", period="2026Q1")
    finally:
        store.close()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "3", ActivitiesScreen)
        table = screen.query_one("#activity-table", DataTable)
        assert screen.total == expected_all  # starts with the current project
        assert table.row_count == min(PAGE, expected_all)
        screen.query_one("#f-type", Select).value = "seminar"
        screen.query_one("#f-period", Input).value = "2026Q1"
        await settle(pilot)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == [
            a.date.isoformat() for a in expected
        ]
        screen.query_one("#f-period", Input).value = "2026Q9"
        await settle(pilot)
        assert "not understood" in str(screen.query_one("#activity-count", Label).content)


async def test_delete_asks_first_and_can_be_undone(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "3", ActivitiesScreen)
        table = screen.query_one("#activity-table", DataTable)
        table.focus()
        first = screen.rows[0]
        total = screen.total
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert screen.total == total
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert screen.total == total - 1
        assert first.id not in [a.id for a in screen.rows]
        store = open_store(demo_db)
        try:
            assert get_activity(store, first.id).deleted
        finally:
            store.close()
        await pilot.press("u")
        await settle(pilot)
        assert screen.total == total
    store = open_store(demo_db)
    try:
        assert not get_activity(store, first.id).deleted
    finally:
        store.close()


async def test_edit_then_history_shows_who_changed_what(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", *"arboga")
        await settle(pilot)
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
        screen = await open_screen(pilot, "3", ActivitiesScreen)
        screen.query_one("#activity-table", DataTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogActivityForm)
        form.query_one("#title", Input).value = "Uppföljning"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.rows[0].title == "Uppföljning"
        await pilot.press("h")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, HistoryDialog)
        rows = dialog.query_one(DataTable)
        whats = [rows.get_row_at(i)[1:4] for i in range(rows.row_count)]
        created = [str(value) for _who, what, value in whats if what == "created"]
        assert len(created) == 1 and "type: " in created[0]  # the fields it was created with
        assert ["Test Advisor", "organisation added", "Arboga Plåt AB"] in whats
        assert ["Test Advisor", "title", "Uppföljning"] in whats


async def test_organisation_filter_and_dropping_it(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    from hubtui.services.organisations import search_organisations

    store = open_store(demo_db)
    try:
        kaim = get_project(store, "KAIM")
        org = search_organisations(store, project_id=kaim.id, limit=1)[0]
        expected = count_activities(store, project_id=kaim.id, organisation_id=org.id)
        everything = count_activities(store, project_id=kaim.id)
    finally:
        store.close()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "3", ActivitiesScreen)
        screen.query_one("#f-organisation-input", Input).focus()
        await pilot.press(*(org.orgnr or "").replace("-", ""))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.total == expected
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.total == everything
