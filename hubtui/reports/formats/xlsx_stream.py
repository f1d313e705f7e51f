"""Large Excel sheets written fast: openpyxl's write-only mode (rows streamed to the file,
never held as a grid of cell objects), each cell styled by copying one of a few prepared
styles.

The caller hands over a sheet's rows at once; column widths, frozen panes, the filter and
the print set-up are set before the rows are streamed (write-only mode needs them first).

    book = new_book()
    rows = [[("Namn", HEADER), ("Antal", HEADER)], [("Svets AB", None), (3, NUMBER)]]
    write_sheet(book, "Deltagare", rows, SheetLayout(widths={1: 30, 2: 8}, freeze_panes="A2"))
    data = book_bytes(book)
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True, eq=False)
class CellStyle:
    """A cell's look. Make each once and reuse it for many cells (styles are told apart by
    identity)."""

    font: Font | None = None
    fill: PatternFill | None = None
    alignment: Alignment | None = None
    number_format: str | None = None


@dataclass(frozen=True)
class SheetLayout:
    widths: Mapping[int, float]  # column number (from 1) → width in characters
    freeze_panes: str | None = None  # e.g. "A4": the rows above stay put
    auto_filter: str | None = None  # e.g. "A3:F120"
    print_title_rows: str | None = None  # e.g. "3:3": repeated on every printed page
    landscape_fit_width: bool = False  # printed landscape A4, all columns one page wide


Cell = tuple[Any, CellStyle | None]


def new_book() -> Workbook:
    return Workbook(write_only=True)


def write_sheet(
    book: Workbook, title: str, rows: Iterable[Sequence[Cell]], layout: SheetLayout
) -> None:
    """Add a sheet and stream its rows (each a sequence of (value, style or None)); None
    values leave the cell empty. Text starting with "=" stays text, never a formula."""
    sheet: WriteOnlyWorksheet = book.create_sheet(title)
    for column, width in layout.widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    if layout.freeze_panes:
        sheet.freeze_panes = layout.freeze_panes
    if layout.auto_filter:
        sheet.auto_filter.ref = layout.auto_filter
    if layout.print_title_rows:
        sheet.print_title_rows = layout.print_title_rows
    if layout.landscape_fit_width:
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    styled: dict[int, tuple[CellStyle, Any]] = {}  # id(style) → it and its StyleArray
    for row in rows:
        sheet.append([_cell(sheet, value, style, styled) for value, style in row])


def _cell(
    sheet: WriteOnlyWorksheet,
    value: Any,
    style: CellStyle | None,
    styled: dict[int, tuple[CellStyle, Any]],
) -> Any:
    if value is None and style is None:
        return None
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text typed by a user, never a formula
    if style is not None:
        prepared = styled.get(id(style))  # by identity: hashing fonts for every cell is slow
        if prepared is None:
            if style.font is not None:
                cell.font = style.font
            if style.fill is not None:
                cell.fill = style.fill
            if style.alignment is not None:
                cell.alignment = style.alignment
            if style.number_format is not None:
                cell.number_format = style.number_format
            styled[id(style)] = (style, copy(cell._style))
        else:
            cell._style = copy(prepared[1])
    return cell


def book_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
