"""The app's one handler of what workers report (the messages of hubtui.ui.messages).

A user's mistake (`DbRefused` without a handler of its own) is a notification; anything
unexpected (`WorkerFailed`, also made here from the app's own failed workers) is logged with
its traceback (hubtui.ui.errors) and shown as one line in one dialog.
"""

from __future__ import annotations

from textual.app import App
from textual.worker import Worker, WorkerState

from hubtui.domain.errors import UserError
from hubtui.ui.errors import log_unexpected, one_line
from hubtui.ui.i18n import _, error_text
from hubtui.ui.messages import DbDone, DbRefused, WorkerFailed
from hubtui.ui.screens.base import answered


class ShowsErrors(App[None]):
    """What the app does with the messages workers post (see hubtui.ui.messages)."""

    def on_worker_failed(self, message: WorkerFailed) -> None:
        self.show_unexpected_error(message.error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The app's own workers (store, projects): one handler for all their errors.
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.post_message(WorkerFailed(event.worker.error))

    async def on_db_done(self, message: DbDone) -> None:
        if message.done is not None:  # posted by a widget that is not on a screen
            await answered(message.done(message.result))

    async def on_db_refused(self, message: DbRefused) -> None:
        await answered((message.failed or self.show_user_error)(message.error))

    def show_user_error(self, error: UserError) -> None:
        self.notify(error_text(error), title=_("Not saved"), severity="error", timeout=10)

    def show_unexpected_error(self, error: BaseException) -> None:
        from hubtui.ui.widgets.dialogs import MessageDialog

        try:
            where = str(log_unexpected(error))
        except OSError:
            where = _("(the log file could not be written)")
        message = _("{error}\n\nThe details are in {path}.").format(
            error=one_line(error), path=where
        )
        self.push_screen(MessageDialog(_("Something went wrong"), message))
