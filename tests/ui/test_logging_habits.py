"""Logging habits: save and log another keeps date, project and advisor; a future date is said."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static
from tui_support import read_db, settle, type_chunk

from hubtui.services.activity_queries import list_activities
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.group_event import GroupEventForm


async def test_save_and_log_another_keeps_date_project_and_advisor(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_chunk(app, "g\tFörsta\t")
        form = app.screen
        assert isinstance(form, GroupEventForm)
        date = form.query_one("#date", Input)
        date.value = "2026-04-20"
        form.query_one("#advisor", Input).value = "Per Holm"
        await type_chunk(app, "\x0e")  # ctrl+n
        await settle(pilot)
        second = app.screen
        assert isinstance(second, GroupEventForm) and second is not form
        assert second.query_one("#date", Input).value == "2026-04-20"
        assert second.query_one("#advisor", Input).value == "Per Holm"
        assert second.query_one("#title", Input).value == ""
        await type_chunk(app, "\tAndra\x13")
        await settle(pilot)
        assert not isinstance(app.screen, GroupEventForm)
    saved = sorted(
        (a.title, a.date.isoformat(), a.advisor) for a in read_db(hub_db, list_activities)
    )
    assert saved == [("Andra", "2026-04-20", "Per Holm"), ("Första", "2026-04-20", "Per Holm")]


async def test_a_future_date_is_warned_about_but_saved(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_chunk(app, "g\tSenare")
        form = app.screen
        form.query_one("#date", Input).value = "2026-06-01"  # TODAY is 2026-05-04
        await settle(pilot)
        hint = form.query_one("#field-date .field-hint", Static)
        assert hint.display and "future" in str(hint.content)
        form.query_one("#date", Input).value = "2026-05-01"
        await settle(pilot)
        assert not hint.display
        form.query_one("#date", Input).value = "2026-06-01"
        await type_chunk(app, "\x13")
        await settle(pilot)
    [event] = read_db(hub_db, list_activities)
    assert event.date.isoformat() == "2026-06-01"
