"""Copy an organisation's last activity into a new one; free-text search over activities."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input
from tui_support import TODAY, open_screen, read_db, settle

from hubtui.services.activities import log_activity
from hubtui.services.activity_input import ActivityInput
from hubtui.services.activity_queries import list_activities
from hubtui.services.organisations import search_organisations
from hubtui.store import Store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.activities import ActivitiesScreen
from hubtui.ui.screens.log_activity import LogActivityForm
from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen


def _org_id(store: Store, name: str) -> str:
    return search_organisations(store, name)[0].id


def _seed(path: Path) -> str:
    def call(store: Store) -> str:
        mek = _org_id(store, "Mälardalens")
        arboga = _org_id(store, "Arboga")
        for org, title, note, day in (
            (mek, "Behovsanalys robotcell", "Svetsning i fokus", "2026-03-02"),
            (mek, "Uppföljning", "Offert på sensorer", "2026-04-14"),
            (arboga, "Besök i verkstaden", "Plåtbearbetning", "2026-04-20"),
        ):
            values = {
                "project": "KAIM",
                "type": "needs_analysis" if title.startswith("Behov") else "visit",
                "date": day,
                "hours": 2.5,
                "title": title,
                "note": note,
                "organisation_ids": (org,),
            }
            log_activity(store, ActivityInput.of(values))
        return mek

    return read_db(path, call)


async def test_k_on_the_organisation_copies_its_last_activity_dated_today(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    mek = _seed(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        detail = OrganisationDetailScreen(mek)
        await app.push_screen(detail)
        while detail.file is None:
            await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogActivityForm) and form.activity is None
        assert form.query_one("#date", Input).value == TODAY.isoformat()
        assert form.query_one("#title", Input).value == "Uppföljning"
        assert form.query_one("#hours", Input).value == "2.5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogActivityForm)
    rows = read_db(hub_db, lambda store: list_activities(store, organisation_id=mek))
    assert [(a.date, a.title, a.hours, a.note) for a in rows[:2]] == [
        (TODAY, "Uppföljning", 2.5, "Offert på sensorer"),
        (rows[1].date, "Uppföljning", 2.5, "Offert på sensorer"),
    ]
    assert rows[1].date.isoformat() == "2026-04-14" and len(rows) == 3


async def test_search_finds_activities_by_title_notes_or_organisation(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    _seed(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_screen(pilot, "3", ActivitiesScreen)
        table = screen.query_one("#activity-table", DataTable)
        assert table.row_count == 3
        box = screen.query_one("#f-text", Input)
        for text, titles in (
            ("ROBOT", ["Behovsanalys robotcell"]),  # the title, in any case
            ("sensorer", ["Uppföljning"]),  # the notes
            ("arboga", ["Besök i verkstaden"]),  # the organisation's name
            ("MÄLARDALENS", ["Uppföljning", "Behovsanalys robotcell"]),
            ("ingenting", []),
        ):
            box.value = text
            await settle(pilot)
            assert [r.title for r in screen.rows] == titles, text


async def test_after_an_edit_the_cursor_is_on_the_row_edited(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    _seed(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_screen(pilot, "3", ActivitiesScreen)
        table = screen.query_one("#activity-table", DataTable)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogActivityForm)
        form.query_one("#title", Input).value = "Behovsanalys, robotcell"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and app.focused is table
        assert table.cursor_row == 2
        assert screen.rows[2].title == "Behovsanalys, robotcell"


async def test_number_keys_type_in_the_search_and_escape_goes_back_to_the_list(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_screen(pilot, "3", ActivitiesScreen)
        await pilot.press("slash", "2", "0", "2", "6")
        await settle(pilot)
        assert app.screen is screen
        assert screen.query_one("#f-text", Input).value == "2026"
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.query_one("#activity-table", DataTable)
        await pilot.press("2")
        await settle(pilot)
        assert type(app.screen).__name__ == "OrganisationsScreen"


async def test_f3_in_the_log_form_fills_in_the_organisations_last_activity(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    mek = _seed(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("l", *"mälardalens", "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogActivityForm)
        await pilot.press("f3")
        await settle(pilot)
        assert form.query_one("#title", Input).value == "Uppföljning"
        assert form.query_one("#note", Input).value == "Offert på sensorer"
        assert form.query_one("#date", Input).value == TODAY.isoformat()
        await pilot.press("ctrl+s")
        await settle(pilot)
    rows = read_db(hub_db, lambda store: list_activities(store, organisation_id=mek))
    assert (rows[0].date, rows[0].title, rows[0].hours) == (TODAY, "Uppföljning", 2.5)
