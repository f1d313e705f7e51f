"""The two Word documents of de minimis aid, in Swedish: the written notice to the company
(article 6(1) of Regulation (EU) 2023/2831) and its declaration of earlier aid, pre-filled."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from hubtui.domain.aid import (
    CEILING_EUR,
    RECORD_YEARS,
    AidLine,
    format_amount,
    window_start,
)
from hubtui.domain.periods import Period

REGULATION_SV = (
    "kommissionens förordning (EU) 2023/2831 av den 13 december 2023 om tillämpningen av "
    "artiklarna 107 och 108 i fördraget om Europeiska unionens funktionssätt på stöd av mindre "
    "betydelse"
)
SCHEME_SV = {
    "de_minimis": "de minimis, (EU) 2023/2831 eller 1407/2013",
    "de_minimis_agri": "de minimis jordbruk, (EU) 1408/2013",
    "de_minimis_fish": "de minimis fiske och vattenbruk, (EU) 717/2014",
    "de_minimis_sgei": "de minimis tjänster av allmänt ekonomiskt intresse, (EU) 2023/2832",
    "gber_28": "gruppundantag, (EU) 651/2014 artikel 28",
    "gber": "gruppundantag, (EU) 651/2014",
    "other": "annat stöd",
}
BLANK_LINES = 6  # rows for aid from other grantors on the declaration form


@dataclass(frozen=True)
class Company:
    name: str
    orgnr: str


def _document() -> DocxDocument:
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    return doc


def _table(doc: DocxDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = text
            if index >= len(header) - 2 and _is_amount(text):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _is_amount(text: str) -> bool:
    return bool(text) and text.replace(" ", "").replace(",", "").isdigit()


def _bytes(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _sv_date(day: dt.date) -> str:
    return day.isoformat()


# --------------------------------------------------------------------------- the notice


def letter_docx(
    company: Company,
    grantor: str,
    period: Period,
    lines: Sequence[AidLine],
    *,
    today: dt.date | None = None,
) -> bytes:
    """The written notice of de minimis aid granted to `company` in `period` (the lines are
    the aid one grantor gave it)."""
    doc = _document()
    doc.core_properties.title = "Besked om stöd av mindre betydelse"
    doc.core_properties.author = grantor
    total_sek = sum((line.amount_sek for line in lines), Decimal("0.00"))
    total_eur = sum((line.amount_eur for line in lines), Decimal("0.00"))
    first, last = min(line.date for line in lines), max(line.date for line in lines)
    projects = sorted({line.project for line in lines if line.project})
    doc.add_heading("Besked om stöd av mindre betydelse (de minimis-stöd)", level=1)
    doc.add_paragraph(f"Till: {company.name}, organisationsnummer {company.orgnr or 'saknas'}")
    doc.add_paragraph(f"Från: {grantor} (stödgivare)")
    doc.add_paragraph(f"Datum: {_sv_date(today or dt.date.today())}")
    doc.add_paragraph(
        f"{grantor} har under perioden {_sv_date(period.start)} – {_sv_date(period.end)} "
        f"gett {company.name} stöd i form av rådgivning och andra tjänster till ett pris under "
        f"marknadspris, inom {_projects(projects)}. Stödet gavs {_sv_date(first)}"
        + (f" – {_sv_date(last)}" if last != first else "")
        + "; varje insats räknas som beviljad den dag den gavs."
    )
    doc.add_paragraph(
        f"Stödets värde är {format_amount(total_sek)} kronor, vilket motsvarar "
        f"{format_amount(total_eur)} euro."
    )
    doc.add_paragraph(
        f"Stödet är ett stöd av mindre betydelse (de minimis-stöd) enligt {REGULATION_SV} "
        "(EUT L, 2023/2831, 15.12.2023)."
    )
    doc.add_heading("Insatser som omfattas", level=2)
    _table(
        doc,
        ["Datum", "Projekt", "Insats", "Belopp (kr)", "Belopp (euro)"],
        [
            [
                _sv_date(line.date),
                line.project,
                line.what,
                format_amount(line.amount_sek),
                format_amount(line.amount_eur),
            ]
            for line in lines
        ]
        + [["Summa", "", "", format_amount(total_sek), format_amount(total_eur)]],
    )
    rates = sorted({line.eur_rate for line in lines})
    doc.add_paragraph(
        "Beloppen i euro är omräknade med "
        + ", ".join(f"{format_amount(rate).rstrip('0').rstrip(',')} kr per euro" for rate in rates)
        + " enligt kursen den dag stödet beviljades."
    )
    doc.add_heading("Vad ni behöver veta", level=2)
    doc.add_paragraph(
        f"Ett enda företag (koncernen räknas som ett företag) får ta emot högst "
        f"{format_amount(CEILING_EUR)} euro i stöd av mindre betydelse under en period av tre "
        "år, från alla stödgivare tillsammans. Spara detta besked: ni behöver uppge stödet när "
        "ni ansöker om annat stöd av mindre betydelse."
    )
    doc.add_paragraph(
        f"{grantor} sparar uppgifterna om stödet i {RECORD_YEARS} år från den dag det "
        "beviljades (artikel 6.4 i förordningen)."
    )
    return _bytes(doc)


def _projects(codes: Sequence[str]) -> str:
    if not codes:
        return "verksamheten"
    return ("projektet " if len(codes) == 1 else "projekten ") + ", ".join(codes)


# --------------------------------------------------------------------------- the declaration


def declaration_docx(
    company: Company,
    group: Sequence[Company],
    known: Sequence[AidLine],
    grantors: Sequence[str],
    *,
    today: dt.date | None = None,
) -> bytes:
    """The company's declaration of earlier de minimis aid, pre-filled with what this hub knows
    (`known`: aid in the three years up to `today`) and with lines for other grantors."""
    doc = _document()
    doc.core_properties.title = "Intyg om stöd av mindre betydelse"
    day = today or dt.date.today()
    doc.add_heading("Intyg om stöd av mindre betydelse (de minimis-stöd)", level=1)
    doc.add_paragraph(f"Företag: {company.name}")
    doc.add_paragraph(f"Organisationsnummer: {company.orgnr or '…………………………'}")
    if grantors:
        doc.add_paragraph(f"Intyget lämnas till: {', '.join(grantors)}")
    doc.add_paragraph(
        f"Enligt {REGULATION_SV} får ett enda företag ta emot högst "
        f"{format_amount(CEILING_EUR)} euro i stöd av mindre betydelse under en period av tre "
        "år. Innan nytt stöd ges måste stödgivaren känna till det stöd av mindre betydelse "
        "företaget redan har fått. Med ett enda företag menas alla företag som kontrollerar "
        "varandra (t.ex. genom majoriteten av rösterna eller rätten att utse styrelsen)."
    )
    others = [member for member in group if member.orgnr != company.orgnr]
    doc.add_heading("Företag som ingår i samma enda företag (koncern)", level=2)
    if others:
        _table(doc, ["Företag", "Organisationsnummer"], [[m.name, m.orgnr] for m in others])
    else:
        doc.add_paragraph("Inga kända. Lägg till företag som kontrollerar eller kontrolleras av "
                          "företaget: ………………………………………………")  # fmt: skip
    doc.add_heading("Stöd som redan är känt", level=2)
    doc.add_paragraph(
        f"Stöd av mindre betydelse som vi känner till under de senaste tre åren "
        f"({_sv_date(window_start(day))} – {_sv_date(day)}):"
    )
    if known:
        _table(
            doc,
            ["Stödgivare", "Företag", "Stödform", "Beviljat", "Belopp (kr)", "Belopp (euro)"],
            [
                [
                    line.grantor,
                    line.organisation,
                    SCHEME_SV.get(line.scheme, line.scheme),
                    _sv_date(line.date),
                    format_amount(line.amount_sek),
                    format_amount(line.amount_eur),
                ]
                for line in known
            ],
        )
    else:
        doc.add_paragraph("Inget.")
    doc.add_heading("Annat stöd av mindre betydelse under de senaste tre åren", level=2)
    doc.add_paragraph(
        "Fyll i allt annat stöd av mindre betydelse som företaget (och övriga företag i samma "
        "enda företag) har fått i Sverige under de senaste tre åren, från andra stödgivare "
        "(t.ex. regioner, kommuner, myndigheter, Almi, Vinnova):"
    )
    _table(
        doc,
        ["Stödgivare", "Beslutsdatum", "Belopp", "Valuta (kr/euro)", "Förordning"],
        [["", "", "", "", ""] for _ in range(BLANK_LINES)],
    )
    doc.add_paragraph("☐ Företaget har inte fått något annat stöd av mindre betydelse under de "
                      "senaste tre åren.")  # fmt: skip
    doc.add_paragraph(
        "Jag intygar att uppgifterna ovan är riktiga och fullständiga, och att jag har rätt att "
        "företräda företaget."
    )
    for label in ("Ort och datum", "Underskrift", "Namnförtydligande", "Befattning"):
        doc.add_paragraph(f"{label}: ……………………………………………………………")
    return _bytes(doc)
