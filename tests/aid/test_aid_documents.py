"""The notice, the declaration form and the register export, read back with python-docx,
the csv module and openpyxl."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
from aid_fixture import ALFA, BETA, GAMMA
from click.testing import Result

Run = Callable[..., str]


def _text(path: Path) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(str(path))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return paragraphs, tables


def _serve(hub: Run) -> None:
    # P1 (rate 10, 1000 SEK/h, Region Västmanland): 2 h and 3.5 h to Alfa in 2026Q1,
    # a seminar to Alfa with 800 SEK entered, and 4 h under GBER art. 28 (not in the notice)
    hub("log", "advisory", "--project", "P1", "--date", "2026-01-15", "--org", ALFA,
        "--hours", "2", "--title", "AI-strategi")  # fmt: skip
    hub("log", "testbed_session", "--project", "P1", "--date", "2026-03-02", "--org", ALFA,
        "--hours", "3.5")  # fmt: skip
    hub("log", "seminar", "--project", "P1", "--date", "2026-02-10", "--org", ALFA,
        "--org", GAMMA, "--women", "4", "--aid-sek", "1600")  # fmt: skip
    hub("log", "advisory", "--project", "P1", "--date", "2026-02-11", "--org", ALFA,
        "--hours", "4", "--aid-scheme", "gber_28")  # fmt: skip
    # P2 (Mälardalens universitet, 1100 SEK/h at 11 SEK/EUR): 1 h to Alfa in April
    hub("log", "advisory", "--project", "P2", "--date", "2026-04-02", "--org", ALFA,
        "--hours", "1")  # fmt: skip


def test_the_notice_of_de_minimis_aid(
    hub: Run, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    _serve(hub)
    out = tmp_path / "besked.docx"
    hub("aid", "letter", "--org", ALFA, "--period", "2026Q1", "--out", str(out))
    text, tables = _text(out)
    # by hand: 2000 + 3500 + 800 (half of 1600) SEK = 6300 SEK = 630 EUR at 10 SEK/EUR
    assert "Till: Alfa AB, organisationsnummer 556100-0018" in text
    assert "Från: Region Västmanland" in text
    assert "Stödets värde är 6 300,00 kronor, vilket motsvarar 630,00 euro." in text
    assert "stöd av mindre betydelse (de minimis-stöd) enligt kommissionens förordning (EU) " \
        "2023/2831" in text  # fmt: skip
    assert "2026-01-01 – 2026-03-31" in text
    assert "sparar uppgifterna om stödet i 10 år" in text
    (table,) = tables
    assert [row[0] for row in table] == ["Datum", "2026-01-15", "2026-02-10", "2026-03-02", "Summa"]
    assert table[1][2] == "advisory: AI-strategi"
    assert [row[3] for row in table[1:]] == ["2 000,00", "800,00", "3 500,00", "6 300,00"]
    assert table[-1][4] == "630,00"
    # the whole half year holds aid from two grantors: one notice per grantor
    both = run_cli("aid", "letter", "--org", ALFA, "--period", "2026H1", "--out", str(out))
    assert both.exit_code == 2 and "--project" in both.stderr
    hub("aid", "letter", "--org", ALFA, "--period", "2026H1", "--project", "P2", "--out",
        str(out), "--force")  # fmt: skip
    text, _tables = _text(out)
    assert "Från: Mälardalens universitet" in text
    assert "1 100,00 kronor, vilket motsvarar 100,00 euro" in text
    nothing = run_cli("aid", "letter", "--org", BETA, "--period", "2026Q1")
    assert nothing.exit_code == 2 and "no de minimis aid" in nothing.stderr
    again = run_cli("aid", "letter", "--org", ALFA, "--period", "2026Q1", "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.stderr


def test_the_declaration_form(hub: Run, tmp_path: Path) -> None:
    today = dt.date.today()
    hub("aid", "declare", "--org", BETA, "--grantor", "Almi", "--amount", "5000",
        "--currency", "EUR", "--date", (today - dt.timedelta(days=30)).isoformat(),
        "--eur-rate", "11.5")  # fmt: skip
    out = tmp_path / "intyg.docx"
    hub("aid", "declaration", "--org", ALFA, "--out", str(out))
    text, tables = _text(out)
    assert "Företag: Alfa AB" in text and "Organisationsnummer: 556100-0018" in text
    assert "Intyget lämnas till: Mälardalens universitet, Region Västmanland" in text
    group, known, blank = tables
    assert group[1] == ["Beta AB", BETA]
    assert known[1][0] == "Almi" and known[1][1] == "Beta AB"
    assert known[1][4:] == ["57 500,00", "5 000,00"]
    assert len(blank) == 7 and all(cell == "" for row in blank[1:] for cell in row)
    assert "Underskrift" in text


def test_register_export(hub: Run, run_cli: Callable[..., Result], tmp_path: Path) -> None:
    _serve(hub)
    hub("org", "edit", GAMMA, "--country", "NO")
    text = hub("aid", "export", "--from", "2026-02-01", "--to", "2026-03-31")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["granted"], r["orgnr"], r["scheme"], r["amount_sek"]) for r in rows] == [
        ("2026-02-10", ALFA, "de_minimis", "800.00"),
        ("2026-02-10", "556100-0034", "de_minimis", "800.00"),
        ("2026-02-11", ALFA, "gber_28", "4000.00"),
        ("2026-03-02", ALFA, "de_minimis", "3500.00"),
    ]
    assert rows[0]["amount_eur"] == "80.00" and rows[0]["country"] == "SE"
    assert rows[1]["country"] == "NO"
    assert rows[0]["grantor"] == "Region Västmanland" and rows[0]["project"] == "P1"
    assert rows[0]["name"] == "Alfa AB"
    out = tmp_path / "register.xlsx"
    hub("aid", "export", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "xlsx",
        "--out", str(out))  # fmt: skip
    sheet = openpyxl.load_workbook(out).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("orgnr", "name", "country", "scheme")
    assert len(values) == 7
    assert values[-1][4:7] == (1100, 100, dt.datetime(2026, 4, 2))
    bad = run_cli("aid", "export", "--from", "2026-02-01", "--to", "2026-01-01")
    assert bad.exit_code == 2 and "before" in bad.stderr
    assert run_cli("aid", "export", "--from", "2026-01-01", "--to", "2026-02-01",
                   "--format", "xlsx").exit_code == 2  # fmt: skip
