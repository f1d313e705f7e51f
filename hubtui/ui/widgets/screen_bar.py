"""One line under the header naming the main screens and their keys; the current one stands out.

At 100 columns every name fits in both languages (a few have a shorter form for the bar);
narrower, the longest names are shortened first.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from hubtui.ui.hub import hub_of
from hubtui.ui.i18n import N_, _

# The bar's shorter names where the screen's own title is long: msgid, and the English name.
BAR_NAMES = {
    "sync": (N_("Sync (bar)"), "Sync"),
    "import": (N_("Import (bar)"), "Import"),
    "backups": (N_("Backups (bar)"), "Backups"),
}


def bar_name(screen_id: str, label_msgid: str) -> str:
    if screen_id not in BAR_NAMES:
        return _(label_msgid)
    msgid, english = BAR_NAMES[screen_id]
    text = _(msgid)
    return english if text == msgid else text


class ScreenBar(Static):
    DEFAULT_CSS = """
    ScreenBar { height: 1; background: $panel; color: $text; padding: 0 0; }
    """

    def on_mount(self) -> None:
        self._show(self.line(self.app.size.width))

    def on_resize(self) -> None:
        self._show(self.line(self.size.width or self.app.size.width))

    def _show(self, line: Text) -> None:
        if line != self.content:  # the same line again would only lay the screen out again
            self.update(line)

    def line(self, width: int) -> Text:
        """Each screen's key and name, the longest names shortened as far as the width asks."""
        entries = [
            (e.id, e.key, bar_name(e.id, e.label_msgid)) for e in hub_of(self).screen_entries
        ]
        longest = max((len(name) for _i, _k, name in entries), default=0)

        def needed(limit: int) -> int:  # " k name" each, and a space after the current one
            return sum(len(k) + min(len(n), limit) + 2 for _i, k, n in entries) + 1

        while longest > 3 and needed(longest) > width:
            longest -= 1
        text = Text(no_wrap=True, overflow="ellipsis")
        for screen_id, key, name in entries:
            short = name if len(name) <= longest else name[: longest - 1] + "…"
            if screen_id == self.app.current_mode:
                text.append(f" {key} {short} ", style="bold reverse")
            else:
                text.append(f" {key}", style="bold")
                text.append(f" {short}")
        return text
