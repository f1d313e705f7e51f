"""Large Word tables written fast: the table's WordprocessingML built as text and parsed
once by lxml, instead of python-docx adding each cell, paragraph and run as objects (43×
slower: 20 s for a 94,000-cell table).

The table: a style of the document, a grid of column widths, a shaded bold header row
repeated on every page, rows never split across pages. The body cells' formatting (font
size, black text, numbers right-aligned, no extra space after a paragraph) is two
paragraph styles of the document, defined once ("Table Text 9 pt", "Table Number 9 pt"),
so each cell is only its paragraph, its style and its text: parsing, saving and
compressing a large table cost little more than the bare cells would.

    from hubtui.reports.formats.docx_tables import TableLayout, append_table
    append_table(doc, headers, rows, TableLayout(widths_cm=..., numeric=..., font_size=9.0))
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, cycle
from typing import Any
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor
from docx.table import Table as DocxTable
from lxml import etree

from hubtui.domain.text import CONTROL_CODES
from hubtui.reports.formats.zip_parts import with_parts_changed

_TWIPS_PER_CM = 1440 / 2.54
# Characters XML 1.0 cannot hold at all (Word would refuse the file): dropped.
# not allowed in XML, or (the other control characters) able to hide what a cell says
_NOT_XML = {c: None for c in (*CONTROL_CODES, 0xFFFE, 0xFFFF) if c not in (0x09, 0x0A, 0x0D)}
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in (*_NOT_XML, 9, 10, 13)) + "]")
# The cells of the body are joined by SEP (a control character no cell may keep: a table
# holding one takes the careful path), escaped together and split again.
_SEP = "\x01"
_SPECIAL_BUT_SEP = re.compile(_SPECIAL.pattern.replace(re.escape(_SEP), ""))
_SPACE_AFTER_SEP = re.compile(_SEP + r"\s")  # searched in the text and in it reversed
# A plain lxml parser: python-docx's own (with its element classes) parses 2× slower; the
# table takes python-docx's classes once it is in the document.
_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False)
_CELL_END = "</w:r></w:p></w:tc>"
_ROW_START = '<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>'


@dataclass(frozen=True)
class TableLayout:
    widths_cm: Sequence[float]  # one per column
    numeric: Sequence[bool]  # right-aligned columns
    font_size: float = 9.0  # points
    style: str = "Light Grid Accent 1"  # a table style of the document, by name
    header_fill: str | None = "DCE6F2"  # the header row's shading (hex RGB), or none
    keep_together: bool = False  # keep every row with the next (a small table on one page)


def cell_style(doc: DocxDocument, font_size: float, numeric: bool) -> str:
    """The paragraph style of a table's body cells, defined in the document on first use
    (numbers: the text style right-aligned); returns its style id."""
    name = f"{'Table Number' if numeric else 'Table Text'} {font_size:g} pt"
    try:
        return str(doc.styles[name].style_id)
    except KeyError:
        pass
    base = cell_style(doc, font_size, False) if numeric else "Normal"
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    # a short id: every cell names it
    style.style_id = f"Table{'Number' if numeric else 'Text'}{font_size:g}".replace(".", "_")
    style.base_style = doc.styles.get_by_id(base, WD_STYLE_TYPE.PARAGRAPH)
    if numeric:
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    else:
        style.font.size = Pt(font_size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        # what the table style gives a cell's paragraph, said again for readers that do
        # not apply a table style's paragraph properties under another paragraph style
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
    return str(style.style_id)


def append_table(
    doc: DocxDocument,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    layout: TableLayout,
    *,
    deferred: bool = False,
) -> DocxTable:
    """Append a table (header row + rows of cell texts) to the end of the document's body.

    `deferred`: the body rows go into the file only, when `saved_bytes` saves the document
    (their XML is not parsed into the document at all, which takes as long as building it);
    until then the table holds its header row alone. For a document that is saved at once.
    """
    columns = len(headers)
    if len(layout.widths_cm) != columns or len(layout.numeric) != columns:
        raise ValueError("a width and an alignment for every column are needed")
    for r, texts in enumerate(rows, start=1):
        if len(texts) != columns:
            raise ValueError(f"row {r} has {len(texts)} cells, not {columns}")
    style_id = doc.styles[layout.style].style_id
    widths = [round(w * _TWIPS_PER_CM) for w in layout.widths_cm]
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="{escape(style_id)}"/><w:tblW w:type="auto" w:w="0"/>'
        '<w:jc w:val="left"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
        'w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
        _header_row(headers, widths, layout, keep=layout.keep_together and bool(rows)),
    ]
    styles = [cell_style(doc, layout.font_size, numeric) for numeric in layout.numeric]
    body_rows = ""
    if rows:
        keep = layout.keep_together
        body_rows = _body_rows(rows[:-1], _openings(styles, keep))
        body_rows += _body_rows(rows[-1:], _openings(styles, False))
    if deferred and body_rows:
        later = _DEFERRED.setdefault(doc.part, [])
        parts.append(_placeholder(len(later)))
        # as lxml writes what it parsed: an empty cell's run closes itself
        later.append(body_rows.replace("<w:r></w:r>", "<w:r/>"))
    else:
        parts.append(body_rows)
    parts.append("</w:tbl>")
    body = doc.element.body
    _insert(body, etree.fromstring("".join(parts), _PARSER))
    # A fresh proxy of the moved table: now of python-docx's element class (CT_Tbl).
    tbl = body.findall(qn("w:tbl"))[-1]
    return DocxTable(tbl, doc._body)


def _header_row(
    headers: Sequence[str], widths: Sequence[int], layout: TableLayout, keep: bool
) -> str:
    """The header row, formatted cell by cell (bold, shaded, each cell's width)."""
    size = round(layout.font_size * 2)  # half-points
    run = f'<w:rPr><w:b/><w:color w:val="000000"/><w:sz w:val="{size}"/></w:rPr>'
    shade = (
        f'<w:shd w:val="clear" w:color="auto" w:fill="{layout.header_fill}"/>'
        if layout.header_fill
        else ""
    )
    parts = ['<w:tr><w:trPr><w:tblHeader w:val="true"/><w:cantSplit w:val="true"/></w:trPr>']
    for text, width, numeric in zip(headers, widths, layout.numeric, strict=True):
        paragraph = ("<w:keepNext/>" if keep else "") + ('<w:jc w:val="right"/>' if numeric else "")
        parts.append(
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shade}</w:tcPr>'
            f"<w:p>{f'<w:pPr>{paragraph}</w:pPr>' if paragraph else ''}"
            f"<w:r>{run}{_text(text)}{_CELL_END}"
        )
    parts.append("</w:tr>")
    return "".join(parts)


