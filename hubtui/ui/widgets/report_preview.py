"""The report's Markdown preview, its table cells never cut.

Textual's Markdown squeezes a wide table into the screen and cuts its cells ("2026-10…"). Here
a table's columns share the width so that no date, number or heading is broken: the widest
column gives way first, none narrower than its longest word (only the running text of the
widest column may break a long word); a table that cannot fit even so scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from textual.app import ComposeResult
from textual.containers import HorizontalScroll
from textual.widgets import Markdown, Static
from textual.widgets._markdown import MarkdownTable  # no public name in Textual 8
from textual.widgets.markdown import MarkdownBlock

CHROME = 3  # a column's padding (one each side) and its border
TEXT_LEAST = 12  # the narrowest the widest column (running text) is made


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], room: int) -> list[int]:
    """Each column's width within `room` cells: as wide as its longest cell if that fits,
    else the widest columns give way in turn, none below its longest word (but the widest,
    the running text, down to TEXT_LEAST): a date, a number or a heading is never broken."""
    columns = [[h, *(r[i] for r in rows if i < len(r))] for i, h in enumerate(headers)]
    widths = [max(cell_len(text) for text in cells) for cells in columns]
    least = [max(_longest_word(text) for text in cells) for cells in columns]
    if len(widths) > 1:  # the column of running text (a title) may break a long word
        text = max(range(len(widths)), key=lambda i: widths[i])
        least[text] = min(least[text], TEXT_LEAST)
    budget = room - CHROME * len(widths) - 1
    while sum(widths) > budget:
        slack = [i for i, w in enumerate(widths) if w > least[i]]
        if not slack:
            break
        widths[max(slack, key=lambda i: widths[i])] -= 1
    return widths


def narrowest(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> int:
    """The fewest cells the table takes without breaking a word."""
    return sum(column_widths(headers, rows, 0)) + CHROME * len(headers) + 1


class FittedTable:
    """A table drawn to the width it is given (Rich renders it when the width is known)."""

    def __init__(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.headers = headers
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table(box=box.SQUARE, show_lines=True, header_style="bold")
        widths = column_widths(self.headers, self.rows, options.max_width)
        for header, width in zip(self.headers, widths, strict=True):
            table.add_column(header, width=width, overflow="fold")
        for row in self.rows:
            table.add_row(*row)
        yield table


class _Sideways(HorizontalScroll, can_focus=False):
    """Scrolls a wide table sideways without taking the focus (page keys scroll the page)."""


class PreviewTable(MarkdownTable):
    DEFAULT_CSS = """
    PreviewTable { height: auto; }
    PreviewTable _Sideways { height: auto; }
    PreviewTable Static { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        header_cells, row_cells = self._get_headers_and_rows()
        headers = [h.plain for h in header_cells]
        rows = [[c.plain for c in row] for row in row_cells]
        cells = Static(FittedTable(headers, rows))
        cells.styles.min_width = narrowest(headers, rows)
        with _Sideways():
            yield cells


class ReportPreview(Markdown):
    BLOCKS: dict[str, type[MarkdownBlock]] = {**Markdown.BLOCKS, "table_open": PreviewTable}
