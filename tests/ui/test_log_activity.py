"""The quick activity form, driven from the keyboard, checked against the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui_support import TODAY, read_db, settle

from hubtui.services.activity_queries import list_activities
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.log_activity import LogActivityForm


def activities(path: Path) -> list:  # type: ignore[type-arg]
    return read_db(path, list_activities)


async def test_log_a_visit_from_the_keyboard(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LogActivityForm)
        await pilot.press(*"eskil")
        await settle(pilot)
        await pilot.press("enter")  # picked: the focus moves on to the next field
        assert app.screen.focused is not None and app.screen.focused.id == "type"
        await pilot.press("tab", "tab", "tab")  # to hours
        await pilot.press("2", "tab", *"Kickoff", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogActivityForm)
    [visit] = activities(hub_db)
    assert visit.type == "visit"
    assert visit.date == TODAY
    assert visit.hours == 2
    assert visit.title == "Kickoff"
    assert visit.project_code == "KAIM"
    assert visit.advisor == "Test Advisor"
    assert [o.name for o in visit.organisations] == ["Eskilstuna Elektronik AB"]


async def test_bad_input_is_marked_and_nothing_saved(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogActivityForm)
        form.query_one("#date").value = "2026-13-01"  # type: ignore[attr-defined]
        form.query_one("#hours").value = "two"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert set(form._invalid) == {"organisation", "date", "hours"}
        # a date outside the project passes the field check but the service refuses it
        await pilot.press(*"eskil", "enter")
        await settle(pilot)
        form.query_one("#date").value = "2030-01-01"  # type: ignore[attr-defined]
        form.query_one("#hours").value = "1"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert form._invalid == ["date"]
        await pilot.press("escape")
    assert activities(hub_db) == []


async def test_a_form_opened_before_the_projects_are_read_fills_them_in(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    from textual.widgets import Select

    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.projects = []  # as if the database were still opening
        await pilot.press("l")
        await settle(pilot)
        assert app.screen.query_one("#project", Select).value == "KAIM"


async def test_the_form_passes_the_project_it_resolved(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    """The project chosen goes to the service as the `ProjectView` the app read, not as its
    code to look up again."""
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogActivityForm)
        project = form.common_values()["project"]
        assert project is next(p for p in app.projects if p.code == "KAIM")
