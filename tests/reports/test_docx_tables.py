"""The fast Word table writer makes the table python-docx makes cell by cell."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from hubtui.reports.formats.docx_tables import TableLayout, append_table

HEADERS = ("Organisation", "Datum", "Aktiviteter", "Timmar")
ROWS = [
    ("Västerås Svets & Co <AB>", "2026-03-01", "12", "3,5"),
    ("Rad\nmed radbrytning\toch tabb", "2026-03-02", "1 200", "–"),
    ("\"Citat\" & 'apostrof'", "", "<3", "x"),
]
LAYOUT = TableLayout(
    widths_cm=(6.0, 3.0, 3.0, 2.5),
    numeric=(False, False, True, True),
    font_size=9.0,
    keep_together=True,
)


def _python_docx_table(doc: DocxDocument, layout: TableLayout) -> None:
    """The reference: the same table through python-docx's objects, as hubtui wrote it."""
    out = doc.add_table(rows=1 + len(ROWS), cols=len(HEADERS))
    out.style = doc.styles[layout.style]
    out.alignment = WD_TABLE_ALIGNMENT.LEFT
    out.autofit = False
    widths = [Cm(w) for w in layout.widths_cm]
    for column, width in zip(out.columns, widths, strict=True):
        column.width = width
    for r, (row, texts) in enumerate(zip(out.rows, [HEADERS, *ROWS], strict=True)):
        tr_pr = row._tr.get_or_add_trPr()
        for tag in ("w:tblHeader", "w:cantSplit") if r == 0 else ("w:cantSplit",):
            element = OxmlElement(tag)
            element.set(qn("w:val"), "true")
            tr_pr.append(element)
        for c, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.bold = r == 0
            run.font.size = Pt(layout.font_size)
            run.font.color.rgb = RGBColor(0, 0, 0)
            if layout.numeric[c]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if r == 0 and layout.header_fill:
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:color"), "auto")
                shading.set(qn("w:fill"), layout.header_fill)
                cell._tc.get_or_add_tcPr().append(shading)
            if layout.keep_together and r < len(ROWS):
                paragraph.paragraph_format.keep_with_next = True


def _canonical(doc: DocxDocument) -> bytes:
    (tbl,) = doc.element.body.findall(qn("w:tbl"))
    for element in tbl.iter():  # attribute order does not matter to Word
        attributes = sorted(element.attrib.items())
        element.attrib.clear()
        element.attrib.update(attributes)
    return etree.tostring(tbl, method="c14n")


@pytest.mark.parametrize("keep_together", [True, False])
def test_same_xml_as_python_docx_cell_by_cell(keep_together: bool) -> None:
    layout = TableLayout(**{**LAYOUT.__dict__, "keep_together": keep_together})
    fast, slow = Document(), Document()
    append_table(fast, HEADERS, ROWS, layout)
    _python_docx_table(slow, layout)
    assert _canonical(fast) == _canonical(slow)


def test_the_saved_file_reads_back_in_python_docx() -> None:
    doc = Document()
    doc.add_paragraph("före")
    table = append_table(doc, HEADERS, ROWS, LAYOUT)
    doc.add_paragraph("efter")
    buffer = io.BytesIO()
    doc.save(buffer)
    again = Document(io.BytesIO(buffer.getvalue()))
    (read,) = again.tables
    assert [c.text for c in read.rows[0].cells] == list(HEADERS)
    assert read.rows[2].cells[0].text == "Rad\nmed radbrytning\toch tabb"
    assert read.rows[3].cells[0].text == ROWS[2][0]
    assert read.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert read.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert [p.text for p in again.paragraphs] == ["före", "efter"]  # the table sits between
    assert table.style is not None and table.style.name == "Light Grid Accent 1"
    assert abs(read.columns[0].width.cm - 6.0) < 0.01


def test_control_characters_are_dropped_and_a_wrong_row_is_refused() -> None:
    doc = Document()
    table = append_table(doc, ("a",), [("x\x00y\x1bz",)], TableLayout((2.0,), (False,)))
    assert table.rows[1].cells[0].text == "xyz"
    with pytest.raises(ValueError, match="row 1 has 2 cells"):
        append_table(doc, ("a",), [("x", "y")], TableLayout((2.0,), (False,)))
