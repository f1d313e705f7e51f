"""The rejected rows, written beside the input with the reason, to fix and import again."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from hubtui.errors import UserError
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
            _write_xlsx(path, table.sheet or "Rejected", header, rows)
        else:
            with path.open("w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f, delimiter=table.delimiter or ";")
                writer.writerow(header)
                writer.writerows(rows)
    except OSError as e:
        raise UserError(
            f"Cannot write the rejected rows to {path} ({e.strerror}); close the file if it is "
            "open in another program and import again."
        ) from None
    return path


def _write_xlsx(path: Path, title: str, header: list[object], rows: list[list[object]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def legal(value: object) -> object:
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append([legal(v) for v in row])
    workbook.save(path)
