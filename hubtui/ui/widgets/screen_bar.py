"""One line under the header naming the main screens and their keys; the current one stands out."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from hubtui.ui.hub import hub_of
from hubtui.ui.i18n import _


class ScreenBar(Static):
    DEFAULT_CSS = """
    ScreenBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.update(self.line(self.app.size.width))

    def on_resize(self) -> None:
        self.update(self.line(self.size.width or self.app.size.width))

    def line(self, width: int) -> Text:
        """Each screen's key and name, names shortened as far as the width asks."""
        entries = [(e.id, e.key, _(e.label_msgid)) for e in hub_of(self).screen_entries]
        longest = max((len(name) for _i, _k, name in entries), default=0)

        def needed(limit: int) -> int:  # " k name " for each; the padding takes 2
            return sum(len(k) + min(len(n), limit) + 3 for _i, k, n in entries) + 2

        while longest > 3 and needed(longest) > width:
            longest -= 1
        text = Text(no_wrap=True, overflow="ellipsis")
        for screen_id, key, name in entries:
            short = name if len(name) <= longest else name[: longest - 1] + "…"
            style = "bold reverse" if screen_id == self.app.current_mode else ""
            text.append(f" {key} {short} ", style=style)
        return text
