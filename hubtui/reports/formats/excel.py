"""The report as an Excel workbook (openpyxl): one sheet each for indicators, activities,
events, the participant list and gender balance. Numbers are stored as numbers (shares with
a percent format, dates as dates), each sheet's header row is frozen, columns are sized."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from hubtui.domain.text import without_controls
from hubtui.reports.document import status_text, title_text
from hubtui.reports.formats.xlsx_stream import (
    Cell,
    CellStyle,
    SheetLayout,
    book_bytes,
    new_book,
    write_sheet,
)
from hubtui.reports.labels import ReportLang, label
from hubtui.reports.model import Report
from hubtui.reports.tables import (
    Table,
    attendance_table,
    change_tables,
    comment_table,
    count_table,
    event_table,
    group_table,
    indicator_table,
    leader_table,
    notes_table,
    participant_table,
    reach_tables,
    size_table,
    women_share_table,
)
from hubtui.store.bulk import collector_paused

HEADER_FONT = Font(name="Calibri", size=11, bold=True)  # without a name LibreOffice picks a serif
HEADER_FILL = PatternFill("solid", fgColor="DCE6F2")
NOTE_FONT = Font(name="Calibri", size=9, italic=True)
TITLE_FONT = Font(name="Calibri", size=13, bold=True, italic=False)
NOTE_STYLE = CellStyle(font=NOTE_FONT)
TITLE_STYLE = CellStyle(font=TITLE_FONT)
FIRST_TABLE_ROW = 3  # row 1: the report's title and status; row 2 empty
MAX_WIDTH = 60
SHEET_TABLES = (
    ("sheet_indicators", (indicator_table, size_table)),
    ("sheet_activities", (lambda r, lang: count_table(r, "type", lang),
                          lambda r, lang: count_table(r, "category", lang))),
    ("sheet_events", (event_table,)),
    ("sheet_participants", (participant_table,)),
    ("sheet_gender", (attendance_table, women_share_table, leader_table, group_table)),
    ("sheet_reach", (lambda r, lang: reach_tables(r, lang)[0],
                     lambda r, lang: reach_tables(r, lang)[1],
                     lambda r, lang: reach_tables(r, lang)[2])),
    ("sheet_notes", (notes_table, comment_table)),
)  # fmt: skip
CHANGE_SHEET = (
    "sheet_changes",
    (lambda r, lang: change_tables(r, lang)[0], lambda r, lang: change_tables(r, lang)[1]),
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


def _table_rows(table: Table, note: str) -> list[list[Cell]]:
    """A table's rows (header, values, the note under it if a cell is hidden, one blank)."""
    # Numbers right-aligned; text after the first column indented off its left neighbour.
    aligns = [
        Alignment(horizontal="right")
        if numeric
        else Alignment(horizontal="left", indent=1 if c else 0)
        for c, numeric in enumerate(table.numeric)
    ]
    heads = [CellStyle(HEADER_FONT, HEADER_FILL, align) for align in aligns]
    styles: dict[tuple[int, str | None], CellStyle] = {}

    def style(column: int, fmt: str | None) -> CellStyle:
        found = styles.get((column, fmt))
        if found is None:
            found = styles[(column, fmt)] = CellStyle(alignment=aligns[column], number_format=fmt)
        return found

    # The style depends on the column, the kind of value and whether it is a share or a whole
    # number: looked up by those, not worked out again for each of the table's cells.
    by_kind: dict[tuple[int, type, bool, bool], CellStyle] = {}
    shares = table.shares
    rows: list[list[Cell]] = [[(table.caption, NOTE_STYLE)]] if table.caption else []
    rows.append(list(zip(table.headers, heads, strict=True)))
    for r, row in enumerate(table.rows):
        cells: list[Cell] = []
        for c, value in enumerate(row):
            share = (r, c) in shares if shares else False
            whole = isinstance(value, float) and value.is_integer()
            key = (c, type(value), share, whole)
            found = by_kind.get(key)
            if found is None:
                found = by_kind[key] = style(c, _number_format(value, share))
            # text as it is: write_sheet takes out the control characters XML cannot hold
            cells.append((value, found))
        rows.append(cells)
    if table.has_hidden:  # the suppression rule, under the table it explains
        rows.append([(note, NOTE_STYLE)])
    rows.append([])
    return rows


def _width(value: object) -> int:
    if value is None:
        return 1
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    return max((len(line) for line in str(value).splitlines()), default=1)


def _widths(tables: list[Table]) -> dict[int, float]:
    """Each column as wide as its widest header or value (the title and the notes under
    tables run on across empty cells and do not count)."""
    widths: dict[int, int] = {}
    for table in tables:
        for c, column in enumerate(zip(table.headers, *table.rows, strict=True), start=1):
            widest = widths.get(c, 0)
            for value in column:
                # no line of a text is longer than the text: most texts need no measuring
                if type(value) is str and 0 < widest >= len(value):
                    continue
                widest = max(widest, _width(value))
            widths[c] = widest
    return {column: min(width + 3, MAX_WIDTH) for column, width in widths.items()}


def excel_bytes(report: Report, lang: ReportLang = "sv") -> bytes:
    """The workbook, streamed sheet by sheet (openpyxl's write-only mode)."""
    with collector_paused():  # a tuple or two per cell, all alive until the sheet is written
        return _excel_bytes(report, lang)


def _excel_bytes(report: Report, lang: ReportLang) -> bytes:
    book = new_book()
    heading = title_text(report, lang)
    book.properties.title = without_controls(heading)
    book.properties.language = "sv-SE" if lang == "sv" else "en-GB"
    title = without_controls(" · ".join(t for t in (heading, status_text(report, lang)) if t))
    note = label("suppressed_note", lang)
    sheets = SHEET_TABLES + ((CHANGE_SHEET,) if report.changes else ())
    for sheet_key, builders in sheets:
        tables = [t for t in (build(report, lang) for build in builders) if t is not None]
        rows: list[list[Cell]] = [[(title, TITLE_STYLE)], []]
        for table in tables:
            rows += _table_rows(table, note)
        first = tables[0] if tables else None
        auto_filter = None
        if first is not None and first.rows:
            last = get_column_letter(len(first.headers))
            auto_filter = f"A{FIRST_TABLE_ROW}:{last}{FIRST_TABLE_ROW + len(first.rows)}"
        layout = SheetLayout(
            widths=_widths(tables),
            freeze_panes=f"A{FIRST_TABLE_ROW + 1}",  # title and the first header stay put
            auto_filter=auto_filter,
            # printed (or as PDF): landscape A4, one page wide, the header on every page
            print_title_rows=f"{FIRST_TABLE_ROW}:{FIRST_TABLE_ROW}",
            landscape_fit_width=True,
        )
        write_sheet(book, label(sheet_key, lang), rows, layout)
    return book_bytes(book)


def render_excel(report: Report, lang: ReportLang = "sv") -> Workbook:
    """The workbook as Excel reads it back (for looking into it; `excel_bytes` writes it)."""
    return load_workbook(io.BytesIO(excel_bytes(report, lang)))
