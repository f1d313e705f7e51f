"""Helpers for the TUI tests (a module of its own: `conftest` is a name every test folder has)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot

TODAY = dt.date(2026, 5, 4)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker has finished and the screen has caught up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
