"""CSV output: UTF-8 with a byte order mark (so Excel shows Swedish letters right) and `;`
as the default separator (what Excel expects in a Swedish locale). With `;` decimals get a
comma, as Swedish Excel reads them; with any other separator, a point."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from hubtui.domain.text import without_controls
from hubtui.reports.document import status_text
from hubtui.reports.labels import ReportLang, label
from hubtui.reports.model import Report
from hubtui.reports.tables import indicator_table

DEFAULT_SEPARATOR = ";"
BOM = "\ufeff"
# Text starting with these is run as a formula by spreadsheet programs ("CSV injection"):
# such cells get a leading apostrophe, which Excel and LibreOffice read as "this is text".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: object, separator: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:.4f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if separator == ";" else text
    text = without_controls(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[object]], separator: str = DEFAULT_SEPARATOR
) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_value(v, separator) for v in row])
    return buffer.getvalue().encode("utf-8")


def indicator_csv(
    report: Report, separator: str = DEFAULT_SEPARATOR, lang: ReportLang = "sv"
) -> bytes:
    """The indicator table with the KPI id and metric first; status as its id; last, the
    report's own status on every row ("Utkast · Preliminär, uttag …", as on the first page of
    the other formats), so a figure copied out of a draft stays marked."""
    table = indicator_table(report, lang)
    status = status_text(report, lang)
    rows = [
        (i.id, i.metric, *row[:-1], i.status, status)
        for i, row in zip(report.indicators, table.rows, strict=True)
    ]
    headers = ("id", "metric", *table.headers, label("col_report_status", lang))
    return csv_bytes(headers, rows, separator)
