"""Every format read back: Word headings and table cells, Excel sheets and number types,
CSV with its byte order mark and separator, and no e-mail address unless asked for."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from report_fixture import EMAILS, EXPECTED_Q3, Fixture, report_of, request_of

from hubtui.kpi import compute_kpis, resolve
from hubtui.reports.export import export_report
from hubtui.reports.formats import FORMATS
from hubtui.reports.formats.csv_files import indicator_csv
from hubtui.reports.formats.excel import render_excel
from hubtui.reports.formats.markdown import render_markdown
from hubtui.reports.formats.word import render_word
from hubtui.reports.labels import format_number, format_share


@pytest.fixture
def report(rapp: Fixture):  # type: ignore[no-untyped-def]
    return report_of(rapp.store, "RAPP", "2026Q3")


def _table_with_header(document: docx.document.Document, first: str) -> list[list[str]]:
    for table in document.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0][0] == first:
            return rows
    raise AssertionError(f"no table starting with {first}")


def test_word_has_real_headings_and_indicator_table(rapp: Fixture, report) -> None:  # type: ignore[no-untyped-def]
    document = docx.Document(io.BytesIO(_save(render_word(report))))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", "Lägesrapport – Rapportprojektet (RAPP 2026Q3)")
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == [
        "Övergripande uppgifter om projektet",
        "Arbetssätt och organisation",
        "Aktiviteter",
        "Projektets resultat",
        "Jämställdhet",
        "Lika möjligheter och icke-diskriminering",
        "Hållbar utveckling (miljö)",
        "Hur projektet når målgruppen (kön, ålder, bakgrund, geografi)",
        "Avvikelser",
        "Oförutsedda effekter",
        "Deltagarlista",
    ]
    assert ("Heading 2", "Indikatorer") in headings
    rows = _table_with_header(document, "Indikator")
    assert rows[0] == [
        "Indikator",
        "Mål",
        "Denna period",
        "Ackumulerat",
        "Förväntat hittills",
        "Andel av mål",
        "Status",
    ]
    engine = {
        k.label: k for k in compute_kpis(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3")).kpis
    }
    for row in rows[1:]:
        kpi = engine[row[0]]
        show = format_share if kpi.metric == "women_share" else format_number
        assert row[2] == show(kpi.period_value, "sv")  # type: ignore[operator]
        assert row[3] == show(kpi.cumulative_value, "sv")  # type: ignore[operator]
        assert row[6] == "Efter plan"
    assert [r[2] for r in rows[1:]] == ["3", "1", "22", "28,6\u00a0%"]  # by hand
    assert "Vi arbetar med besök och seminarier." in [p.text for p in document.paragraphs]
    events = _table_with_header(document, "Datum")
    assert events[1][4:9] == ["<3", "x", "0", "<3", "13"]
    # the rule is said under the table that has hidden cells
    assert any(p.text.startswith("Av integritetsskäl") for p in document.paragraphs)


def test_word_table_header_is_styled_and_repeats(report) -> None:  # type: ignore[no-untyped-def]
    document = render_word(report)
    table = document.tables[0]
    assert table.style.name == "Light Grid Accent 1"
    header = table.rows[0]
    assert header._tr.trPr.xpath("./w:tblHeader")
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)


def test_excel_sheets_numbers_and_frozen_headers(rapp: Fixture, report) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.load_workbook(io.BytesIO(_save(render_excel(report))))
    assert book.sheetnames == [
        "Indikatorer",
        "Aktiviteter",
        "Gruppaktiviteter",
        "Deltagarlista",
        "Jämställdhet",
        "Målgrupp",
        "Text och kommentarer",
    ]
    notes = {row[0]: row[1] for row in book["Text och kommentarer"].iter_rows(
        min_row=4, max_row=12, values_only=True)}  # fmt: skip
    assert notes["Arbetssätt och organisation"] == "Vi arbetar med besök och seminarier."
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A4"  # the title row and the first header row
        assert str(sheet["A1"].value).startswith("Lägesrapport – Rapportprojektet")
        assert sheet.column_dimensions["A"].width > 8
    sheet = book["Indikatorer"]
    header = [c.value for c in sheet[3]]
    assert sheet.auto_filter.ref == "A3:G7"
    assert header[:4] == ["Indikator", "Mål", "Denna period", "Ackumulerat"]
    engine = {
        k.label: k for k in compute_kpis(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3")).kpis
    }
    by_id = {k.label: k.id for k in engine.values()}
    for row in sheet.iter_rows(min_row=4, max_row=7, values_only=True):
        kpi = engine[str(row[0])]
        assert all(isinstance(v, int | float) for v in row[1:6])
        assert row[2] == pytest.approx(kpi.period_value)
        assert row[3] == pytest.approx(kpi.cumulative_value)
        assert row[4] == pytest.approx(kpi.expected_by_now)
        period, cumulative, expected, _ = EXPECTED_Q3[by_id[str(row[0])]]
        assert (row[2], row[3], row[4]) == pytest.approx((period, cumulative, expected))
    assert sheet["B7"].number_format == "0.0%"  # the women-share target 0.4 shows as 40.0 %
    events = book["Gruppaktiviteter"]
    first = [c.value for c in events[4]]
    assert first[4:9] == ["<3", "x", 0, "<3", 13]  # only hidden cells are text
    assert str(events.cell(row=6, column=1).value).startswith("Av integritetsskäl")
    assert events["A4"].is_date
    participants = book["Deltagarlista"]
    assert [c.value for c in participants["A"]][3:] == [
        "Alfa Verkstad AB",
        "Beta Data AB",
        "Delta kommun",
        "Gamma Gjuteri AB",
    ]


def test_indicator_csv_has_bom_semicolons_and_engine_values(rapp: Fixture, report) -> None:  # type: ignore[no-untyped-def]
    data = indicator_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["id", "metric", "Indikator", "Mål"]
    by_id = {r[0]: r for r in rows[1:]}
    for kpi in compute_kpis(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3")).kpis:
        period, cumulative, expected, status = EXPECTED_Q3[kpi.id]
        row = by_id[kpi.id]
        assert (
            float(row[4].replace(",", "."))
            == pytest.approx(kpi.period_value)
            == pytest.approx(period)
        )
        assert float(row[5].replace(",", ".")) == pytest.approx(cumulative)
        assert float(row[6].replace(",", ".")) == pytest.approx(expected)
        assert row[-2] == status == kpi.status
        assert row[-1] == "Utkast"  # the report's own status: a draft of an ended period
    comma = indicator_csv(report, ",").decode("utf-8-sig")
    assert "women,women_share,Andel kvinnor,0.4,0.286" in comma


def test_markdown_tables(report) -> None:  # type: ignore[no-untyped-def]
    text = render_markdown(report)
    assert text.startswith("# Lägesrapport – Rapportprojektet (RAPP 2026Q3)\n")
    assert "| Företag som fått stöd | 40 | 3 | 3 | 15,0 | 7,5\u00a0% | Efter plan |" in text
    assert "| Mikroföretag | 1 |" in text
    for table in text.split("\n\n"):
        if table.startswith("|"):  # every row of a table has its header's number of cells
            counts = {line.replace("\\|", "").count("|") for line in table.splitlines()}
            assert len(counts) == 1, table


def _all_text(folder: Path) -> str:
    """Every file's text, unpacking Word and Excel (zip) files."""
    parts: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as z:
                parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        else:
            parts.append(path.read_text(encoding="utf-8-sig"))
    return "\n".join(parts)


