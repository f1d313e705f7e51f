"""Helpers for every test that drives the TUI (a module of its own beside `pg_support`:
`conftest` is a name every test folder has). `from tui_support import settle` works from any
test folder: pytest puts this folder on the path for the top-level conftest."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from hubtui.store import Store, open_store

T = TypeVar("T")
S = TypeVar("S", bound=Screen[Any])

TODAY = dt.date(2026, 5, 4)


async def settle(pilot: Pilot[Any], rounds: int = 10) -> None:
    """Wait until the app is idle: no worker running and every message handled.

    A finished worker's result is a message; handling it may start another worker (a screen
    that loads more), so this repeats until a pause finds nothing running any more.
    """
    app = pilot.app
    for _ in range(rounds):
        # A worker replaced by a newer exclusive one ends cancelled: that is settled too.
        await asyncio.gather(
            *(worker.wait() for worker in list(app.workers)), return_exceptions=True
        )
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            await pilot.pause()  # the last results' messages
            if not any(worker.is_running for worker in app.workers):
                return


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


async def type_chunk(app: App[Any], chunk: str) -> None:
    """Deliver `chunk` the way a terminal delivers a fast typist's keys: in one read.

    The text goes through Textual's own terminal-input parser and the driver's
    `process_message`, exactly as the Linux driver's input thread does with each read, with no
    pause between keys. Returns once every key has been handled.
    """
    driver = app._driver
    assert driver is not None
    parser = XTermParser()
    # feed("") ends the input: a lone escape at the end is then an escape key, as it is once
    # the terminal's escape delay has passed.
    for event in [*parser.feed(chunk), *parser.feed("")]:
        driver.process_message(event)
    # The driver hands messages to the app in order: once this one has run, every key above is
    # with the app.
    arrived = asyncio.Event()
    driver.send_message(events.Callback(arrived.set))
    await arrived.wait()
    await cast(Any, app).key_order.settled()


def record_notices(app: App[Any]) -> list[str]:
    """Every message the app notifies from now on, kept after its toast times out.

    ``app._notifications`` drops a notice once its timeout passes, which a loaded machine
    reaches before the test looks.
    """
    messages: list[str] = []
    notify = app.notify

    def recording_notify(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(str(message))
        notify(message, *args, **kwargs)

    app.notify = recording_notify  # type: ignore[method-assign]
    return messages


CARD = "card "  # a step of snapshot_steps: + the index of a dashboard card to focus


def snapshot_steps(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """A snapshot's run_before: press the keys (or focus a dashboard card), settling after each,
    and stop the cursors blinking (a blinking cursor is caught on or off at random)."""
    from textual.widgets import Input, TextArea

    from hubtui.ui.widgets.kpi_card import KpiCard

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            if key.startswith(CARD):
                await settle(pilot)  # the cards are there
                pilot.app.screen.query(KpiCard)[int(key.removeprefix(CARD))].focus()
            else:
                await pilot.press(key)
            await settle(pilot)
        for box in pilot.app.screen.query("Input, TextArea").results():
            if isinstance(box, Input | TextArea):
                box.cursor_blink = False
        await settle(pilot)

    return run_before
