"""Helpers for the TUI tests (a module of its own: `conftest` is a name every test folder has)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.screen import Screen

from hubtui.store import Store, open_store

T = TypeVar("T")
S = TypeVar("S", bound=Screen[Any])

TODAY = dt.date(2026, 5, 4)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until every worker has finished and the screen has caught up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def open_screen(pilot: Pilot[Any], key: str, screen_type: type[S]) -> S:
    """Switch to a screen by its number key, once the app has settled."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, screen_type)
    return screen


def read_db(path: Path, call: Callable[[Store], T]) -> T:
    """Open the database file, run one read, close it again."""
    store = open_store(path)
    try:
        return call(store)
    finally:
        store.close()
