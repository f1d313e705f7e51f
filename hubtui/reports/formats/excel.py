"""The report as an Excel workbook (openpyxl): one sheet each for indicators, activities,
events, the participant list and gender balance. Numbers are stored as numbers (shares with
a percent format, dates as dates), each sheet's header row is frozen, columns are sized."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hubtui.domain.text import without_controls
from hubtui.reports.document import status_text, title_text
from hubtui.reports.labels import label
from hubtui.reports.model import Report
from hubtui.reports.tables import (
    Table,
    attendance_table,
    count_table,
    event_table,
    group_table,
    indicator_table,
    leader_table,
    participant_table,
    size_table,
    women_share_table,
)

HEADER_FONT = Font(name="Calibri", size=11, bold=True)  # without a name LibreOffice picks a serif
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
NOTE_FONT = Font(name="Calibri", size=9, italic=True)
TITLE_FONT = Font(name="Calibri", size=13, bold=True, italic=False)
FIRST_TABLE_ROW = 3  # row 1: the report's title and status; row 2 empty
MAX_WIDTH = 60
SHEET_TABLES = (
    ("sheet_indicators", (indicator_table, size_table)),
    ("sheet_activities", (lambda r: count_table(r, "type"), lambda r: count_table(r, "category"))),
    ("sheet_events", (event_table,)),
    ("sheet_participants", (participant_table,)),
    ("sheet_gender", (attendance_table, women_share_table, leader_table, group_table)),
)


def _number_format(value: object, share: bool) -> str | None:
    if share:
        return "0.0%"
    if isinstance(value, dt.date):
        return "yyyy-mm-dd"
    if isinstance(value, float) and not value.is_integer():
        return "#,##0.0"
    if isinstance(value, int | float):
        return "#,##0"
    return None


def _write_table(sheet: Worksheet, table: Table, first_row: int, note: str) -> int:
    """Write a table from `first_row`; returns the next free row (after one blank row)."""
    # Numbers right-aligned; text after the first column indented off its left neighbour.
    aligns = [
        Alignment(horizontal="right")
        if numeric
        else Alignment(horizontal="left", indent=1 if c else 0)
        for c, numeric in enumerate(table.numeric)
    ]
    for c, text in enumerate(table.headers, start=1):
        cell = sheet.cell(row=first_row, column=c, value=text)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, aligns[c - 1]
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):  # a control character typed in a name breaks the file
                value = without_controls(value)
            cell = sheet.cell(row=first_row + 1 + r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text typed by a user, never a formula
            fmt = _number_format(value, table.is_share(r, c - 1))
            if fmt:
                cell.number_format = fmt
            cell.alignment = aligns[c - 1]
    after = first_row + len(table.rows) + 1
    if table.has_hidden:  # the suppression rule, under the table it explains
        sheet.cell(row=after, column=1, value=note).font = NOTE_FONT
        after += 1
    return after + 1


def _width(value: object) -> int:
    if value is None:
        return 1
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    return max((len(line) for line in str(value).splitlines()), default=1)


def _size_columns(sheet: Worksheet) -> None:
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.row == 1 or (cell.font is not None and cell.font.italic):
                continue  # the title and notes under tables run on across empty cells
            widths[cell.column] = max(widths.get(cell.column, 0), _width(cell.value))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 3, MAX_WIDTH)


def _print_setup(sheet: Worksheet) -> None:
    """Printed (or as PDF): landscape A4, all columns on one page wide, header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{FIRST_TABLE_ROW}:{FIRST_TABLE_ROW}"


def render_excel(report: Report) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    book.properties.title = without_controls(title_text(report))
    book.properties.language = "sv-SE" if report.lang == "sv" else "en-GB"
    title = without_controls(" · ".join(t for t in (title_text(report), status_text(report)) if t))
    for sheet_key, builders in SHEET_TABLES:
        sheet = book.create_sheet(label(sheet_key, report.lang))
        sheet.cell(row=1, column=1, value=title).font = TITLE_FONT
        row = FIRST_TABLE_ROW
        first: Table | None = None
        for build in builders:
            table = build(report)
            if table is None:
                continue
            first = first or table
            row = _write_table(sheet, table, row, label("suppressed_note", report.lang))
        sheet.freeze_panes = f"A{FIRST_TABLE_ROW + 1}"  # title and the first header stay put
        if first is not None and first.rows:
            last = get_column_letter(len(first.headers))
            sheet.auto_filter.ref = f"A{FIRST_TABLE_ROW}:{last}{FIRST_TABLE_ROW + len(first.rows)}"
        _size_columns(sheet)
        _print_setup(sheet)
    return book


def excel_bytes(report: Report) -> bytes:
    buffer = io.BytesIO()
    render_excel(report).save(buffer)
    return buffer.getvalue()
