"""What screens and widgets see of the app: a small `Protocol`, so nothing imports `app.py`.

`hubtui.ui.app.HubtuiApp` implements it (mypy checks that in app.py). Textual's own `App`
methods (`push_screen`, `call_from_thread`, …) are reached through `widget.app` as usual.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from hubtui.config import Config
    from hubtui.errors import UserError
    from hubtui.store import Store
    from hubtui.store.views import ProjectView
    from hubtui.ui.registry import ScreenEntry


class Hub(Protocol):
    """The app as screens use it: settings, the projects, the current one, and the store."""

    config: Config
    advisor: str  # recorded on what is logged (the settings' name unless given otherwise)
    today: dt.date | None
    project: ProjectView | None  # reactive on the app: screens watch it
    period: str | None  # reactive: the period label the KPI screens show (None: today's)
    projects: list[ProjectView]
    projects_read: bool
    screen_entries: list[ScreenEntry]

    @property
    def store_failed(self) -> bool: ...

    def wait_for_store(self) -> Store: ...

    def set_project(self, project: ProjectView | None) -> None: ...

    def reload_projects(self, current: str | None = None) -> object: ...

    def show_user_error(self, error: UserError) -> None: ...

    def show_unexpected_error(self, error: BaseException) -> None: ...


def hub_of(node: DOMNode) -> Hub:
    """The running app of `node`, as the `Hub` screens may use."""
    return cast("Hub", node.app)
