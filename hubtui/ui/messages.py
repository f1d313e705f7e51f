"""The typed messages that database workers post back to the UI thread.

As in harlequin, a worker never touches a widget: it finishes by posting one of these, and a
handler on the UI thread acts on it. The app's own workers post `StoreOpened`, `StoreFailed`
and `ProjectsRead`; `post_db` (hubtui.ui.screens.base) posts the screen's own `DbReply`
subclass (`BackupsScreen.Listed`, …) with the result, handled by `on_…` like any message;
`run_db` posts `DbDone` (with a callback) or `DbRefused` to the widget that asked, and every
unexpected error of any worker reaches the app as one `WorkerFailed`, shown in one dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.message import Message

if TYPE_CHECKING:
    from hubtui.domain.errors import UserError
    from hubtui.store import Store
    from hubtui.store.views import ProjectView


class StoreOpened(Message):
    """The database is open and its projects are read."""

    def __init__(self, store: Store, projects: list[ProjectView]) -> None:
        super().__init__()
        self.store = store
        self.projects = projects


class StoreFailed(Message):
    """The database cannot be opened; `error` says why (None: something unexpected, which the
    app shows as a failed worker)."""

    def __init__(self, error: UserError | None) -> None:
        super().__init__()
        self.error = error


class ProjectsRead(Message):
    """The projects were read again; `current` is the code or id to make current, if any."""

    def __init__(self, projects: list[ProjectView], current: str | None) -> None:
        super().__init__()
        self.projects = projects
        self.current = current


T = TypeVar("T")


class DbReply(Message, Generic[T]):
    """What a database worker read or did, for the widget that asked (`post_db`): a screen
    subclasses it for each kind of result and handles it as `on_<screen>_<name>`."""

    def __init__(self, result: T) -> None:
        super().__init__()
        self.result = result


class DbDone(Message):
    """A `run_db` call finished; `done(result)` runs on the UI thread."""

    def __init__(self, result: Any, done: Callable[[Any], object] | None) -> None:
        super().__init__()
        self.result = result
        self.done = done


class DbRefused(Message):
    """A `run_db` call raised a user error; `failed(error)` shows it (a form: at the field)."""

    def __init__(self, error: UserError, failed: Callable[[UserError], object] | None) -> None:
        super().__init__()
        self.error = error
        self.failed = failed


class WorkerFailed(Message):
    """A worker raised something unexpected; the app logs it and shows one dialog."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error
