"""Keys reach the widget that has focus when they are typed, at any typing speed.

Why this exists (Textual 8 behaviour, upstream): the driver parses a chunk of terminal input
into key events and posts them all to the app's queue at once. `App.on_event` forwards each
key to the widget focused *at that moment* by posting it to that widget's own queue, and moves
on to the next key at once. A key that moves focus (tab, a binding that opens a form, a picker
that closes) only takes effect later, when that widget's queue handles it and the event bubbles
back up to the app's bindings. So in "tab S n a b b" every letter is forwarded to the field
that had focus *before* the tab: a fast typist's keys land in the wrong field, and keys typed
together with the key that opens a form go to the screen underneath.

The fix: the app holds the keys (and pastes) it receives in a queue of its own and lets them go
one at a time; before letting the next one go it waits until everything the previous one set
off has run (every message queue drained, new screens and widgets mounted, callbacks that run
after a refresh done). That is what a person typing slowly gets for free.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual import events
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

# A widget that is still busy after this long is doing long work (waiting for a dialog, say):
# stop waiting for it, so the keys that may be needed to finish that work get through.
BUSY_LIMIT = 0.5
# The longest one key is held back in all.
KEY_LIMIT = 2.0


class KeyOrder:
    """Lets an app's keys go one at a time, each after the previous one has settled."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._held: asyncio.Queue[events.Key | events.Paste] = asyncio.Queue()
        self._released: set[events.Event] = set()
        self._task: asyncio.Task[None] | None = None

    def hold(self, event: events.Event) -> bool:
        """Take a key or paste straight from the terminal; False if the app should handle it."""
        if not isinstance(event, events.Key | events.Paste) or event.is_forwarded:
            return False
        if event in self._released:
            self._released.discard(event)
            return False
        self._held.put_nowait(event)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._let_go(), name="hubtui-key-order")
        return True

    async def settled(self) -> None:
        """Wait until every key the app has received so far has been handled (for tests)."""
        while True:
            await self._held.join()
            app = self.app
            waiting = [*app._message_queue.values, app._pending_message]
            if not any(isinstance(m, events.Key | events.Paste) for m in waiting) and not (
                _working(app)
            ):
                return
            await asyncio.sleep(0.001)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _let_go(self) -> None:
        while True:
            event = await self._held.get()
            try:
                release: events.Key | events.Paste = (
                    event.copy() if isinstance(event, events.Key) else events.Paste(event.text)
                )
                release.set_sender(self.app)
                self._released.add(release)
                if self.app.post_message(release):
                    await self._quiet()
                else:
                    self._released.discard(release)
            except Exception as error:  # never stop letting keys go
                self.app.log.error("key order:", error)
            finally:
                self._held.task_done()

    async def _quiet(self) -> None:
        """Wait until the app has nothing left to do for the key just let go."""
        loop = asyncio.get_running_loop()
        end = loop.time() + KEY_LIMIT
        busy_since: dict[int, float] = {}
        while loop.time() < end:
            if self._busy(busy_since, loop.time()) is None:
                return
            await asyncio.sleep(0.001)

    def _busy(self, busy_since: dict[int, float], now: float) -> MessagePump | None:
        """A message pump with work pending for the key (not one busy for too long)."""
        pumps: list[MessagePump] = [self.app, *list(self.app._registry)]
        for pump in pumps:
            if not _working(pump):
                busy_since.pop(id(pump), None)
                continue
            started = busy_since.setdefault(id(pump), now)
            if now - started < BUSY_LIMIT:
                return pump
        return None


def _working(pump: MessagePump) -> bool:
    """True while a message pump has messages waiting, is handling one or is mounting."""
    if pump._closed or pump._closing:
        return False
    queue: Any = pump._message_queue
    if not queue.empty() or pump._pending_message is not None or pump._next_callbacks:
        return True
    if isinstance(pump, Screen) and pump._callbacks and pump.is_current:
        return True  # callbacks waiting for the next refresh (a focus() after mount, say)
    task = pump._task
    if task is None:
        return False
    if not pump._is_mounted:
        return True
    # Idle means: parked in the queue's get(), waiting for its ready event. Anything else
    # (a handler awaiting a mount, idle callbacks) is still work caused by the key.
    waiting_for = getattr(task, "_fut_waiter", None)
    waiters = getattr(queue.ready_event, "_waiters", None)
    if waiting_for is None or waiters is None:
        return False
    return waiting_for not in waiters
