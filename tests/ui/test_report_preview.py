"""The report preview's tables: no date, number or heading broken at 100 columns."""

from __future__ import annotations

from rich.console import Console

from hubtui.ui.widgets.report_preview import CHROME, FittedTable, column_widths, narrowest

HEADERS = ["Datum", "Typ", "Rubrik", "Antal org.", "Kvinnor", "Män", "Annat", "Ej angivet"]
TITLE = "Gemensam behovskartläggning: AI-förordningen"
ROWS = [
    ["2026-07-07", "Behovsanalys", TITLE, "6", "x", "x", "0", "0"],
    ["2026-08-11", "Seminarium", "Seminarium: XR-stöd vid montering", "12", "<3", "x", "0", "0"],
]


def test_columns_give_way_widest_first_and_never_below_a_word() -> None:
    widths = column_widths(HEADERS, ROWS, 96)
    assert sum(widths) + CHROME * len(widths) + 1 <= 96
    assert widths[:2] == [10, 12]  # the date and the type whole
    assert widths[3:] == [10, 7, 3, 5, 10]  # the headings on one line: the title gave way
    assert column_widths(HEADERS, ROWS, 500)[2] == len(ROWS[0][2])  # room: one line
    assert narrowest(HEADERS, ROWS) <= 96


def test_a_table_drawn_at_96_columns_keeps_its_dates_and_headings() -> None:
    console = Console(width=96, record=True)
    console.print(FittedTable(HEADERS, ROWS))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 96
    for whole in ("2026-07-07", "2026-08-11", "Behovsanalys", "Kvinnor", "angivet"):
        assert whole in text
