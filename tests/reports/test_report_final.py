"""Draft and final reports, every section Tillväxtverket asks for, indicator comments and
notes keyed by the period's dates — through the command line, documents read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from report_fixture import Fixture, report_of

from hubtui.config import load_config, save_config
from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.reports.document import missing_sections
from hubtui.services.notes import notes_for, set_note, set_notes


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    # Reports go to the export folder of the settings when --out is not given.
    save_config(load_config().with_changes(export_folder=str(folder)))
    return folder


def _write_all(rapp: Fixture, leave_out: tuple[str, ...] = ()) -> None:
    texts = {s: f"Text om {s}, **viktigt**." for s in NOTE_SECTIONS if s not in leave_out}
    set_notes(rapp.store, project="RAPP", period="2026Q3", texts=texts)


def test_final_is_refused_naming_every_empty_section(rapp: Fixture, run_cli, cwd: Path) -> None:  # type: ignore[no-untyped-def]
    _write_all(rapp, leave_out=("hallbar_utveckling", "oforutsedda"))
    result = run_cli("report", "-p", "RAPP", "--period", "2026Q3", "--format", "md", "--final")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    # each by its heading in the user's language and the id `note set --section` takes
    assert "(environment) (hallbar_utveckling), Unforeseen effects (oforutsedda)" in result.stderr
    assert list(cwd.iterdir()) == []  # nothing written


def test_final_has_no_draft_marks_hints_or_placeholders(rapp: Fixture, run_cli, cwd: Path) -> None:  # type: ignore[no-untyped-def]
    _write_all(rapp)
    result = run_cli("report", "-p", "RAPP", "--period", "2026Q3", "--format", "md,xlsx", "--final")
    assert result.exit_code == 0, result.stderr
    text = (cwd / "lagesrapport-RAPP-2026Q3.md").read_text(encoding="utf-8")
    book = openpyxl.load_workbook(cwd / "lagesrapport-RAPP-2026Q3.xlsx")
    cells = " ".join(
        str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
    )
    for document in (text, cells):
        lowered = document.lower()
        assert "utkast" not in lowered
        assert "hubtui" not in lowered and " --" not in document
        assert "inget skrivet" not in lowered
    for section in NOTE_SECTIONS:
        assert f"Text om {section}" in text


def test_a_draft_says_what_is_missing_and_how_to_write_it(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "2026Q3", today=dt.date(2026, 12, 1))
    empty = [s for s in NOTE_SECTIONS if s not in ("arbetssatt", "avvikelser")]  # fixture's
    assert report.draft and missing_sections(report) == empty
    from hubtui.reports.formats.markdown import render_markdown

    text = render_markdown(report)
    assert text.count("Utkast: inget skrivet ännu") == len(empty)
    assert "hubtui note set --section hallbar_utveckling" in text
    assert "Preliminär" not in text  # the period has ended


def test_a_period_not_ended_is_marked_preliminary_in_every_format(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "2026Q3", today=dt.date(2026, 9, 15))
    assert report.preliminary
    from hubtui.reports.formats.excel import render_excel
    from hubtui.reports.formats.markdown import render_markdown
    from hubtui.reports.formats.word import render_word

    mark = "Preliminär, uttag 2026-09-15"
    assert mark in render_markdown(report)
    assert any(mark in p.text for p in render_word(report).paragraphs)
    book = render_excel(report)
    assert all(mark in str(sheet["A1"].value) for sheet in book.worksheets)
    from hubtui.reports.formats.csv_files import indicator_csv

    rows = list(csv.reader(io.StringIO(indicator_csv(report).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-1] == "Rapportens status"
    assert all(row[-1] == f"Utkast · {mark}" for row in rows[1:]) and len(rows) > 1


def test_indicator_comments_and_counting_rules(rapp: Fixture, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "note", "set", "-p", "RAPP", "--period", "2026Q3", "--kpi", "companies",
        "--text", "Fler företag väntas i Q4.",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    wrong = run_cli(
        "note", "set", "-p", "RAPP", "--period", "2026Q3", "--kpi", "nope", "--text", "x"
    )
    assert wrong.exit_code == 2 and "no KPI 'nope'" in wrong.stderr
    report = report_of(rapp.store, "RAPP", "2026Q3")
    assert report.kpi_notes == {"companies": "Fler företag väntas i Q4."}
    assert len(report.rules) == len(report.indicators)
    from hubtui.reports.formats.markdown import render_markdown

    text = render_markdown(report)
    assert "Fler företag väntas i Q4." in text
    assert "Andel kvinnor = kvinnor ÷ (kvinnor + män + annat)" in text
    assert "## Så räknas indikatorerna" in text


def test_notes_are_keyed_by_the_period_dates(rapp: Fixture) -> None:
    set_note(rapp.store, project="RAPP", period="2026Q3", section="avvikelser", text="Inga.")
    view = report_of(rapp.store, "RAPP", "2026-07-01..2026-09-30")
    assert view.notes["avvikelser"] == "Inga."
    set_note(
        rapp.store,
        project="RAPP",
        period="2026-07-01..2026-09-30",
        section="avvikelser",
        text="Ny.",
    )
    from hubtui.services.projects import get_project

    project = get_project(rapp.store, "RAPP")
    assert notes_for(rapp.store, project.id, "2026-07-01..2026-09-30")["avvikelser"] == "Ny."
    assert report_of(rapp.store, "RAPP", "2026Q3").notes["avvikelser"] == "Ny."


def test_reach_tables_count_supported_organisations(rapp: Fixture) -> None:
    reach = report_of(rapp.store, "RAPP", "2026Q3").reach
    assert sum(n for *_, n in reach.by_place) == len(
        report_of(rapp.store, "RAPP", "2026Q3").participants
    )
    assert reach.by_size and reach.by_sector


def test_deltagarlista_lists_what_each_organisation_received(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "2026Q3")
    people = {p.name: p for p in report.participants}
    alfa, beta = people["Alfa Verkstad AB"], people["Beta Data AB"]
    assert (alfa.first_in_period, alfa.last_in_period) == (
        dt.date(2026, 7, 15),
        dt.date(2026, 9, 10),
    )
    assert alfa.first_support == dt.date(2026, 5, 10)  # before the period: not "in the period"
    assert alfa.hours == 2 and alfa.employees == 5 and alfa.municipality == ""
    assert sorted(beta.support) == ["needs_analysis", "seminar", "workshop"]
    from hubtui.reports.formats.excel import render_excel

    sheet = render_excel(report)["Deltagarlista"]
    header = [c.value for c in sheet[3]]
    assert header[:6] == ["Organisation", "Org.nr", "Typ", "Kommun", "Län", "Anst."]
    row = {h: c.value for h, c in zip(header, sheet[4], strict=True)}
    assert row["Anst."] == 5 and row["Timmar"] == 2  # numbers, not text
    assert row["Första stöd"] == dt.datetime(2026, 7, 15)  # a date cell, read back


@pytest.mark.parametrize("flag", ["--with-personal-data", "--with-contacts"])
def test_personal_data_only_when_asked_for(rapp: Fixture, run_cli, cwd: Path, flag: str) -> None:  # type: ignore[no-untyped-def]
    plain = run_cli("report", "-p", "RAPP", "--period", "2026Q3", "--format", "md")
    assert plain.exit_code == 0, plain.stderr
    assert "anna@alfa.se" not in (cwd / "lagesrapport-RAPP-2026Q3.md").read_text("utf-8")
    full = run_cli("report", "-p", "RAPP", "--period", "2026Q3", "--format", "md", "--force", flag)
    assert full.exit_code == 0, full.stderr
    assert "anna@alfa.se" in (cwd / "lagesrapport-RAPP-2026Q3.md").read_text("utf-8")
