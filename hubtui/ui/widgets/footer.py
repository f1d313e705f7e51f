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
        self._fitted_to: int | None = None  # the width the keys were chosen for

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        keys = [
            w for w in widgets if isinstance(w, FooterKey) and "-command-palette" not in w.classes
        ]
        width = self.app.size.width or 80
        room = width - PALETTE_WIDTH
        dropped: set[int] = set()
        for prefixes in (DROP_FIRST, DROP_NEXT, ("",)):
            for key in reversed(keys):
                if sum(key_width(k) for k in keys if id(k) not in dropped) <= room:
                    break
                if key.action.startswith(prefixes) and id(key) not in dropped:
                    dropped.add(id(key))
        shown: list[Widget] = [w for w in widgets if id(w) not in dropped]
        if self.compact:
            # Each key is bound to the footer's `compact` and would add this class once mounted,
            # restyling itself then; with the class from the start it is styled once.
            for key in (w for w in shown if isinstance(w, FooterKey)):
                key.set_class(True, "-compact", update=False)
        if self._bindings_ready:
            self._fitted_to = width
        self.styles.grid_size_columns = max(1, len(shown))
        yield from shown

    def on_resize(self) -> None:
        # Until the bindings are ready there are no keys to fit (Footer composes them then);
        # after, only another width can leave out other keys.
        if self._bindings_ready and self._fitted_to != (self.app.size.width or 80):
            self.call_after_refresh(self.recompose)