def test_no_email_anywhere_unless_asked_for(rapp: Fixture, tmp_path: Path) -> None:
    plain, full = tmp_path / "plain", tmp_path / "full"
    request = request_of(rapp.store, "RAPP", "2026Q3", FORMATS, out=plain)
    written = export_report(rapp.store, request)
    assert len(written) == 8  # md, docx, xlsx, csv and four EDIH files
    text = _all_text(plain)
    assert not any(e in text for e in EMAILS)
    export_report(
        rapp.store, request_of(rapp.store, "RAPP", "2026Q3", FORMATS, out=full, with_contacts=True)
    )
    text = _all_text(full)
    assert all(e in text for e in EMAILS)
    sheet = openpyxl.load_workbook(full / "lagesrapport-RAPP-2026Q3.xlsx")["Deltagarlista"]
    assert sheet["M3"].value == "E-post" and sheet["M4"].value == EMAILS[0]


def test_edih_files(rapp: Fixture, tmp_path: Path) -> None:
    export_report(rapp.store, request_of(rapp.store, "RAPP", "2026Q3", ["edih"], out=tmp_path))

    def read(name: str) -> list[list[str]]:
        text = (tmp_path / f"edih-RAPP-2026Q3-{name}.csv").read_text(encoding="utf-8-sig")
        return list(csv.reader(io.StringIO(text), delimiter=";"))

    customers = read("customers")
    assert customers[0][0] == "customer_name" and len(customers) == 5
    alfa = dict(zip(customers[0], customers[1], strict=True))
    assert alfa["vat_number"] == "SE556036079301"
    assert alfa["customer_type"] == "SME" and alfa["region"] == "Västmanlands län"
    delta = dict(zip(customers[0], customers[3], strict=True))
    assert delta["customer_type"] == "Public sector organisation"
    services = read("services")
    assert len(services) == 1 + 1 + 1 + 3 + 2 + 1  # one row per organisation and activity
    assert {r[3] for r in services[1:]} == {
        "Innovation ecosystem and networking",
        "Skills and training",
        "Test before invest",
    }
    events = read("events")  # records for the EU tool: numbers only, no split by gender
    assert events[0][-2:] == ["organisations", "participants"]
    assert events[1][-2:] == ["3", "13"]
    assert read("collaborations") == [["collaboration_date", "partner", "description"]]


