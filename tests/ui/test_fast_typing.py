"""A fast typist's keys arrive in one chunk and still each reach the field focused at the time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input
from tui_support import TODAY, read_db, settle, type_chunk

from hubtui.services.activity_queries import list_activities
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.group_event import GroupEventForm
from hubtui.ui.screens.log_activity import LogActivityForm

# type, title, date, project, women, men, other, unstated, organisations, hours, notes
GROUP_EVENT = "\tSnabb lunch\t\t\t12\t15\t2\t\t\t3,5\tBra frågor\x13"  # \x13 is ctrl+s


async def test_a_whole_group_event_typed_in_one_chunk_is_saved_field_by_field(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GroupEventForm)
        await type_chunk(app, GROUP_EVENT)
        await settle(pilot)
        assert not isinstance(app.screen, GroupEventForm), "the form was saved and closed"
    [event] = read_db(hub_db, list_activities)
    assert event.type == "seminar"
    assert event.title == "Snabb lunch"
    assert event.date == TODAY
    assert event.project_code == "KAIM"
    assert (event.women, event.men, event.other, event.unstated) == (12, 15, 2, 0)
    assert event.hours == 3.5
    assert event.note == "Bra frågor"


async def test_keys_typed_together_with_the_key_that_opens_the_form_reach_the_form(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_chunk(app, "g" + GROUP_EVENT)
        await settle(pilot)
    [event] = read_db(hub_db, list_activities)
    assert (event.title, event.women, event.men, event.other) == ("Snabb lunch", 12, 15, 2)
    assert (event.hours, event.note) == (3.5, "Bra frågor")


async def test_number_keys_typed_fast_into_a_form_are_text_not_screen_switches(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_chunk(app, "l")
        form = app.screen
        assert isinstance(form, LogActivityForm)
        title = form.query_one("#title", Input)
        title.focus()
        await type_chunk(app, "1 2 3 4 5 6 7 8 9")
        assert app.screen is form
        assert title.value == "1 2 3 4 5 6 7 8 9"
