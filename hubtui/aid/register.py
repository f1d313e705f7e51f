"""The register export: every grant of aid in a date range, one row per beneficiary and
activity, with the fields a central de minimis register asks for (CSV or Excel)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

from hubtui.services.aid_overview import RegisterRow

HEADER = (
    "orgnr",
    "name",
    "country",
    "scheme",
    "amount_sek",
    "amount_eur",
    "granted",
    "grantor",
    "project",
)
WIDTHS = (13, 32, 8, 12, 14, 14, 12, 30, 12)


def _values(row: RegisterRow) -> list[Any]:
    line = row.line
    return [
        line.orgnr,
        line.organisation,
        row.country,
        line.scheme,
        line.amount_sek,
        line.amount_eur,
        line.date,
        line.grantor,
        line.project,
    ]


def register_csv(rows: Sequence[RegisterRow]) -> bytes:
    """UTF-8 CSV, comma separated, amounts with a decimal point, dates as YYYY-MM-DD."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in rows:
        values = _values(row)
        values[4], values[5] = f"{values[4]:.2f}", f"{values[5]:.2f}"
        values[6] = values[6].isoformat()
        writer.writerow(values)
    return out.getvalue().encode("utf-8")


def register_xlsx(rows: Sequence[RegisterRow]) -> bytes:
    """An Excel sheet with real numbers and dates."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Aid"
    sheet.append(list(HEADER))
    for row in rows:
        values = _values(row)
        values[4], values[5] = float(values[4]), float(values[5])
        sheet.append(values)
    for column, width in zip("ABCDEFGHI", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    for cells in sheet.iter_rows(min_row=2):
        cells[4].number_format = cells[5].number_format = "#,##0.00"
        cells[6].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
