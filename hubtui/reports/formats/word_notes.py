"""A project leader's note (Markdown) as Word paragraphs: headings, bold, italics, code,
bulleted and numbered lists and links, parsed by markdown-it-py (CommonMark)."""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt
from markdown_it.token import Token

LINK_COLOUR = "0563C1"
SAFE_LINKS = ("http://", "https://", "mailto:")
_PARSER = MarkdownIt("commonmark")


def _link(paragraph: Paragraph, url: str, text: str, *, bold: bool, italic: bool) -> None:
    """A clickable link (an external relationship and a w:hyperlink around one run)."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    for name, value in (("w:color", LINK_COLOUR), ("w:u", "single")):
        element = OxmlElement(name)
        element.set(qn("w:val"), value)
        props.append(element)
    if bold:
        props.append(OxmlElement("w:b"))
    if italic:
        props.append(OxmlElement("w:i"))
    run.append(props)
    body = OxmlElement("w:t")
    body.set(qn("xml:space"), "preserve")
    body.text = text
    run.append(body)
    link.append(run)
    paragraph._p.append(link)


def _inline(paragraph: Paragraph, children: Sequence[Token]) -> None:
    bold = italic = False
    href: str | None = None
    for child in children:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            bold = kind == "strong_open"
        elif kind in ("em_open", "em_close"):
            italic = kind == "em_open"
        elif kind == "link_open":
            url = str(child.attrs.get("href", ""))
            href = url if url.startswith(SAFE_LINKS) else None
        elif kind == "link_close":
            href = None
        elif kind in ("softbreak", "hardbreak"):
            if kind == "hardbreak":
                paragraph.add_run().add_break()
            else:
                paragraph.add_run(" ")
        else:
            text = child.content
            if not text:
                continue
            if href is not None:
                _link(paragraph, href, text, bold=bold, italic=italic)
                continue
            run = paragraph.add_run(text)
            run.bold, run.italic = bold or None, italic or None
            if kind == "code_inline":
                run.font.name = "Consolas"
                run.font.highlight_color = WD_COLOR_INDEX.GRAY_25


def add_markdown(doc: DocxDocument, text: str, *, heading_level: int = 2) -> None:
    """Add the note's blocks; its own headings become Word headings from `heading_level`."""
    lists: list[str] = []
    heading: int | None = None
    for token in _PARSER.parse(text):
        kind = token.type
        if kind == "heading_open":
            heading = min(heading_level + int(token.tag[1]) - 1, 4)
        elif kind == "heading_close":
            heading = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("List Bullet" if kind == "bullet_list_open" else "List Number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "inline":
            if heading is not None:
                paragraph = doc.add_heading("", level=heading)
            elif lists:
                depth = f" {min(len(lists), 3)}" if len(lists) > 1 else ""
                paragraph = doc.add_paragraph(style=lists[-1] + depth)
            else:
                paragraph = doc.add_paragraph()
            _inline(paragraph, token.children or [])
        elif kind in ("fence", "code_block"):
            paragraph = doc.add_paragraph()
            run = paragraph.add_run(token.content.rstrip("\n"))
            run.font.name = "Consolas"
