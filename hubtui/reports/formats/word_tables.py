"""Tables in the Word report: widths that keep every word whole; the table itself (a styled
header row repeated on every page, rows never split, numbers right-aligned) is written in
one go by `hubtui.reports.formats.docx_tables`.

Widths are worked out from the text itself with the character widths of DejaVu Sans, the
widest of the fonts a reader's program falls back to when Calibri is missing (LibreOffice
on Linux does): what fits in it fits in Calibri too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import itemgetter

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as DocxTable

from hubtui.reports.formats.docx_tables import TableLayout, append_table
from hubtui.reports.labels import ReportLang
from hubtui.reports.tables import Table, text_rows

TABLE_STYLE = "Light Grid Accent 1"
HEADER_FILL = "DCE6F2"
TEXT_WIDTH_CM = 17.0  # A4 portrait less two 2 cm margins
WIDE_TABLE = 8  # tables with this many columns or more get a smaller font
CELL_MARGIN_CM = 0.1  # left and right inside each cell (Word's default is 0.19)
PAD_CM = 2 * CELL_MARGIN_CM + 0.1  # the cell's margins and a little air
LONG_CELL_EM = 40.0  # longer texts wrap anyway: do not widen a column past this
KEEP_TOGETHER_ROWS = 15  # smaller tables are kept on one page
CM_PER_PT = 2.54 / 72

# Advance widths in em of DejaVu Sans (regular, bold), by kind of character.
_NARROW = set("iljtfrI.,:;'|!()[]- /")
_WIDE = set("mwMW@%")


class _Advances(dict[str, float]):
    """Character → advance width in em, each character classified when first met."""

    def __init__(self, narrow: float, wide: float, upper: float, digit: float, other: float):
        super().__init__()
        self.widths = narrow, wide, upper, digit, other

    def __missing__(self, ch: str) -> float:
        narrow, wide, upper, digit, other = self.widths
        if ch in _NARROW:
            width = narrow
        elif ch in _WIDE:
            width = wide
        elif ch.isupper():
            width = upper
        elif ch.isdigit():
            width = digit
        else:
            width = other
        self[ch] = width
        return width


_REGULAR = _Advances(0.36, 0.98, 0.74, 0.64, 0.62)
_BOLD = _Advances(0.42, 1.07, 0.80, 0.70, 0.70)


def text_em(text: str, *, bold: bool = False) -> float:
    """The width of a text in em, as DejaVu Sans sets it (a little generous)."""
    return sum(map((_BOLD if bold else _REGULAR).__getitem__, text), 0.0)


_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-")
_BREAK = re.compile(r"[\s-]")


def _words(text: str) -> list[str]:
    """The pieces a line may not break inside (it may break after a hyphen in a word,
    not inside a date)."""
    return _WORD_HYPHEN.sub("- ", text).split() or [""]


def _longest_word(text: str, width: float) -> float:
    """The width of the text's widest unbreakable piece (`width`: the whole text's)."""
    if _BREAK.search(text) is None:
        return width
    return max(text_em(w) for w in _words(text))


def column_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    font_size: float,
    width_cm: float = TEXT_WIDTH_CM,
) -> list[float]:
    """Column widths in cm: each column as wide as its content (up to LONG_CELL_EM) and never
    narrower than its longest word (headers in bold), shrunk together to fit the width."""
    em = font_size * CM_PER_PT
    low, high = [], []
    for c, head in enumerate(headers):
        widths = {text: text_em(text) for text in {row[c] for row in rows}}  # each text once
        word = max(text_em(w, bold=True) for w in _words(head))
        # widest texts first: no word is wider than its text, so the rest cannot win
        for text, width in sorted(widths.items(), key=itemgetter(1), reverse=True):
            if width <= word:
                break
            word = max(word, _longest_word(text, width))
        natural = max([text_em(head, bold=True), *widths.values()])
        low.append(word * em + PAD_CM)
        high.append(max(min(natural, LONG_CELL_EM) * em + PAD_CM, low[-1]))
    if sum(high) <= width_cm:
        return high
    if sum(low) >= width_cm:  # even single words do not fit: shrink all alike
        return [w * width_cm / sum(low) for w in low]
    share = (width_cm - sum(low)) / (sum(high) - sum(low))
    return [lo + (hi - lo) * share for lo, hi in zip(low, high, strict=True)]


def font_size(table: Table) -> float:
    columns = len(table.headers)
    return 7.5 if columns >= 2 * WIDE_TABLE - 4 else 8.0 if columns >= WIDE_TABLE else 9.0


def _cell_margins(table: DocxTable) -> None:
    """Narrow left and right cell margins, so more of the page is text."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(CELL_MARGIN_CM / 2.54 * 1440)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    props = table._tbl.tblPr
    look = props.find(qn("w:tblLook"))  # the schema puts tblCellMar just before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        props.append(margins)


def add_table(
    doc: DocxDocument,
    table: Table,
    lang: ReportLang,
    width_cm: float = TEXT_WIDTH_CM,
    *,
    deferred: bool = False,
) -> DocxTable:
    """The table at the end of the document (built in one go by `docx_tables`; `deferred`:
    its body rows written when `docx_tables.saved_bytes` saves the document)."""
    rows = text_rows(table, lang)
    size = font_size(table)
    layout = TableLayout(
        widths_cm=column_widths(table.headers, rows, size, width_cm),
        numeric=table.numeric,
        font_size=size,
        style=TABLE_STYLE,
        header_fill=HEADER_FILL,
        keep_together=len(rows) <= KEEP_TOGETHER_ROWS,
    )
    out = append_table(doc, table.headers, rows, layout, deferred=deferred)
    _cell_margins(out)
    return out
