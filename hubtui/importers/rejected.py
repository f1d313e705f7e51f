"""The rejected rows, written beside the input with the reason, to fix and import again."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from hubtui.errors import UserError
from hubtui.files import write_atomically
from hubtui.importers.plan import RejectedRow
from hubtui.importers.reading import SheetTable

REASON_HEADER = "Rejected because"


def rejected_path(table: SheetTable) -> Path:
    """`<name>.rejected.xlsx` or `<name>.rejected.csv` in the input's folder."""
    suffix = ".xlsx" if table.format == "xlsx" else ".csv"
    return table.path.with_name(f"{table.path.stem}.rejected{suffix}")


def write_rejected(table: SheetTable, rejected: Sequence[RejectedRow]) -> Path:
    """Write the header, each rejected row as it was read, and a reason column."""
    path = rejected_path(table)
    width = len(table.headers)
    header: list[object] = [*table.headers, REASON_HEADER]
    rows: list[list[object]] = [
        [*row.cells[:width], *([None] * (width - len(row.cells))), row.reason]
        for row in sorted(rejected, key=lambda r: r.row)
    ]
    try:
        if table.format == "xlsx":
            data = _xlsx_bytes(table.sheet or "Rejected", header, rows)
        else:
            text = io.StringIO(newline="")
            writer = csv.writer(text, delimiter=table.delimiter or ";")
            writer.writerow(header)
            writer.writerows(rows)
            data = text.getvalue().encode("utf-8-sig")
        write_atomically(path, data)  # 0600: the rows hold contacts
    except OSError as e:
        raise UserError(
            (
                "Cannot write the rejected rows to {path} ({strerror}); close the file if it is "
                "open in another program and import again."
            ),
            path=path,
            strerror=e.strerror,
        ) from None
    return path


def _xlsx_bytes(title: str, header: list[object], rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def legal(value: object) -> object:
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([legal(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
