"""The exported files read back as the funder's project officer reads them (python-docx,
openpyxl): the words under the indicator table and the headings of the tables."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl
from report_fixture import GOALS, Fixture
from sqlalchemy import select

from hubtui.domain.goals import parse_goals
from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.services.activities import update_activity
from hubtui.services.activity_input import ActivityChange
from hubtui.services.notes import set_notes
from hubtui.services.organisations import resolve_organisation, update_organisation
from hubtui.services.projects import import_goals
from hubtui.store import tables

PUBLIC_GOAL = """
[[kpi]]
id = "publika"
label = "Offentliga aktörer som fått stöd"
label_en = "Public bodies supported"
metric = "companies_supported"
target = 4
where = { kinds = ["public_body"] }
"""


def _export(run_cli, out: Path, lang: str) -> tuple[docx.document.Document, openpyxl.Workbook]:  # type: ignore[no-untyped-def]
    result = run_cli(
        "report", "-p", "RAPP", "--period", "2026Q3", "--format", "docx,xlsx",
        "--lang", lang, "--out", f"{out}/",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    stem = "lagesrapport" if lang == "sv" else "progress-report"
    document = docx.Document(str(out / f"{stem}-RAPP-2026Q3.docx"))
    return document, openpyxl.load_workbook(out / f"{stem}-RAPP-2026Q3.xlsx")


def _paragraphs_after(document: docx.document.Document, heading: str) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    start = texts.index(heading) + 1
    return texts[start : start + 5]


def test_counting_rules_name_each_indicator_without_its_id(
    rapp: Fixture,
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    import_goals(rapp.store, parse_goals(GOALS + PUBLIC_GOAL))
    document, book = _export(run_cli, tmp_path / "sv", "sv")
    rules = _paragraphs_after(document, "Så räknas indikatorerna")
    assert (
        rules[0]
        == "Företag som fått stöd: räknar företag som fått stöd; alla projektets aktiviteter."
    )
    assert rules[1] == "Seminarier: räknar aktiviteter; aktivitetstyper: Seminarium."
    # a goal over public bodies does not say it counts "företag"
    assert rules[4] == (
        "Offentliga aktörer som fått stöd: räknar organisationer som fått stöd; "
        "organisationstyper: Offentlig aktör."
    )
    sheet = book["Text och kommentarer"]
    in_sheet = [row[2] for row in sheet.iter_rows(values_only=True) if row[2]]
    assert in_sheet[0] == "Så räknas den"  # beside the indicator named in column A
    assert in_sheet[1] == "Räknar företag som fått stöd; alla projektets aktiviteter."
    # no goal id (companies, publika, …) is printed anywhere in the words
    ids = ("companies ", "seminars ", "participants ", "women ", "publika ")
    assert not [line for line in rules + in_sheet if line.startswith(ids)]

    english, _ = _export(run_cli, tmp_path / "en", "en")
    rules_en = _paragraphs_after(english, "How the indicators are counted")
    assert (
        rules_en[0]
        == "Enterprises supported: counts enterprises supported; all the project's activities."
    )
    assert rules_en[4] == (
        "Public bodies supported: counts organisations supported; "
        "kinds of organisation: Public body."
    )


def _header_rows(document: docx.document.Document) -> list[list[str]]:
    return [[c.text for c in table.rows[0].cells] for table in document.tables]


def test_the_period_size_split_is_told_from_the_cumulative_one(
    rapp: Fixture,
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    document, book = _export(run_cli, tmp_path, "sv")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Företag som fått stöd per storleksklass" in headings  # results: cumulative
    assert "Företag som fått stöd i perioden per storleksklass" in headings  # target group
    heads = _header_rows(document)
    assert ["Storleksklass", "Ackumulerat"] in heads
    assert ["Storleksklass", "Företag i perioden"] in heads
    reach = [list(r) for r in book["Målgrupp"].iter_rows(values_only=True)]
    assert ["Storleksklass", "Företag i perioden", None] in reach
    english, _ = _export(run_cli, tmp_path / "en", "en")
    assert ["Size class", "Enterprises in the period"] in _header_rows(english)


def test_the_excel_size_split_says_which_indicator_it_splits(
    rapp: Fixture,
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Word and Markdown caption the split with its KPI; the Indikatorer sheet does too (a
    KPI of manufacturing SMEs only would otherwise read as all supported companies)."""
    document, book = _export(run_cli, tmp_path, "sv")
    rows = [list(r[:2]) for r in book["Indikatorer"].iter_rows(values_only=True)]
    split = rows.index(["Storleksklass", "Ackumulerat"])
    assert rows[split - 1] == ["Företag som fått stöd (3)", None]
    assert rows[split + 1 : split + 4] == [
        ["Mikroföretag", 1],
        ["Litet företag", 1],
        ["Medelstort företag", 1],
    ]
    assert "Företag som fått stöd (3)" in [p.text for p in document.paragraphs]


