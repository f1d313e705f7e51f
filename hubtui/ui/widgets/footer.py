"""The footer of the main screens: as many keys as fit on one line, the screen's own first.

Textual's footer lets the keys run off the right edge ("^p palettea" at 100 columns). This one
leaves out keys that do not fit, the app-wide logging keys first (F1 and the palette list them
all), so what is shown is whole.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PALETTE_WIDTH = 13  # "▏^p palette" and its padding
# Left out first when short of room (F1 and the palette still list them): the logging keys,
# then help and quit, which every screen's help names too.
DROP_FIRST = ("log(", "app.log(", "settings", "app.settings")
DROP_NEXT = ("help", "app.help", "quit", "app.quit")


def key_width(key: FooterKey) -> int:
    return cell_len(key.key_display) + cell_len(key.description) + 2  # "key desc" + margin


class FittingFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [
            w for w in widgets if isinstance(w, FooterKey) and "-command-palette" not in w.classes
        ]
        room = (self.app.size.width or 80) - PALETTE_WIDTH
        dropped: set[int] = set()
        for prefixes in (DROP_FIRST, DROP_NEXT, ("",)):
            for key in reversed(keys):
                if sum(key_width(k) for k in keys if id(k) not in dropped) <= room:
                    break
                if key.action.startswith(prefixes) and id(key) not in dropped:
                    dropped.add(id(key))
        shown: list[Widget] = [w for w in widgets if id(w) not in dropped]
        self.styles.grid_size_columns = max(1, len(shown))
        yield from shown

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)
