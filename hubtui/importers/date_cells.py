"""Turning a spreadsheet cell into a date: date cells, Excel serial numbers and the ways
people write dates in Sweden. Every parser raises InvalidValue, nothing else."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from hubtui.domain.errors import InvalidValue
from hubtui.importers.values import text_of

# Excel counts days from 1899-12-30 (it believes 1900 was a leap year).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers below this (1927-05-18) are more likely years or counts than dates.
_MIN_SERIAL = 10_000
_MAX_SERIAL = 2_958_465  # 9999-12-31

_SWEDISH_MONTHS = {
    name: index + 1
    for index, names in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "february"),
            ("mars", "mar", "march"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("augusti", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}


def _date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidValue(
            "Date '{text}' does not exist; check the day and month.", text=text
        ) from None


def _from_serial(value: float, text: str) -> dt.date:
    if not _MIN_SERIAL <= value <= _MAX_SERIAL:
        if 1900 <= value <= 2100 and float(value).is_integer():
            raise InvalidValue(
                "Date '{text}' is only a year; write the full date as YYYY-MM-DD.", text=text
            )
        raise InvalidValue("Date '{text}' is not a date; write it as YYYY-MM-DD.", text=text)
    return _EXCEL_EPOCH + dt.timedelta(days=int(value))


def parse_date_cell(cell: Any) -> dt.date:
    """A date: a date cell, an Excel serial number, "2026-03-01", "20260301", "1/3 2026",
    "1/3/2026", "1.3.2026" or "1 mars 2026" (Swedish order: day before month)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, bool):
        raise InvalidValue("Date '{cell}' is not a date; write it as YYYY-MM-DD.", cell=cell)
    if isinstance(cell, int | float):
        if isinstance(cell, float) and not math.isfinite(cell):
            raise InvalidValue("Date '{cell}' is not a date; write it as YYYY-MM-DD.", cell=cell)
        if float(cell).is_integer() and 19000101 <= cell <= 29991231:
            return parse_date_cell(str(int(cell)))
        return _from_serial(float(cell), text_of(cell))
    text = text_of(cell)
    # A time after the date ("2026-03-01 10:00", "2026-03-01T10:00:00") is dropped.
    core = re.sub(r"[ T]\d{1,2}[:.]\d{2}([:.]\d{2}(\.\d+)?)?$", "", text).strip()
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", core):
        return _date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := re.fullmatch(r"(\d{4})(\d{2})(\d{2})", core):
        return _date(int(m[1]), int(m[2]), int(m[3]), text)
    if m := re.fullmatch(r"(\d{1,2})\s*[/.]\s*(\d{1,2})(?:\s*[/.\- ]\s*|\s+)(\d{4})", core):
        return _date(int(m[3]), int(m[2]), int(m[1]), text)
    if m := re.fullmatch(r"(\d{1,2})\s*\.?\s*([^\W\d_]+)\.?\s+(\d{4})", core):
        month = _SWEDISH_MONTHS.get(m[2].casefold())
        if month is not None:
            return _date(int(m[3]), month, int(m[1]), text)
    if re.fullmatch(r"\d{4,7}([.,]\d+)?", core):
        return _from_serial(float(core.replace(",", ".")), text)
    raise InvalidValue(
        (
            "Date '{text}' is not understood; write it as YYYY-MM-DD (2026-03-01), D/M YYYY "
            "(1/3 2026) or YYYYMMDD."
        ),
        text=text,
    )
