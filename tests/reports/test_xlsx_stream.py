"""The write-only sheet writer: what Excel (openpyxl) reads back from its file."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

from hubtui.reports.formats.xlsx_stream import (
    CellStyle,
    SheetLayout,
    book_bytes,
    new_book,
    write_sheet,
)


def test_values_styles_and_layout_survive_the_file() -> None:
    header = CellStyle(Font(name="Calibri", bold=True), PatternFill("solid", fgColor="DCE6F2"))
    number = CellStyle(alignment=Alignment(horizontal="right"), number_format="#,##0")
    day = CellStyle(number_format="yyyy-mm-dd")
    rows = [
        [("Titel", None)],
        [],
        [("Namn", header), ("Antal", header), ("Datum", header)],
        [('=HYPERLINK("x")', None), (1200, number), (dt.date(2026, 3, 1), day)],
        [("Svets AB", None), (None, number), (None, None)],
    ]
    book = new_book()
    layout = SheetLayout(
        widths={1: 30, 2: 9},
        freeze_panes="A4",
        auto_filter="A3:C5",
        print_title_rows="3:3",
        landscape_fit_width=True,
    )
    write_sheet(book, "Blad", rows, layout)
    write_sheet(book, "Tomt", [], SheetLayout(widths={}))
    read = openpyxl.load_workbook(io.BytesIO(book_bytes(book)))
    sheet = read["Blad"]
    assert read.sheetnames == ["Blad", "Tomt"]
    assert sheet["A1"].value == "Titel" and sheet["A3"].font.bold
    assert sheet["A3"].fill.fgColor.rgb.endswith("DCE6F2") and not sheet["A4"].font.bold
    assert sheet["A4"].value == '=HYPERLINK("x")' and sheet["A4"].data_type == "s"  # not a formula
    assert sheet["B4"].value == 1200 and sheet["B4"].number_format == "#,##0"
    assert sheet["B4"].alignment.horizontal == "right"
    assert (
        sheet["C4"].value == dt.datetime(2026, 3, 1) and sheet["C4"].number_format == "yyyy-mm-dd"
    )
    assert sheet["B5"].value is None and sheet["A5"].value == "Svets AB"
    assert sheet.column_dimensions["A"].width == 30 and sheet.column_dimensions["B"].width == 9
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref == "A3:C5"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1


def test_text_that_needs_escaping_and_other_kinds_of_value() -> None:
    bold = CellStyle(Font(bold=True))
    rows = [
        [("a < b & c > d", None), (" spaced ", bold), ("", None), (True, None), (2.5, None)],
        [("Åsa Öberg – “citat”", None), (None, bold), (dt.date(2026, 1, 2), None)],
    ]
    book = new_book()
    write_sheet(book, "Blad", rows, SheetLayout(widths={}))
    sheet = openpyxl.load_workbook(io.BytesIO(book_bytes(book)))["Blad"]
    assert sheet["A1"].value == "a < b & c > d" and sheet["B1"].value == " spaced "
    assert sheet["B1"].font.bold and not sheet["A1"].font.bold
    assert sheet["C1"].value is None and sheet["D1"].value is True and sheet["E1"].value == 2.5
    assert sheet["A2"].value == "Åsa Öberg – “citat”" and sheet["B2"].font.bold
    assert sheet["C2"].value == dt.datetime(2026, 1, 2) and sheet["C2"].is_date


def test_control_characters_never_break_the_file() -> None:
    """XML 1.0 cannot hold most control characters: the writer drops them, whoever calls it."""
    rows = [[("Svets\x00\x01 AB \x1b[31m", None), ("rad\tett\nrad två", None)]]
    book = new_book()
    write_sheet(book, "Blad", rows, SheetLayout(widths={}))
    sheet = openpyxl.load_workbook(io.BytesIO(book_bytes(book)))["Blad"]
    assert sheet["A1"].value == "Svets AB [31m"
    assert sheet["B1"].value == "rad\tett\nrad två"
