"""One line under the header naming the main screens and their keys; the current one stands out."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.widgets import Static

from hubtui.ui.i18n import _

if TYPE_CHECKING:
    from hubtui.ui.app import HubtuiApp


class ScreenBar(Static):
    DEFAULT_CSS = """
    ScreenBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.update(self.line())

    def line(self) -> Text:
        app = cast("HubtuiApp", self.app)
        current = app.current_mode
        text = Text()
        for entry in app.screen_entries:
            style = "bold reverse" if entry.id == current else ""
            text.append(f" {entry.key} {_(entry.label_msgid)} ", style=style)
            text.append(" ")
        return text
