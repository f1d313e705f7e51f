"""The report as a Word document (python-docx): real headings, real tables with a styled,
repeating header row, numbers right-aligned; A4 with margins that fit the widest table."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable

from hubtui.reports.document import Bullets, Heading, TableBlock, Text, blocks, title_text
from hubtui.reports.model import Report
from hubtui.reports.tables import Table, text_rows

TABLE_STYLE = "Light Grid Accent 1"
HEADER_FILL = "DCE6F2"
TABLE_FONT = Pt(9)


def _page_setup(doc: DocxDocument) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)


def _repeat_header(row_element: object) -> None:
    """Mark a table row as a header row (repeated on every page)."""
    tr_pr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _shade(cell: object, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _fill_cell(cell: object, text: str, *, bold: bool, right: bool) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = TABLE_FONT
    run.font.color.rgb = RGBColor(0, 0, 0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _table(doc: DocxDocument, table: Table, report: Report) -> DocxTable:
    rows = text_rows(table, report.lang)
    out = doc.add_table(rows=1 + len(rows), cols=len(table.headers))
    out.style = doc.styles[TABLE_STYLE]
    out.alignment = WD_TABLE_ALIGNMENT.LEFT
    header = out.rows[0]
    _repeat_header(header._tr)
    for c, text in enumerate(table.headers):
        _fill_cell(header.cells[c], text, bold=True, right=table.numeric[c])
        _shade(header.cells[c], HEADER_FILL)
    for r, row in enumerate(rows, start=1):
        cells = out.rows[r].cells
        for c, text in enumerate(row):
            _fill_cell(cells[c], text, bold=False, right=table.numeric[c])
    return out


def _text(doc: DocxDocument, block: Text) -> None:
    if not block.note:
        paragraph = doc.add_paragraph()
        run = paragraph.add_run(block.text)
        run.italic = block.small
        if block.small:
            run.font.size = Pt(9)
        return
    # A leader's note: paragraphs split on blank lines, "- " lines as bullets.
    for chunk in block.text.split("\n\n"):
        lines = [line.rstrip() for line in chunk.strip().splitlines() if line.strip()]
        if lines and all(line.lstrip().startswith(("- ", "* ")) for line in lines):
            for line in lines:
                doc.add_paragraph(line.lstrip()[2:], style="List Bullet")
        elif lines:
            doc.add_paragraph(" ".join(line.strip() for line in lines))


def render_word(report: Report) -> DocxDocument:
    doc = Document()
    _page_setup(doc)
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
