"""The Word file as a reader and Word see it: language, properties, header and footer,
Markdown notes, landscape deltagarlista, heading styles."""

from __future__ import annotations

import io

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from report_fixture import Fixture, report_of

from hubtui.reports.formats.word import render_word
from hubtui.services.notes import set_note

NOTE = """## Miljö

Vi har **minskat resor** med *digitala* möten, se [webben](https://example.se/a).

- färre bilresor
- fler webbinarier

1. första
2. andra
"""


def _document(rapp: Fixture, lang: str = "sv") -> docx.document.Document:
    set_note(rapp.store, project="RAPP", period="2026Q3", section="hallbar_utveckling", text=NOTE)
    report = report_of(rapp.store, "RAPP", "2026Q3")
    buffer = io.BytesIO()
    render_word(report, "en" if lang == "en" else "sv").save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def test_language_and_core_properties(rapp: Fixture) -> None:
    document = _document(rapp)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "sv-SE"
    props = document.core_properties
    assert props.title == "Lägesrapport – Rapportprojektet (RAPP 2026Q3)"
    assert props.language == "sv-SE" and props.author  # the project owner
    assert "python-docx" not in f"{props.comments} {props.last_modified_by} {props.title}"
    assert props.created is not None and props.created.year >= 2026
    english = _document(rapp, "en")
    defaults = english.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"


def test_header_footer_and_landscape_participant_list(rapp: Fixture) -> None:
    document = _document(rapp)
    first = document.sections[0]
    assert "Rapportprojektet (RAPP 2026Q3)" in first.header.paragraphs[0].text
    assert first.footer.paragraphs[0]._p.xpath(".//w:fldSimple[@w:instr='PAGE']")
    last = document.sections[-1]
    assert last.orientation == WD_ORIENT.LANDSCAPE and last.page_width > last.page_height
    assert document.tables[-1].rows[0].cells[1].text == "Org.nr"


def test_markdown_in_notes_is_rendered(rapp: Fixture) -> None:
    document = _document(rapp)
    paragraphs = document.paragraphs
    heading = next(p for p in paragraphs if p.text == "Miljö")
    assert heading.style.name.startswith("Heading")
    body = next(p for p in paragraphs if p.text.startswith("Vi har minskat resor"))
    bold = [r.text for r in body.runs if r.bold]
    italic = [r.text for r in body.runs if r.italic]
    assert bold == ["minskat resor"] and italic == ["digitala"]
    assert "**" not in body.text and "webben" in body.text  # the link's text, not its markup
    rels = [r.target_ref for r in document.part.rels.values() if r.is_external]
    assert "https://example.se/a" in rels
    styles = {p.text: p.style.name for p in paragraphs}
    assert styles["färre bilresor"] == "List Bullet" and styles["första"] == "List Number"


def test_headings_are_heading_styles_for_a_table_of_contents(rapp: Fixture) -> None:
    document = _document(rapp)
    levels = {p.style.name for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {"Heading 1", "Heading 2"} <= levels