def _openings(styles: Sequence[str], keep: bool) -> list[str]:
    """Each column's body cell up to its text: its paragraph style, and in the first column
    "not bold" (the table style makes the first column bold)."""
    keep_next = "<w:keepNext/>" if keep else ""
    not_bold = '<w:rPr><w:b w:val="0"/></w:rPr>'
    return [
        f'<w:tc><w:p><w:pPr><w:pStyle w:val="{escape(style)}"/>{keep_next}</w:pPr>'
        f"<w:r>{not_bold if c == 0 else ''}"
        for c, style in enumerate(styles)
    ]


def _body_rows(rows: Sequence[Sequence[str]], openings: Sequence[str]) -> str:
    """The rows' XML, escaped and assembled in bulk; a row with a character that needs more
    than escaping (a line break, a tab, a control character, whitespace at either end of a
    cell) is written cell by cell."""
    if not rows:
        return ""
    text = _SEP.join(chain.from_iterable(rows))
    if not _needs_care(text, len(rows) * len(openings)):
        return _fast_rows(text, openings)
    parts: list[str] = []
    fast: list[Sequence[str]] = []  # consecutive rows without care, written together
    for texts in rows:
        if any(_SPECIAL.search(t) or t != t.strip() for t in texts):
            if fast:
                parts.append(_fast_rows(_SEP.join(chain.from_iterable(fast)), openings))
            parts.append(_slow_row(texts, openings))
            fast = []
        else:
            fast.append(texts)
    if fast:
        parts.append(_fast_rows(_SEP.join(chain.from_iterable(fast)), openings))
    return "".join(parts)


def _needs_care(text: str, cells: int) -> bool:
    """Whether the joined cells hold what the bulk path cannot write: a separator inside a
    cell, another control character, a line break, a tab, or whitespace at either end of a
    cell (kept only with `xml:space`)."""
    return (
        text.count(_SEP) != cells - 1
        or _SPECIAL_BUT_SEP.search(text) is not None
        or text[:1].isspace()
        or text[-1:].isspace()
        or _SPACE_AFTER_SEP.search(text) is not None
        or _SPACE_AFTER_SEP.search(text[::-1]) is not None
    )


def _fast_rows(text: str, openings: Sequence[str]) -> str:
    """Joined cells of whole rows (none needing care) as XML: escaped, split, and the XML
    between one cell's text and the next put in between."""
    cells = escape(text).split(_SEP)
    close = f"</w:t>{_CELL_END}"
    between = [f"{close}{opening}<w:t>" for opening in openings[1:]]
    between.append(f"{close}</w:tr>{_ROW_START}{openings[0]}<w:t>")
    parts = [f"{_ROW_START}{openings[0]}<w:t>"]
    parts.extend(chain.from_iterable(zip(cells, cycle(between))))
    parts[-1] = f"{close}</w:tr>"
    xml = "".join(parts)
    return xml.replace("<w:t></w:t>", "") if "" in cells else xml  # empty: a run, no text


def _slow_row(texts: Sequence[str], openings: Sequence[str]) -> str:
    cells = "".join(
        f"{opening}{_text(text)}{_CELL_END}" for opening, text in zip(openings, texts, strict=True)
    )
    return f"{_ROW_START}{cells}</w:tr>"


# Each document's deferred body rows, by table (the n-th stands where _placeholder(n) is),
# by its document part (python-docx's Document itself cannot be a key).
_DEFERRED: WeakKeyDictionary[Any, list[str]] = WeakKeyDictionary()
_DOCUMENT_PART = "word/document.xml"


def _placeholder(n: int) -> str:
    return f"<?hubtui-rows {n}?>"


def saved_bytes(doc: DocxDocument) -> bytes:
    """The document saved as a .docx file, with the body rows of its deferred tables."""
    buffer = io.BytesIO()
    doc.save(buffer)
    later = _DEFERRED.pop(doc.part, [])
    if not later:
        return buffer.getvalue()
    change = {_DOCUMENT_PART: lambda content: _with_rows(content, later)}
    return with_parts_changed(buffer.getvalue(), change)


def _with_rows(document: bytes, later: Sequence[str]) -> bytes:
    """The document part with each placeholder replaced by its rows (in one pass)."""
    parts: list[bytes] = []
    at = 0
    for n, rows in enumerate(later):
        mark = _placeholder(n).encode()
        found = document.index(mark, at)
        parts += [document[at:found], rows.encode("utf-8")]
        at = found + len(mark)
    parts.append(document[at:])
    return b"".join(parts)


def _insert(body: Any, tbl: Any) -> None:
    """Put the table last in the body, before the section properties; the caller's proxy
    of the plain-parsed element goes with this frame."""
    section = body.sectPr
    if section is not None:
        section.addprevious(tbl)
    else:
        body.append(tbl)


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
