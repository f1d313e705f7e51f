"""Organisations: search and filters on the demo data, paging, detail, add/edit with checks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Select, TabbedContent
from tui_support import open_screen, read_db, settle

from hubtui.services.organisations import count_organisations, search_organisations
from hubtui.store import open_store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen
from hubtui.ui.screens.organisation_form import OrganisationForm
from hubtui.ui.screens.organisations import PAGE, OrganisationsScreen


def _names(path: Path, text: str = "", **filters: object) -> list[str]:
    found = read_db(path, lambda s: search_organisations(s, text, limit=None, **filters))
    return [o.name for o in found]


async def test_search_as_you_type_and_filters(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "2", OrganisationsScreen)
        table = screen.query_one("#org-table", DataTable)
        assert table.row_count == PAGE  # a page, not the whole register
        assert screen.total == 300
        word = _names(demo_db)[7].split()[0][:5].lower()
        await pilot.press(*word)
        await settle(pilot)
        expected = _names(demo_db, word)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == expected[:PAGE]
        assert screen.total == len(expected)
        screen.query_one("#f-county", Select).value = "19"
        await settle(pilot)
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == _names(
            demo_db, word, county="19"
        )[:PAGE]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.query_one("#search", Input).value == ""
        assert table.row_count == PAGE


async def test_orgnr_digits_find_the_organisation(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    store = open_store(demo_db)
    try:
        target = next(o for o in search_organisations(store, limit=None) if o.orgnr)
    finally:
        store.close()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "2", OrganisationsScreen)
        await pilot.press(*(target.orgnr or "").replace("-", ""))
        await settle(pilot)
        table = screen.query_one("#org-table", DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[0] == target.name


async def test_more_rows_load_when_the_cursor_nears_the_end(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "2", OrganisationsScreen)
        table = screen.query_one("#org-table", DataTable)
        table.focus()
        table.move_cursor(row=PAGE - 1)
        await settle(pilot)
        assert table.row_count == 2 * PAGE
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == _names(demo_db)[
            : 2 * PAGE
        ]
        assert "100 of 300" in str(screen.query_one("#org-count", Label).content)


async def test_detail_shows_profile_contacts_timeline_and_dma(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    from hubtui.services.activity_queries import organisation_timeline
    from hubtui.services.dma import dma_history

    store = open_store(demo_db)
    try:
        orgs = search_organisations(store, limit=None)
        org = next(o for o in orgs if len(dma_history(store, o.id)) >= 2)
        timeline = organisation_timeline(store, org.id)
    finally:
        store.close()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "2", OrganisationsScreen)
        await pilot.press(*(org.orgnr or "").replace("-", ""), "enter", "enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, OrganisationDetailScreen)
        assert detail.title == org.name
        assert detail.query_one("#org-timeline", DataTable).row_count == len(timeline)
        dma = detail.query_one("#org-dma", DataTable)
        assert dma.row_count == 3  # two assessments and the change between them
        change = dma.get_row_at(2)
        assert change[0] == "T0→T1"
        detail.query_one(TabbedContent).active = "tab-dma"
        await pilot.press("escape")
        assert app.screen is screen


async def _new_organisation_form(
    pilot: Pilot[Any],
) -> tuple[OrganisationsScreen, OrganisationForm]:
    """The organisations screen, and the form it opens for a new organisation."""
    screen = await open_screen(pilot, "2", OrganisationsScreen)
    screen.query_one("#org-table", DataTable).focus()
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, OrganisationForm)
    return screen, form


async def test_add_organisation_checks_fields_and_saves_nothing_bad(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, form = await _new_organisation_form(pilot)
        await pilot.press(*"Köping Kugg AB", "tab", *"5560360794")  # wrong check digit
        await settle(pilot)
        assert "check digit" in str(form.query_one("#field-orgnr .field-error").content)
        form.query_one("#county", Input).value = "99"
        form.query_one("#employees", Input).value = "12"
        await settle(pilot)
        assert form.query_one("#field-employees .field-hint").content == "Small enterprise"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert set(form._invalid) == {"orgnr", "county"}
        # the orgnr of an organisation already registered is refused by the service
        form.query_one("#orgnr", Input).value = "556036-0793"
        form.query_one("#county", Input).value = "Västmanland"
        form.query_one("#municipality", Input).value = "Köping"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert form._invalid == ["orgnr"]
        assert "already registered" in str(form.query_one("#field-orgnr .field-error").content)
        form.query_one("#orgnr", Input).value = "202100-5224"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    store = open_store(hub_db)
    try:
        [org] = search_organisations(store, "köping kugg")
        assert (org.orgnr, org.county, org.municipality, org.size_class) == (
            "202100-5224",
            "19",
            "1983",
            "small",
        )
        assert org.leader_gender == "unknown"  # not whatever the list shows first
        assert count_organisations(store) == 5
    finally:
        store.close()


async def test_edit_organisation_from_its_detail(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot, "2", OrganisationsScreen)
        await pilot.press(*"arboga", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, OrganisationForm)
        form.query_one("#employees", Input).value = "300"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert "Large enterprise" in str(app.screen.query_one("#org-profile").content)
    assert _names(hub_db, "arboga", size="large") == ["Arboga Plåt AB"]


async def test_arrow_down_from_search_goes_to_the_results(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "2", OrganisationsScreen)
        await pilot.press(*"arboga")
        await settle(pilot)
        await pilot.press("down")
        table = screen.query_one("#org-table", DataTable)
        assert app.focused is table
        await pilot.press("down", "enter")  # the arrow then moves within the list
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, OrganisationDetailScreen)
        assert detail.title == _names(demo_db, "arboga")[1]


async def test_country_is_checked_at_its_field_and_saved(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, form = await _new_organisation_form(pilot)
        assert form.query_one("#country", Input).value == "SE"
        await pilot.press(*"Oslo Verktøy AS")
        form.query_one("#country", Input).value = "Norge"
        await settle(pilot)
        assert "ISO 3166-1" in str(form.query_one("#field-country .field-error").content)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert form._invalid == ["country"]
        assert read_db(hub_db, lambda store: search_organisations(store, "oslo")) == []
        form.query_one("#country", Input).value = "no"
        await settle(pilot)
        assert not str(form.query_one("#field-country .field-error").content)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    [org] = read_db(hub_db, lambda store: search_organisations(store, "oslo"))
    assert org.country == "NO"
