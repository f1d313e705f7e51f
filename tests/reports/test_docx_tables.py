"""The fast Word table writer makes the table python-docx makes cell by cell."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from hubtui.reports.formats.docx_tables import (
    TableLayout,
    append_table,
    cell_style,
    saved_bytes,
)

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
    """The reference: the same table through python-docx's objects. The header row is
    formatted cell by cell; a body cell has the paragraph style of its kind (text or
    number, at the table's font size) and, in the first column, "not bold"."""
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
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            if r == 0:
                cell.width = widths[c]
                run.bold = True
                run.font.size = Pt(layout.font_size)
                run.font.color.rgb = RGBColor(0, 0, 0)
                if layout.numeric[c]:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                cell._tc.remove(cell._tc.tcPr)
                name = "Number" if layout.numeric[c] else "Text"
                paragraph.style = doc.styles[f"Table {name} {layout.font_size:g} pt"]
                if c == 0:
                    run.bold = False
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
    for numeric in (False, True):
        cell_style(slow, layout.font_size, numeric)
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
    number = read.rows[1].cells[2].paragraphs[0].style
    assert number.name == "Table Number 9 pt"
    assert number.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
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


def test_a_large_table_keeps_its_formatting_in_the_saved_file() -> None:
    """The bulk path: every cell's text, and the styles that format the cells, as a reader
    of the saved file finds them; awkward cells among ordinary ones."""
    rows = [(f"Företag {n} & <Co>", f"2026-01-{n % 28 + 1:02d}", str(n), "–") for n in range(3000)]
    rows[10] = ("rad\nbrytning", "", "1", "")  # a break and empty cells: written with care
    rows[11] = (" luft i kanten ", "\x01", "x\x00y", "\u202f3")
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10.5)  # as the report's, which the cells must not take
    append_table(
        doc, HEADERS, rows, TableLayout((6.0, 3.0, 3.0, 2.5), (False, False, True, True), 8.0)
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    (read,) = Document(io.BytesIO(buffer.getvalue())).tables
    texts = [[c.text for c in row.cells] for row in read.rows]
    assert texts[0] == list(HEADERS)
    expected = [list(r) for r in rows]
    expected[11] = [" luft i kanten ", "", "xy", "\u202f3"]
    assert texts[1:] == expected
    assert read.style is not None and read.style.name == "Light Grid Accent 1"
    assert [round(c.width.cm, 2) for c in read.columns] == [6.0, 3.0, 3.0, 2.5]
    header = read.rows[0]
    assert header._tr.trPr.xpath("./w:tblHeader") and header._tr.trPr.xpath("./w:cantSplit")
    for cell in header.cells:
        (run,) = cell.paragraphs[0].runs
        assert run.bold and run.font.size == Pt(8) and run.font.color.rgb == RGBColor(0, 0, 0)
    assert header.cells[0]._tc.xpath("./w:tcPr/w:shd/@w:fill") == ["DCE6F2"]
    for r in (1, 11, 12, 3000):
        row = read.rows[r]
        assert row._tr.trPr.xpath("./w:cantSplit")
        styles = [cell.paragraphs[0].style for cell in row.cells]
        assert [s.name for s in styles] == ["Table Text 8 pt"] * 2 + ["Table Number 8 pt"] * 2
        assert row.cells[0].paragraphs[0].runs[0].bold is False  # not the style's first column
        assert all(cell.paragraphs[0].runs[0].bold is None for cell in row.cells[1:])
    text, number = (
        read.rows[1].cells[0].paragraphs[0].style,
        read.rows[1].cells[3].paragraphs[0].style,
    )
    assert text.font.size == Pt(8) and text.font.color.rgb == RGBColor(0, 0, 0)
    assert text.paragraph_format.space_after == 0 and text.paragraph_format.line_spacing == 1.0
    assert text.base_style.name == "Normal" and text.paragraph_format.alignment is None
    assert (
        number.base_style == text and number.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    )
    assert read.rows[12].cells[0]._tc.xpath(".//w:t/@xml:space") == ["preserve"]


def _document_part(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as saved:
        return saved.read("word/document.xml")


@pytest.mark.parametrize("keep_together", [True, False])
def test_deferred_rows_make_the_same_file_as_parsed_ones(keep_together: bool) -> None:
    """Body rows written straight into the saved file (never parsed) are byte for byte what
    lxml writes of the parsed table: awkward cells, empty ones, several tables."""
    layout = TableLayout(**{**LAYOUT.__dict__, "keep_together": keep_together})
    rows = [*ROWS, ("", "", "", ""), (" luft ", "\x01", "x\x00y", "\u202f3"), ("a", "b", "c", "d")]
    saved = []
    for deferred in (False, True):
        doc = Document()
        for n in range(3):
            doc.add_paragraph(f"tabell {n}")
            append_table(doc, HEADERS, rows[n:], layout, deferred=deferred)
        append_table(doc, HEADERS, [], layout, deferred=deferred)  # no body at all
        saved.append(_document_part(saved_bytes(doc)))
    assert b"hubtui-rows" not in saved[1]
    assert saved[0] == saved[1]
