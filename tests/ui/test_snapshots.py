"""Snapshots of the main screens at 120×40 on fixed data (seeded demo, fixed date, no clock)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_support import settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.registry import screen_entry

SIZE = (120, 40)


def _after(*keys: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for box in pilot.app.screen.query(Input).results(Input):
            box.cursor_blink = False  # a blinking cursor is caught on or off at random

    return run_before


@pytest.fixture
def make_app(make_app: Callable[..., HubtuiApp]) -> Callable[..., HubtuiApp]:
    """The app with this issue's screens only, so screens added later do not move pixels."""
    own = [screen_entry(i) for i in ("dashboard", "organisations", "activities")]

    def make(path: Path, language: str = "en") -> HubtuiApp:
        return make_app(path, language, screens=own)

    return make


def test_organisations_screen(
    demo_db: Path, make_app: Callable[..., HubtuiApp], snap_compare: Any
) -> None:
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("2"))


def test_organisation_detail(
    demo_db: Path, make_app: Callable[..., HubtuiApp], snap_compare: Any
) -> None:
    app = make_app(demo_db)
    keys = ("2", *"bergslagens", "enter", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=_after(*keys))


def test_activities_screen(
    demo_db: Path, make_app: Callable[..., HubtuiApp], snap_compare: Any
) -> None:
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("3"))


def test_log_activity_form(
    demo_db: Path, make_app: Callable[..., HubtuiApp], snap_compare: Any
) -> None:
    app = make_app(demo_db)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after("2", "escape", "l", *"berg"))


def test_group_event_form_in_swedish(
    demo_db: Path, make_app: Callable[..., HubtuiApp], snap_compare: Any
) -> None:
    app = make_app(demo_db, language="sv")
    keys = (
        "2",
        "escape",
        "g",
        "tab",
        *"Seminarium",
        "tab",
        "tab",
        "tab",
        "1",
        "2",
        "tab",
        "1",
        "5",
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=_after(*keys))


def test_first_run(db_path: Path, make_app: Callable[..., HubtuiApp], snap_compare: Any) -> None:
    app = make_app(db_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=_after())
