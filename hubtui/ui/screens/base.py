"""What every hubtui screen shares: the store in a thread worker, help text, translated keys.

A screen calls `self.post_db(call, Reply)`: `call(store)` runs in a thread worker (never on
the UI thread), which posts `Reply(result)`, the screen's own typed message (a subclass of
`hubtui.ui.messages.DbReply`), handled back on the UI thread by its `on_…` method. The older
form, `self.run_db(call, done)` (any widget: `run_db(widget, call, done)`), posts `DbDone`,
handled by calling `done(result)`. Either posts `DbRefused` for a `UserError`, handled by
`failed` if given (a form shows it at the field) or as a notification. Anything unexpected
reaches the app as one `WorkerFailed`, logged and shown as one line with where the log is,
never as a traceback.

Screens override `reload()` to (re)load their data; it runs each time the screen is shown and
when the app's current project or period (reactive attributes) changes while it is shown.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import Worker, get_current_worker

from hubtui.errors import UserError
from hubtui.ui.hub import Hub, hub_of
from hubtui.ui.i18n import N_, _, translated_bindings
from hubtui.ui.messages import DbDone, DbRefused, DbReply, WorkerFailed

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import ProjectView

T = TypeVar("T")
U = TypeVar("U")


def _is_text_field(widget: Widget | None) -> bool:
    """An Input or a TextArea (looked up only if some screen has imported it: importing it
    here would cost every start of the app)."""
    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


async def answered(outcome: object) -> None:
    """Run a callback's outcome if it is a coroutine (an `async def` callback). Other
    awaitables (a screen's `dismiss()`) run by themselves and must not be awaited here."""
    if inspect.iscoroutine(outcome):
        await outcome


class StoreUnavailable(Exception):
    """The database could not be opened; the app has already said why."""


def run_db(
    node: Widget,
    call: Callable[[Store], T],
    done: Callable[[T], object] | None = None,
    *,
    group: str = "db",
    exclusive: bool = False,
    failed: Callable[[UserError], object] | None = None,
) -> Worker[None]:
    """Run `call(store)` in a thread worker of `node`; `done(result)` runs on the UI thread."""
    return post_db(
        node,
        call,
        lambda result: DbDone(result, done),
        group=group,
        exclusive=exclusive,
        failed=failed,
    )


def post_db(
    node: Widget,
    call: Callable[[Store], T],
    reply: Callable[[T], Message],
    *,
    group: str = "db",
    exclusive: bool = False,
    failed: Callable[[UserError], object] | None = None,
) -> Worker[None]:
    """Run `call(store)` in a thread worker of `node`, which posts `reply(result)` to it."""
    app = node.app
    hub = hub_of(node)

    def job() -> None:
        worker = get_current_worker()
        try:
            result = call(hub.wait_for_store())
        except StoreUnavailable:
            return
        except UserError as error:
            if not worker.is_cancelled:
                node.post_message(DbRefused(error, failed))
            return
        except Exception as error:
            if not worker.is_cancelled:
                app.post_message(WorkerFailed(error))
            return
        if not worker.is_cancelled:
            node.post_message(reply(result))

    return node.run_worker(job, thread=True, group=group, exclusive=exclusive, exit_on_error=False)


class StoreAccess:
    """What screens and modals share: the app, the current project and `run_db`, and the
    handlers of the messages `run_db` posts (a widget's bubble up to its screen)."""

    async def on_db_done(self, message: DbDone) -> None:
        message.stop()
        if message.done is not None:
            await answered(message.done(message.result))

    async def on_db_refused(self, message: DbRefused) -> None:
        message.stop()
        await answered((message.failed or self.hub.show_user_error)(message.error))

    @property
    def hub(self) -> Hub:
        return hub_of(cast(Widget, self))

    @property
    def project(self) -> ProjectView | None:
        return self.hub.project

    def run_db(
        self,
        call: Callable[[Store], U],
        done: Callable[[U], object] | None = None,
        *,
        group: str = "db",
        exclusive: bool = False,
        failed: Callable[[UserError], object] | None = None,
    ) -> Worker[None]:
        node = cast(Widget, self)
        return run_db(node, call, done, group=group, exclusive=exclusive, failed=failed)

    def post_db(
        self,
        call: Callable[[Store], U],
        reply: type[DbReply[U]],
        *,
        group: str = "db",
        exclusive: bool = False,
        failed: Callable[[UserError], object] | None = None,
    ) -> Worker[None]:
        """Run `call(store)` in a thread worker; its result comes back as `reply(result)`."""
        node = cast(Widget, self)
        return post_db(node, call, reply, group=group, exclusive=exclusive, failed=failed)


class HubScreen(StoreAccess, Screen[None]):
    """A main screen of the app (listed in `hubtui.ui.registry`).

    TITLE and HELP hold English msgids; they are shown through `_()`.
    """

    HELP = N_("Use the number keys to switch screens and ctrl+p for all commands.")
    # A screen opens with its list focused, never a text field: the number keys keep
    # switching screens until the user goes into a field.
    AUTO_FOCUS = "DataTable"
    # In a text field every key is text; escape is the way out, then the screen keys work.
    # A screen with an escape of its own lists this one after it (a subclass's key replaces it).
    LEAVE_TEXT = Binding("escape", "leave_text", N_("Leave the text field"), id="screen.leave_text")
    BINDINGS = [LEAVE_TEXT]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bindings = translated_bindings(self._bindings)
        if self.TITLE:
            self.title = _(self.TITLE)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_text":
            # Shown only in a text field, and only if the screen has no escape of its own.
            own = [
                b for b in self._bindings.key_to_bindings.get("escape", ()) if b.action != action
            ]
            return not own and _is_text_field(self.focused)
        return True

    def action_leave_text(self) -> None:
        """Out of the text field, to the screen's list if it has one (arrows and keys work)."""
        from textual.widgets import DataTable

        tables = [t for t in self.query(DataTable).results(DataTable) if t.display]
        if tables:
            tables[0].focus()
        else:
            self.set_focus(None)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer shows "esc" only while a text field has focus

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    def on_mount(self) -> None:
        # Every main screen names the others under its header, like a row of tabs.
        from hubtui.ui.widgets.header import ScreenHeader
        from hubtui.ui.widgets.screen_bar import ScreenBar

        headers = self.query(ScreenHeader)
        if headers and not self.query(ScreenBar):
            self.mount(ScreenBar(), after=headers.first())
        self.watch(self.app, "project", self._current_changed, init=False)
        self.watch(self.app, "period", self._current_changed, init=False)

    def _current_changed(self) -> None:
        # A screen not on show reloads when it is shown again (on_screen_resume).
        if self.is_current:
            self.reload()

    @property
    def period(self) -> str | None:
        """The app's current period label (None: the period of today)."""
        return self.hub.period

    @period.setter
    def period(self, label: str | None) -> None:
        self.hub.period = label  # the screens on show reload through the watch above

    def on_screen_resume(self) -> None:
        # After the screen has painted, so loading its data never delays a frame.
        self.call_after_refresh(self.reload)

    def reload(self) -> None:
        """Load or refresh what the screen shows (when shown, on project or period change)."""


class HubModal(StoreAccess, ModalScreen[T]):
    """A form or dialog over the current screen; escape closes it without saving."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._bindings = translated_bindings(self._bindings)
