"""Reading .xlsx and .csv files into one shape: the header and the numbered data rows."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from hubtui.errors import UserError
from hubtui.importers.fields import header_score
from hubtui.importers.values import blank, text_of

# The header row is looked for among the first rows (title rows and notes may come first).
_HEADER_SEARCH_ROWS = 30
ENCODINGS = ("utf-8", "cp1252")
DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class SheetTable:
    """A sheet's header and its non-empty data rows, numbered as the spreadsheet shows them."""

    path: Path
    format: Literal["xlsx", "csv"]
    headers: tuple[str, ...]
    header_row: int
    rows: list[tuple[int, tuple[Any, ...]]] = field(repr=False)
    sheet: str | None = None
    sheet_names: tuple[str, ...] = ()
    encoding: str | None = None
    delimiter: str | None = None

    def cell(self, cells: tuple[Any, ...], index: int) -> Any:
        """A row's cell at a column index, None (blank) when the row is shorter."""
        return blank(cells[index]) if index < len(cells) else None


def read_table(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> SheetTable:
    """Read an .xlsx or .csv file; UserError (one sentence) when it cannot be read."""
    if not path.exists():
        raise UserError("There is no file {path}; check the path.", path=path)
    if path.is_dir():
        raise UserError("{path} is a folder; give the path of an .xlsx or .csv file.", path=path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet:
            raise UserError(
                "{name} is a CSV file with no sheets; leave out --sheet.", name=path.name
            )
        return _read_csv(path, encoding, delimiter)
    if suffix == ".xls":
        raise UserError(
            (
                "{name} is in the old Excel format (.xls); open it in Excel and save it as .xlsx "
                "or CSV."
            ),
            name=path.name,
        )
    raise UserError(
        "{name} is neither an .xlsx nor a .csv file; save it as one of those.", name=path.name
    )


# --- xlsx -------------------------------------------------------------------------------------
def _read_xlsx(path: Path, sheet: str | None) -> SheetTable:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as e:
        raise UserError(
            (
                "{name} cannot be read as an Excel file ({reason}); open it in Excel and save it "
                "as .xlsx again."
            ),
            name=path.name,
            reason=_reason(e),
        ) from None
    try:
        names = tuple(ws.title for ws in workbook.worksheets)
        if not names:
            raise UserError(
                "{name} has no worksheets; add one with the data to import.", name=path.name
            )
        chosen = _choose_sheet(workbook, names, sheet, path)
        worksheet = workbook[chosen]
        worksheet.reset_dimensions()  # some writers record wrong sizes; read what is there
        rows = list(enumerate(worksheet.iter_rows(values_only=True), start=1))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        raise UserError(
            "{name} is damaged ({reason}); open it in Excel and save it as .xlsx again.",
            name=path.name,
            reason=_reason(e),
        ) from None
    finally:
        workbook.close()
    return _table(path, "xlsx", rows, sheet=chosen, sheet_names=names)


def _choose_sheet(workbook: Any, names: tuple[str, ...], sheet: str | None, path: Path) -> str:
    if sheet is not None:
        for name in names:
            if name.casefold() == sheet.strip().casefold():
                return name
        raise UserError(
            "{name} has no sheet '{sheet}'; choose one of {names} with --sheet.",
            name=path.name,
            sheet=sheet,
            names=", ".join(names),
        )
    # The first sheet that looks like a table of known headers (not an instructions tab).
    for name in names:
        head = workbook[name].iter_rows(max_row=_HEADER_SEARCH_ROWS, values_only=True)
        if any(header_score([text_of(c) for c in row]) >= 2 for row in head):
            return name
    return names[0]


def _reason(error: BaseException) -> str:
    return str(error).strip().rstrip(".") or type(error).__name__


# --- csv --------------------------------------------------------------------------------------
def _read_csv(path: Path, encoding: str | None, delimiter: str | None) -> SheetTable:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise UserError(
            "Cannot read {path} ({strerror}); check its permissions.",
            path=path,
            strerror=e.strerror,
        ) from None
    text, used = decode_text(data, encoding, path)
    sep = delimiter if delimiter else detect_delimiter(text)
    if sep == "\\t":
        sep = "\t"
    if len(sep) != 1:
        raise UserError(
            "Delimiter '{sep}' must be one character such as ';', ',' or a tab.", sep=sep
        )
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as e:
        raise UserError(
            "{name} is not a readable CSV file ({reason}); check its quotes.",
            name=path.name,
            reason=e,
        ) from None
    rows = list(enumerate((tuple(r) for r in records), start=1))
    return _table(path, "csv", rows, encoding=used, delimiter=sep)


def decode_text(data: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252 as Swedish Excel saves."""
    if b"\x00" in data[:4096]:
        raise UserError(
            (
                "{name} is not a text file (perhaps UTF-16 or an Excel file renamed); save it "
                "from Excel as 'CSV UTF-8'."
            ),
            name=path.name,
        )
    wanted = (encoding,) if encoding else ENCODINGS
    for name in wanted:
        codec = "utf-8-sig" if name.replace("_", "-").lower() in ("utf-8", "utf8") else name
        try:
            return data.decode(codec), name
        except LookupError:
            raise UserError(
                "Encoding '{name}' is unknown; use {encodings}.",
                name=name,
                encodings=" or ".join(ENCODINGS),
            ) from None
        except UnicodeDecodeError:
            continue
    tried = " or ".join(wanted)
    raise UserError(
        (
            "{name} cannot be read as {tried} text; save it from Excel as 'CSV UTF-8' or give "
            "the right --encoding."
        ),
        name=path.name,
        tried=tried,
    )


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most rows of one width (>1)."""
    sample = text[:65536].splitlines()[:50]
    try:
        sniffed = csv.Sniffer().sniff("\n".join(sample), delimiters="".join(DELIMITERS))
        if sniffed.delimiter in DELIMITERS and _consistency(sample, sniffed.delimiter)[0] > 1:
            best = sniffed.delimiter
        else:
            best = ""
    except csv.Error:
        best = ""
    # The sniffer can be fooled by decimal commas and title rows; counting settles it.
    scored = {d: _consistency(sample, d) for d in DELIMITERS}
    counted = max(DELIMITERS, key=lambda d: scored[d])
    if not best or scored[counted] > scored[best]:
        best = counted
    return best if scored[best][1] > 1 else ","


def _consistency(lines: Sequence[str], delimiter: str) -> tuple[int, int]:
    """(rows sharing the most common width, that width) when split by this delimiter."""
    try:
        widths = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
    except csv.Error:
        return (0, 0)
    if not widths:
        return (0, 0)
    width, count = Counter(widths).most_common(1)[0]
    return (count, width) if width > 1 else (0, width)


# --- the header -------------------------------------------------------------------------------
def _table(
    path: Path,
    fmt: Literal["xlsx", "csv"],
    rows: Iterable[tuple[int, tuple[Any, ...]]],
    **source: Any,
) -> SheetTable:
    numbered = [(n, cells) for n, cells in rows if any(blank(c) is not None for c in cells)]
    if not numbered:
        raise UserError(
            "{name} holds no data; check that it is the right file or sheet.", name=path.name
        )
    start, end = _header_block(numbered[:_HEADER_SEARCH_ROWS])
    block = [cells for _, cells in numbered[start : end + 1]]
    width = max(len(cells) for _, cells in numbered)
    headers = tuple(_column_header(block, i) for i in range(width))
    data = [(n, cells) for n, cells in numbered[end + 1 :]]
    return SheetTable(path, fmt, headers, numbered[end][0], data, **source)


def _header_cells(cells: tuple[Any, ...]) -> list[str]:
    return [text_of(c) for c in cells]


def _looks_like_header(cells: tuple[Any, ...]) -> bool:
    filled = [c for c in cells if blank(c) is not None]
    score = header_score(_header_cells(cells))
    return score >= 1 and all(isinstance(c, str) for c in filled) and score * 2 >= len(filled)


def _header_block(head: list[tuple[int, tuple[Any, ...]]]) -> tuple[int, int]:
    """First and last index of the header rows: the best-scoring row and adjacent header rows
    (a group row of merged cells above it, or sub-headers below it)."""
    scores = [header_score(_header_cells(cells)) for _, cells in head]
    best = max(range(len(head)), key=lambda i: (scores[i], -i))
    if scores[best] == 0:
        # Unknown headers: the first row with two or more cells (a title row has one).
        best = next((i for i, (_, c) in enumerate(head) if _filled(c) >= 2), 0)
        return best, best
    start = end = best
    while (
        start > 0 and _adjacent(head, start - 1, start) and _looks_like_header(head[start - 1][1])
    ):
        start -= 1
    while (
        end + 1 < len(head)
        and _adjacent(head, end, end + 1)
        and _looks_like_header(head[end + 1][1])
    ):
        end += 1
    return start, end


def _adjacent(head: list[tuple[int, tuple[Any, ...]]], a: int, b: int) -> bool:
    return head[b][0] == head[a][0] + 1


def _filled(cells: tuple[Any, ...]) -> int:
    return sum(1 for c in cells if blank(c) is not None)


def _column_header(block: list[tuple[Any, ...]], index: int) -> str:
    """The lowest non-empty header cell of a column: the most specific name it has
    ("Kvinnor" under a merged "Deltagare"; a vertically merged "Företag" above an empty cell)."""
    for cells in reversed(block):
        if index < len(cells) and blank(cells[index]) is not None:
            return text_of(cells[index])
    return ""
