"""The report as a Word document (python-docx): real heading styles (a table of contents can
be built from them), the document language set (sv-SE or en-GB) so spelling and hyphenation
follow it, core properties (title, subject, author = the beneficiary, created now), a header
with project and period, page numbers in the footer, notes rendered from Markdown, and tables
that fit the page without breaking words (the wide deltagarlista on landscape pages)."""

from __future__ import annotations

import datetime as dt

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from hubtui.reports.document import (
    Block,
    Bullets,
    Heading,
    TableBlock,
    Text,
    blocks,
    report_title,
    status_text,
    title_text,
)
from hubtui.reports.formats.docx_tables import saved_bytes
from hubtui.reports.formats.word_notes import add_markdown
from hubtui.reports.formats.word_tables import add_table
from hubtui.reports.labels import ReportLang, label
from hubtui.reports.model import Report
from hubtui.store.bulk import collector_paused

PAGE_CM = (21.0, 29.7)  # A4
MARGIN_CM = 2.0
LANDSCAPE_COLUMNS = 10  # tables this wide go on landscape pages


def _language(doc: DocxDocument, tag: str) -> None:
    """The language of all text (the default run properties): spelling, hyphenation."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    props = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if props is None:
        return
    for old in props.findall(qn("w:lang")):
        props.remove(old)
    lang = OxmlElement("w:lang")
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), tag)
    props.append(lang)


def _page_setup(doc: DocxDocument) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)


def _page_number(paragraph: object) -> None:
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
    paragraph._p.append(field)  # type: ignore[attr-defined]  # python-docx's stubs lack _p


def _header_footer(doc: DocxDocument, report: Report, lang: ReportLang) -> None:
    """Project and period at the head of every page, the page number at its foot."""
    o = report.overview
    period = o.code if o.final else f"{o.code} {o.period_name}"
    for section in doc.sections:
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        head.add_run(f"{o.name} ({period}) · {report_title(report, lang)}").font.size = Pt(8)
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        foot.add_run(f"{label('page', lang)} ").font.size = Pt(8)
        _page_number(foot)


def _properties(doc: DocxDocument, report: Report, lang: ReportLang) -> None:
    props = doc.core_properties
    o = report.overview
    title = report_title(report, lang)
    props.title = title_text(report, lang)
    props.subject = f"{title} {o.code} {o.period_start} – {o.period_end}"
    props.author = props.last_modified_by = o.owner or o.name
    props.comments = status_text(report, lang)
    props.keywords = title
    props.category = title
    props.language = "sv-SE" if lang == "sv" else "en-GB"
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1


def _landscape(doc: DocxDocument) -> float:
    """Start landscape pages; returns their text width in cm."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_CM[1]), Cm(PAGE_CM[0])
    return PAGE_CM[1] - 2 * MARGIN_CM


def _wide_at(items: list[Block], n: int) -> bool:
    """A heading followed by a table too wide for a portrait page."""
    if not isinstance(items[n], Heading) or n + 1 >= len(items):
        return False
    after = items[n + 1]
    return isinstance(after, TableBlock) and len(after.table.headers) >= LANDSCAPE_COLUMNS


def _text(doc: DocxDocument, block: Text) -> None:
    if block.note:  # a leader's note, written in Markdown
        add_markdown(doc, block.text, heading_level=2)
        return
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(block.text)
    run.italic = block.small
    if block.small:
        run.font.size = Pt(9)


def render_word(report: Report, lang: ReportLang = "sv") -> DocxDocument:
    return _render(report, lang, deferred=False)


def _render(report: Report, lang: ReportLang, *, deferred: bool) -> DocxDocument:
    """The document; `deferred`: the tables' body rows wait for `saved_bytes`."""
    doc = Document()
    _page_setup(doc)
    _language(doc, "sv-SE" if lang == "sv" else "en-GB")
    _properties(doc, report, lang)
    _header_footer(doc, report, lang)
    width = PAGE_CM[0] - 2 * MARGIN_CM
    items = blocks(report, lang)
    for n, block in enumerate(items):
        if _wide_at(items, n):
            width = _landscape(doc)
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, TableBlock):
            add_table(doc, block.table, lang, width, deferred=deferred)
            doc.add_paragraph()
        elif isinstance(block, Bullets):
            for item in block.items:
                doc.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Text):
            _text(doc, block)
    return doc


def word_bytes(report: Report, lang: ReportLang = "sv") -> bytes:
    with collector_paused():  # a cell's worth of objects per cell, all alive until saved
        # saved at once: the tables' rows go straight into the file, never parsed
        return saved_bytes(_render(report, lang, deferred=True))