def test_english_report(rapp: Fixture) -> None:
    text = render_markdown(report_of(rapp.store, "RAPP", "2026Q3"), "en")
    assert "## Project overview" in text and "| Woman | 1 |" in text
    assert "| Enterprises supported by size class" not in text
    assert "### Indicators" in text and "Behind" in text and "28.6%" in text


def _save(document) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_columns_fit_the_page_and_rows_do_not_split(report) -> None:  # type: ignore[no-untyped-def]
    from docx.shared import Cm

    document = docx.Document(io.BytesIO(_save(render_word(report))))
    for table in document.tables:
        widths = [column.width for column in table.columns]
        page = 25.71 if len(widths) >= 10 else 17.01  # the deltagarlista is on landscape pages
        assert sum(widths) <= Cm(page)  # each width is rounded to a twentieth of a point
        assert all(row._tr.trPr.xpath("./w:cantSplit") for row in table.rows)


def test_column_widths_keep_words_whole_and_share_what_is_left() -> None:
    from hubtui.reports.formats.word_tables import column_widths

    narrow = column_widths(("Typ", "Antal"), [("Seminarium", "3")], 9)
    assert narrow[0] > narrow[1]
    assert sum(narrow) < 17  # small tables stay small
    long_title = "Frukostseminarium om AI-förordningen och vad den betyder för tillverkare"
    heads = ("Datum", "Rubrik", "Anteckning", "Totalt")
    wide = column_widths(heads, [("2026-08-04", long_title, long_title, "19")], 9)
    assert sum(wide) == pytest.approx(17)  # two long texts: the table fills the page
    assert wide[0] >= 10 * 0.64 * 9 * 2.54 / 72  # a date is never broken
    assert wide[1] == pytest.approx(wide[2]) and wide[1] > wide[0]


@pytest.mark.parametrize(
    ("value", "separator", "text"),
    [
        (14.96, ";", "14,96"),
        (14.96, ",", "14.96"),
        (2.0, ";", "2"),
        (0.00001, ";", "0"),
        (3, ";", "3"),
    ],
)
def test_csv_numbers(value: float, separator: str, text: str) -> None:
    from hubtui.reports.formats.csv_files import csv_value

    assert csv_value(value, separator) == text


def test_text_that_looks_like_a_formula_stays_text(rapp: Fixture) -> None:
    import dataclasses

    from hubtui.reports.formats.csv_files import csv_value

    report = report_of(rapp.store, "RAPP", "2026Q3")
    event = report.events[0]
    evil = dataclasses.replace(event, title='=HYPERLINK("http://x","klicka")')
    book = openpyxl.load_workbook(
        io.BytesIO(_save(render_excel(dataclasses.replace(report, events=(evil,)))))
    )
    cell = book["Gruppaktiviteter"]["C4"]
    assert cell.data_type == "s" and cell.value == evil.title
    assert csv_value("=1+1", ";") == "'=1+1"
    assert csv_value("-2", ";") == "'-2"
    assert csv_value("<3", ";") == "<3"