def test_edih_customers_give_a_size_class_to_companies_only(
    rapp: Fixture,
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """A municipality with 22 employees is a public sector organisation, not a small
    enterprise: its size class is empty, as in the participant list."""
    delta = resolve_organisation(rapp.store, "Delta kommun")
    update_organisation(rapp.store, delta.id, employees=22)
    assert resolve_organisation(rapp.store, "Delta kommun").size_class == "small"  # derived
    result = run_cli(
        "report", "-p", "RAPP", "--period", "2026Q3", "--format", "edih,xlsx",
        "--out", f"{tmp_path}/",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "edih-RAPP-2026Q3-customers.csv").read_text(encoding="utf-8-sig")
    rows = {r["customer_name"]: r for r in csv.DictReader(io.StringIO(text), delimiter=";")}
    assert rows["Delta kommun"]["customer_type"] == "Public sector organisation"
    assert rows["Delta kommun"]["size_class"] == ""
    assert rows["Alfa Verkstad AB"]["size_class"] == "micro"
    book = openpyxl.load_workbook(tmp_path / "lagesrapport-RAPP-2026Q3.xlsx")
    listed = {r[0]: r for r in book["Deltagarlista"].iter_rows(min_row=4, values_only=True)}
    assert listed["Delta kommun"][5:7] == (22, None)  # employees shown, no size class


def test_changes_after_submission_are_worded_in_the_report_language(
    rapp: Fixture,
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """The next report's list of changes to the submitted period names fields and activity
    types in words, numbers the language's way, and never an event's count by gender."""
    set_notes(
        rapp.store, project="RAPP", period="2026Q3", texts={s: "Text." for s in NOTE_SECTIONS}
    )
    sent = run_cli("report", "submit", "-p", "RAPP", "--period", "2026Q3", "--date", "2026-10-10")
    assert sent.exit_code == 0, sent.stderr
    with rapp.store.read() as conn:
        ids = dict(conn.execute(select(tables.ACTIVITY.c.title, tables.ACTIVITY.c.id)).all())
    update_activity(rapp.store, ids["Behovsanalys"], ActivityChange(hours=3.5, type="meeting"))
    update_activity(rapp.store, ids["Datadriven produktion"], ActivityChange(women=1, men=8))
    changes: dict[str, list[tuple[str, str]]] = {}
    for lang, stem, sheet in (
        ("sv", "lagesrapport", "Ändringar"),
        ("en", "progress-report", "Changes"),
    ):
        result = run_cli(
            "report", "-p", "RAPP", "--period", "2026Q4", "--format", "xlsx,docx",
            "--lang", lang, "--out", f"{tmp_path}/",
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        rows = openpyxl.load_workbook(tmp_path / f"{stem}-RAPP-2026Q4.xlsx")[sheet].iter_rows(
            min_row=4, max_row=5, values_only=True
        )
        changes[lang] = [(str(r[2]), str(r[4])) for r in rows]
        document = docx.Document(str(tmp_path / f"{stem}-RAPP-2026Q4.docx"))
        cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
        assert {text for pair in changes[lang] for text in pair} <= cells  # Word says the same
    assert changes["sv"] == [
        ("Möte: Behovsanalys", "typ Behovsanalys → Möte, timmar 3 → 3,5"),
        ("Workshop: Datadriven produktion", "kvinnor: ändrat antal, män: ändrat antal"),
    ]
    assert changes["en"] == [
        ("Meeting: Behovsanalys", "type Needs analysis → Meeting, hours 3 → 3.5"),
        ("Workshop: Datadriven produktion", "women: number changed, men: number changed"),
    ]


def test_the_overview_table_lists_particulars_not_measures(
    rapp: Fixture,
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    document, _ = _export(run_cli, tmp_path, "sv")
    overview = next(t for t in document.tables if t.rows[1].cells[0].text == "Projektnamn")
    assert [c.text for c in overview.rows[0].cells] == ["Uppgift", "Värde"]
    english, _ = _export(run_cli, tmp_path / "en", "en")
    overview = next(t for t in english.tables if t.rows[1].cells[0].text == "Project name")
    assert [c.text for c in overview.rows[0].cells] == ["Item", "Value"]


def test_a_date_range_period_is_written_with_a_dash_not_as_typed(
    rapp: Fixture,
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    result = run_cli(
        "report", "-p", "RAPP", "--period", "2026-07-01..2026-08-15", "--format", "docx,xlsx",
        "--out", f"{tmp_path}/",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    stem = tmp_path / "lagesrapport-RAPP-2026-07-01_2026-08-15"
    document = docx.Document(str(stem.with_suffix(".docx")))
    title = "Lägesrapport – Rapportprojektet (RAPP 2026-07-01 – 2026-08-15)"
    assert document.paragraphs[0].text == title
    assert (
        document.sections[0]
        .header.paragraphs[0]
        .text.startswith("Rapportprojektet (RAPP 2026-07-01 – 2026-08-15)")
    )
    cells = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert cells["Rapportperiod"] == "2026-07-01 – 2026-08-15"
    sheet = openpyxl.load_workbook(stem.with_suffix(".xlsx"))["Indikatorer"]
    assert str(sheet["A1"].value).startswith(title)
    texts = [p.text for p in document.paragraphs] + [str(sheet["A1"].value)]
    assert not [t for t in texts if ".." in t]


def test_an_english_report_names_counties_in_english(
    rapp: Fixture,
    run_cli,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """ "Västmanlands län" is "Västmanland County" in English (Statistics Sweden's form), in
    the overview, the target-group table and the participant list; Swedish stays Swedish."""
    english, book = _export(run_cli, tmp_path / "en", "en")
    cells = {r.cells[0].text: r.cells[1].text for r in english.tables[0].rows}
    assert cells["Target region"] == "Västmanland County"
    places = [r for r in book["Target group"].iter_rows(min_row=3, max_row=5, values_only=True)]
    assert places == [
        ("County", "Municipality", "Organisations"),
        ("Uppsala County", "Unknown", 1),
        ("Västmanland County", "Unknown", 3),
    ]
    listed = {r[0]: r[4] for r in book["Participants"].iter_rows(min_row=4, values_only=True)}
    assert listed["Alfa Verkstad AB"] == "Västmanland County"
    assert listed["Gamma Gjuteri AB"] == "Uppsala County"
    words = [p.text for p in english.paragraphs] + [
        c.text for t in english.tables for row in t.rows for c in row.cells
    ]
    assert not [w for w in words if " län" in w]
    swedish, _ = _export(run_cli, tmp_path / "sv", "sv")
    cells = {r.cells[0].text: r.cells[1].text for r in swedish.tables[0].rows}
    assert cells["Målområde"] == "Västmanlands län"
