"""A progress bar for a KPI with a marker where the value is expected to be by now."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

FILLED, EMPTY, MARKER = "█", "░", "┃"


class KpiBar(Widget):
    """Progress (0–1, cut at 1) with a marker at the expected share; colours come from CSS."""

    COMPONENT_CLASSES = {"kpi-bar--marker", "kpi-bar--empty"}
    DEFAULT_CSS = """
    KpiBar { height: 1; }
    """

    progress: reactive[float] = reactive(0.0)
    expected: reactive[float | None] = reactive(None)

    def __init__(
        self, progress: float = 0.0, expected: float | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.set_reactive(KpiBar.progress, progress)
        self.set_reactive(KpiBar.expected, expected)

    def cells(self, width: int) -> str:
        """The bar as characters: filled, empty and the marker."""
        if width <= 0:
            return ""
        filled = round(max(0.0, min(1.0, self.progress)) * width)
        chars = [FILLED] * filled + [EMPTY] * (width - filled)
        if self.expected is not None:
            at = min(width - 1, max(0, round(min(1.0, self.expected) * width) - 1))
            chars[at] = MARKER
        return "".join(chars)

    def render(self) -> Text:
        line = self.cells(self.size.width)
        text = Text(line)
        empty = self.get_component_rich_style("kpi-bar--empty")
        marker = self.get_component_rich_style("kpi-bar--marker")
        for index, char in enumerate(line):
            if char == EMPTY:
                text.stylize(empty, index, index + 1)
            elif char == MARKER:
                text.stylize(marker, index, index + 1)
        return text
