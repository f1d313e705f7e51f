"""Group events, testbed sessions, DMA results and contacts, driven from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input, Select, Static
from tui_support import TODAY, read_db, settle

from hubtui.services.activity_queries import list_activities
from hubtui.services.contacts import list_contacts
from hubtui.services.dma import dma_history
from hubtui.services.organisations import search_organisations
from hubtui.services.testbeds import list_testbeds
from hubtui.store import Store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens import testbed_session as testbed_ui
from hubtui.ui.screens.contact_form import ContactForm
from hubtui.ui.screens.dma_form import DmaForm
from hubtui.ui.screens.group_event import GroupEventForm
from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen
from hubtui.ui.screens.organisation_form import OrganisationForm
from hubtui.ui.widgets.dialogs import ConfirmDialog


async def test_seminar_with_attendance_and_a_new_organisation_then_timeline(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GroupEventForm)
        await pilot.press("tab", *"AI i verkstaden", "tab", "tab", "tab")  # to women
        await pilot.press("1", "2", "tab", "1", "5")
        await settle(pilot)
        assert str(form.query_one("#total", Static).content) == "27"
        form.query_one("#organisations-input", Input).focus()
        for name in ("mälardalens", "eskilstuna"):
            await pilot.press(*name)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press(*"Kungsörs Kvarn AB")
        await settle(pilot)
        await pilot.press("down", "end", "enter")  # the last suggestion: a new organisation
        await settle(pilot)
        new_org = app.screen
        assert isinstance(new_org, OrganisationForm)
        assert new_org.query_one("#name", Input).value == "Kungsörs Kvarn AB"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
        await pilot.press("2")
        await settle(pilot)
        await pilot.press(*"kungsörs", "enter", "enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, OrganisationDetailScreen)
        timeline = detail.query_one("#org-timeline", DataTable)
        assert timeline.row_count == 1
        assert timeline.get_row_at(0)[3] == "AI i verkstaden"
        assert detail.query_one("#org-events", DataTable).get_row_at(0)[-1] == "27"

    [seminar] = read_db(hub_db, list_activities)
    assert (seminar.type, seminar.date, seminar.women, seminar.men) == ("seminar", TODAY, 12, 15)
    assert sorted(o.name for o in seminar.organisations) == [
        "Eskilstuna Elektronik AB",
        "Kungsörs Kvarn AB",
        "Mälardalens Mekaniska AB",
    ]


async def test_group_event_with_a_negative_count_saves_nothing(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen
        form.query_one("#women", Input).value = "-3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert set(form._invalid) == {"title", "women"}  # type: ignore[attr-defined]
        await pilot.press("escape")
    assert read_db(hub_db, list_activities) == []


async def test_testbed_registered_on_the_spot_then_a_session(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, testbed_ui.TestbedSessionForm)
        form.query_one("#testbed", Select).value = "__new__"
        await settle(pilot)
        assert isinstance(app.screen, testbed_ui.TestbedForm)
        await pilot.press(*"Robotlabbet", "tab", *"västerås stad")
        await settle(pilot)
        await pilot.press("enter", *"Västerås")  # the owner picked, on to the location
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        form.query_one("#organisation-input", Input).focus()
        await pilot.press(*"arboga")
        await settle(pilot)
        await pilot.press("enter")
        form.query_one("#hours", Input).value = "4"
        form.query_one("#outcome", Input).value = "Cobot passar linjen"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    [testbed] = read_db(hub_db, list_testbeds)
    assert (testbed.name, testbed.location) == ("Robotlabbet", "Västerås")
    [session] = read_db(hub_db, list_activities)
    assert (session.type, session.testbed_id, session.hours, session.outcome) == (
        "testbed_session",
        testbed.id,
        4,
        "Cobot passar linjen",
    )
    assert [o.name for o in session.organisations] == ["Arboga Plåt AB"]


async def test_dma_overall_is_live_and_a_bad_score_saves_nothing(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press(*"arboga", "enter", "enter")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DmaForm)
        for i, score in enumerate((40, 55, 30, 20, 10, 160)):
            form.query_one(f"#score{i}", Input).value = str(score)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form._invalid == ["score5"]
        assert str(form.query_one("#overall", Static).content) == ""
        form.query_one("#score5", Input).value = "60"
        await settle(pilot)
        assert str(form.query_one("#overall", Static).content) == "35.8"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert app.screen.query_one("#org-dma", DataTable).row_count == 1

    def history(store: Store) -> object:
        [org] = search_organisations(store, "arboga")
        return dma_history(store, org.id)

    [dma] = read_db(hub_db, history)
    assert (dma.stage, dma.scores, round(dma.overall, 1)) == ("T0", (40, 55, 30, 20, 10, 60), 35.8)


async def test_contact_add_edit_delete(hub_db: Path, make_app: Callable[..., HubtuiApp]) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press(*"arboga", "enter", "enter")
        await settle(pilot)
        detail = app.screen
        await pilot.press("c")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ContactForm)
        await pilot.press(*"Sara Lind", "tab", *"VD", "tab", *"sara@", "ctrl+s")
        await settle(pilot)
        assert form._invalid == ["email"]  # the service refused the e-mail address
        form.query_one("#email", Input).value = "sara@arbogaplat.se"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        contacts = detail.query_one("#org-contacts", DataTable)
        assert contacts.get_row_at(0)[:3] == ["Sara Lind", "VD", "sara@arbogaplat.se"]
        contacts.focus()
        await pilot.press("enter")
        await settle(pilot)
        edit = app.screen
        assert isinstance(edit, ContactForm)
        edit.query_one("#role", Input).value = "Produktionschef"
        await pilot.press("ctrl+s")
        await settle(pilot)
        [contact] = read_db(hub_db, list_contacts)
        assert (contact.role, contact.organisation_name) == ("Produktionschef", "Arboga Plåt AB")
        contacts.focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is detail
    assert read_db(hub_db, list_contacts) == []
