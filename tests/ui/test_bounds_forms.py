"""Numbers out of their domain bounds are refused at the field in the forms; nothing is saved
and nothing crashes while typing them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input, Static
from tui_support import open_screen, read_db, settle

from hubtui.services.activity_queries import list_activities
from hubtui.services.organisations import search_organisations
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.group_event import GroupEventForm
from hubtui.ui.screens.organisation_form import OrganisationForm
from hubtui.ui.screens.organisations import OrganisationsScreen

HUGE = str(10**30)


async def test_group_event_refuses_huge_counts_and_hours(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GroupEventForm)
        form.query_one("#title", Input).value = "Seminarium"
        form.query_one("#women", Input).value = HUGE
        form.query_one("#men", Input).value = "²"  # a digit to str.isdigit, not to int()
        form.query_one("#other", Input).value = "9" * 5000
        form.query_one("#unstated", Input).value = "3"
        form.query_one("#hours", Input).value = "1e300"
        await settle(pilot)
        assert str(form.query_one("#total", Static).content) == "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert {"women", "men", "other", "hours"} <= set(form._invalid)
        error = str(form.query_one("#field-women .field-error", Static).content)
        # the service's own sentence, as the command line says it
        assert error.startswith("The number of women must be a whole number from 0 to 1 000 000;")
        error = str(form.query_one("#field-hours .field-error", Static).content)
        assert error == "Hours must be a number from 0 to 10 000; '1e300' is out of range."
        await pilot.press("escape")
    assert read_db(hub_db, list_activities) == []


async def test_organisation_form_refuses_huge_employees(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    before = read_db(hub_db, lambda s: search_organisations(s, ""))
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "2", OrganisationsScreen)
        screen.query_one("#org-table", DataTable).focus()
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, OrganisationForm)
        await pilot.press(*"Jätte AB")
        form.query_one("#employees", Input).value = HUGE
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert set(form._invalid) == {"employees"}
        error = str(form.query_one("#field-employees .field-error", Static).content)
        assert error.startswith("Employees must be a whole number from 0 to 10 000 000;")
        await pilot.press("escape")
    assert read_db(hub_db, lambda s: search_organisations(s, "")) == before


BAD_FIELDS = [
    ("women", HUGE),
    ("women", "-3"),
    ("men", "1.5"),
    ("other", "²"),
    ("unstated", "9" * 5000),
    ("women", "tolv"),
    ("hours", "1e300"),
    ("hours", "nan"),
    ("hours", "inf"),
    ("hours", "-1"),
    ("hours", "tio"),
    ("hours", "10001"),
]


async def test_group_event_form_refuses_each_bad_number_at_its_field(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    """The form half of the bad-input harness: each value refused at its own field, in one
    sentence, and the database unchanged."""
    before = _dump(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GroupEventForm)
        form.query_one("#title", Input).value = "Seminarium"
        for field_id, value in BAD_FIELDS:
            good = form.query_one(f"#{field_id}", Input).value
            form.query_one(f"#{field_id}", Input).value = value
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form, (field_id, value)
            assert form._invalid == [field_id], (field_id, value, form._invalid)
            error = str(form.query_one(f"#field-{field_id} .field-error", Static).content)
            assert error.endswith(".") and error.count(". ") == 0 and "Traceback" not in error
            form.query_one(f"#{field_id}", Input).value = good
        await pilot.press("escape")
        await settle(pilot)
    assert _dump(hub_db) == before


def _dump(path: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "sqlite_stat" not in line]
    finally:
        conn.close()
