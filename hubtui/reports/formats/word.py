"""The report as a Word document (python-docx): real headings, real tables with a styled,
repeating header row, numbers right-aligned; A4 with margins that fit the widest table."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable

from hubtui.reports.document import Bullets, Heading, TableBlock, Text, blocks, title_text
from hubtui.reports.formats.docx_tables import TableLayout, append_table
from hubtui.reports.labels import label
from hubtui.reports.model import Report
from hubtui.reports.tables import Table, text_rows

TABLE_STYLE = "Light Grid Accent 1"
HEADER_FILL = "DCE6F2"
TEXT_WIDTH_CM = 17.0  # A4 less two 2 cm margins
WIDE_TABLE = 8  # tables with this many columns or more get a smaller font
CHAR_CM_PER_PT = 0.021  # width of a (bold) character per point of font size, with some spare
PAD_CM = 0.6  # cell margins and a little air
LONG_CELL = 40  # longer texts wrap anyway: do not widen a column past this
KEEP_TOGETHER_ROWS = 15  # smaller tables are kept on one page


def _page_setup(doc: DocxDocument) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)


def _words(text: str) -> list[str]:
    """The pieces a line may not break inside (it may break after a hyphen in a word,
    not inside a date)."""
    return re.sub(r"(?<=[^\W\d_])-", "- ", text).split() or [""]


def column_widths(
    headers: Sequence[str], rows: Sequence[Sequence[str]], font_size: float
) -> list[float]:
    """Column widths in cm: each column as wide as its content (up to LONG_CELL characters)
    and never narrower than its longest word, shrunk together to fit the page."""
    char = CHAR_CM_PER_PT * font_size
    columns = list(zip(headers, *rows, strict=True))
    longest_word = [max(len(w) for text in col for w in _words(text)) for col in columns]
    natural = [min(max(len(text) for text in col), LONG_CELL) for col in columns]
    low = [n * char + PAD_CM for n in longest_word]
    high = [max(n * char + PAD_CM, lo) for n, lo in zip(natural, low, strict=True)]
    if sum(high) <= TEXT_WIDTH_CM:
        return high
    if sum(low) >= TEXT_WIDTH_CM:  # even single words do not fit: shrink all alike
        return [w * TEXT_WIDTH_CM / sum(low) for w in low]
    share = (TEXT_WIDTH_CM - sum(low)) / (sum(high) - sum(low))
    return [lo + (hi - lo) * share for lo, hi in zip(low, high, strict=True)]


def _table(doc: DocxDocument, table: Table, report: Report) -> DocxTable:
    rows = text_rows(table, report.lang)
    size = 8.0 if len(table.headers) >= WIDE_TABLE else 9.0
    layout = TableLayout(
        widths_cm=column_widths(table.headers, rows, size),
        numeric=table.numeric,
        font_size=size,
        style=TABLE_STYLE,
        header_fill=HEADER_FILL,
        keep_together=len(rows) <= KEEP_TOGETHER_ROWS,
    )
    return append_table(doc, table.headers, rows, layout)


def _text(doc: DocxDocument, block: Text) -> None:
    if not block.note:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(block.text)
        run.italic = block.small
        if block.small:  # an explanation: it stays on the page of what it explains
            run.font.size = Pt(9)
            paragraph.paragraph_format.keep_with_next = True
        return
    # A leader's note: paragraphs split on blank lines, "- " lines as bullets.
    for chunk in block.text.split("\n\n"):
        lines = [line.rstrip() for line in chunk.strip().splitlines() if line.strip()]
        if lines and all(line.lstrip().startswith(("- ", "* ")) for line in lines):
            for line in lines:
                doc.add_paragraph(line.lstrip()[2:], style="List Bullet")
        elif lines:
            doc.add_paragraph(" ".join(line.strip() for line in lines))


def _footer(doc: DocxDocument, report: Report) -> None:
    """The report's title and the page number at the foot of every page."""
    for section in doc.sections:
        paragraph = section.footer.paragraphs[0]
        run = paragraph.add_run(f"{title_text(report)} · {label('page', report.lang)} ")
        run.font.size = Pt(8)
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        number = OxmlElement("w:r")
        properties, size = OxmlElement("w:rPr"), OxmlElement("w:sz")
        size.set(qn("w:val"), "16")  # half-points: 8 pt like the text before it
        properties.append(size)
        number.append(properties)
        text = OxmlElement("w:t")
        text.text = "1"
        number.append(text)
        field.append(number)
        paragraph._p.append(field)


def render_word(report: Report) -> DocxDocument:
    doc = Document()
    _page_setup(doc)
    _footer(doc, report)
    doc.core_properties.title = title_text(report)
    doc.core_properties.language = "sv-SE" if report.lang == "sv" else "en-GB"
    doc.core_properties.author = report.overview.owner or "hubtui"
    for block in blocks(report):
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, TableBlock):
            _table(doc, block.table, report)
            doc.add_paragraph()
        elif isinstance(block, Bullets):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Text):
            _text(doc, block)
    return doc


def word_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    render_word(report).save(buffer)
    return buffer.getvalue()
