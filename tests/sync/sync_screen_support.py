"""Helpers for Pilot tests of the Sync screen."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from tui_support import settle

from hubtui.ui.screens.sync import SyncScreen


async def open_sync_screen(pilot: Pilot[Any]) -> SyncScreen:
    """Wait for the app to start, open the Sync screen (key 7) and return it."""
    await settle(pilot)
    await pilot.press("7")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SyncScreen)
    return screen
