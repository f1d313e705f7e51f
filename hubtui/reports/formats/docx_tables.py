"""Large Word tables written fast: the table's WordprocessingML built as text and parsed
once by lxml, instead of python-docx adding each cell, paragraph and run as objects (43×
slower: 20 s for a 94,000-cell table).

The result is the same table python-docx would make cell by cell (style, grid and cell
widths, a shaded bold header row repeated on every page, rows never split across pages,
numbers right-aligned, fonts sized, text black), appended to a python-docx document.

    from hubtui.reports.formats.docx_tables import TableLayout, append_table
    append_table(doc, headers, rows, TableLayout(widths_cm=..., numeric=..., font_size=9.0))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml.ns import nsdecls, qn
from docx.table import Table as DocxTable
from lxml import etree

from hubtui.domain.text import CONTROL_CODES

_TWIPS_PER_CM = 1440 / 2.54
# Characters XML 1.0 cannot hold at all (Word would refuse the file): dropped.
# not allowed in XML, or (the other control characters) able to hide what a cell says
_NOT_XML = {c: None for c in (*CONTROL_CODES, 0xFFFE, 0xFFFF) if c not in (0x09, 0x0A, 0x0D)}
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in (*_NOT_XML, 9, 10, 13)) + "]")
# A plain lxml parser: python-docx's own (with its element classes) parses 2× slower; the
# table takes python-docx's classes once it is in the document.
_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False)


@dataclass(frozen=True)
class TableLayout:
    widths_cm: Sequence[float]  # one per column
    numeric: Sequence[bool]  # right-aligned columns
    font_size: float = 9.0  # points
    style: str = "Light Grid Accent 1"  # a table style of the document, by name
    header_fill: str | None = "DCE6F2"  # the header row's shading (hex RGB), or none
    keep_together: bool = False  # keep every row with the next (a small table on one page)


def append_table(
    doc: DocxDocument, headers: Sequence[str], rows: Sequence[Sequence[str]], layout: TableLayout
) -> DocxTable:
    """Append a table (header row + rows of cell texts) to the end of the document's body."""
    columns = len(headers)
    if len(layout.widths_cm) != columns or len(layout.numeric) != columns:
        raise ValueError("a width and an alignment for every column are needed")
    style_id = doc.styles[layout.style].style_id
    widths = [round(w * _TWIPS_PER_CM) for w in layout.widths_cm]
    size = round(layout.font_size * 2)  # half-points
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="{escape(style_id)}"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:jc w:val="left"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
        'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    cells = [_cell_start(w, numeric) for w, numeric in zip(widths, layout.numeric, strict=True)]
    keep = "<w:keepNext/>" if layout.keep_together else ""
    body_run = f'<w:rPr><w:b w:val="0"/><w:color w:val="000000"/><w:sz w:val="{size}"/></w:rPr>'
    head_run = f'<w:rPr><w:b/><w:color w:val="000000"/><w:sz w:val="{size}"/></w:rPr>'
    shade = (
        f'<w:shd w:val="clear" w:color="auto" w:fill="{layout.header_fill}"/>'
        if layout.header_fill
        else ""
    )
    all_rows = [headers, *rows]

    def openings(header: bool, row_keep: str) -> list[str]:
        """Each column's cell up to its text (the same in every row of a kind)."""
        run = head_run if header else body_run
        out = []
        for start, align in cells:
            paragraph = f"<w:pPr>{row_keep}{align}</w:pPr>" if row_keep or align else ""
            out.append(f"{start}{shade if header else ''}</w:tcPr><w:p>{paragraph}<w:r>{run}")
        return out

    heading, body, last = openings(True, keep), openings(False, keep), openings(False, "")
    for r, texts in enumerate(all_rows):
        if len(texts) != columns:
            raise ValueError(f"row {r} has {len(texts)} cells, not {columns}")
        header = r == 0
        parts.append(
            '<w:tr><w:trPr><w:tblHeader w:val="true"/><w:cantSplit w:val="true"/></w:trPr>'
            if header
            else '<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>'
        )
        if r == len(all_rows) - 1:
            opening = openings(True, "") if header else last
        else:
            opening = heading if header else body
        for c, text in enumerate(texts):
            parts.append(f"{opening[c]}{_text(text)}</w:r></w:p></w:tc>")
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    body = doc.element.body
    _insert(body, etree.fromstring("".join(parts), _PARSER))
    # A fresh proxy of the moved table: now of python-docx's element class (CT_Tbl).
    tbl = body.findall(qn("w:tbl"))[-1]
    return DocxTable(tbl, doc._body)


def _insert(body: Any, tbl: Any) -> None:
    """Put the table last in the body, before the section properties; the caller's proxy
    of the plain-parsed element goes with this frame."""
    section = body.sectPr
    if section is not None:
        section.addprevious(tbl)
    else:
        body.append(tbl)


def _cell_start(width: int, numeric: bool) -> tuple[str, str]:
    return (
        f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>',
        '<w:jc w:val="right"/>' if numeric else "",
    )


def _text(text: str) -> str:
    """The text elements of a run: line breaks and tabs as Word's own elements, spaces at
    the ends kept (as python-docx's `add_run` makes them)."""
    if _SPECIAL.search(text) is None:  # nearly every cell: one plain text element
        return _t(text) if text else ""
    parts = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line_number, line in enumerate(lines):
        if line_number:
            parts.append("<w:br/>")
        for tab_number, piece in enumerate(line.split("\t")):
            if tab_number:
                parts.append("<w:tab/>")
            piece = piece.translate(_NOT_XML)
            if piece:
                parts.append(_t(piece))
    return "".join(parts)


def _t(piece: str) -> str:
    if piece != piece.strip():
        return f'<w:t xml:space="preserve">{escape(piece)}</w:t>'
    return f"<w:t>{escape(piece)}</w:t>"
