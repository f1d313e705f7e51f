"""Which column holds which field: guessed, overridden with --map, saved to a TOML file."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from hubtui.errors import UserError
from hubtui.files import write_atomically
from hubtui.i18n import _
from hubtui.importers.fields import FIELDS, Kind, guess_mapping, parse_kind
from hubtui.importers.values import match_key

IGNORE = ("", "-", "ignore", "none")


@dataclass(frozen=True)
class ColumnMapping:
    """Column index → field for one kind of import."""

    kind: Kind
    headers: tuple[str, ...]
    columns: Mapping[int, str]

    def index_of(self, field_name: str) -> int | None:
        for index, name in self.columns.items():
            if name == field_name:
                return index
        return None

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(self.columns.values())

    def column_label(self, index: int) -> str:
        header = self.headers[index] if index < len(self.headers) else ""
        return header or f"column {get_column_letter(index + 1)}"

    def lines(self) -> list[str]:
        """The mapping as the user sees it: one line per column."""
        width = max((len(self.column_label(i)) for i in range(len(self.headers))), default=0)
        return [
            f"  {self.column_label(i).ljust(width)}  →  {self.columns.get(i) or _('(ignored)')}"
            for i in range(len(self.headers))
        ]

    def with_field(self, index: int, field_name: str) -> ColumnMapping:
        """A copy with one column mapped to a field ("" ignores it); the field leaves any
        other column it was on, since one field comes from one column."""
        columns = {i: f for i, f in self.columns.items() if i != index and f != field_name}
        if field_name:
            columns[index] = field_name
        return ColumnMapping(self.kind, self.headers, dict(sorted(columns.items())))


@dataclass(frozen=True)
class SavedMapping:
    """A mapping file: the kind, perhaps the sheet, and header → field."""

    kind: Kind | None = None
    sheet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)


def build_mapping(
    headers: Sequence[str],
    kind: Kind,
    *,
    saved: SavedMapping | None = None,
    overrides: Sequence[str] = (),
) -> ColumnMapping:
    """The guessed mapping, then the saved file's columns, then each --map COLUMN=FIELD."""
    mapping = ColumnMapping(kind, tuple(headers), guess_mapping(headers, kind))
    if saved is not None:
        for column, field_name in saved.columns.items():
            index = _column_index(headers, column, strict=False)
            if index is not None:
                mapping = mapping.with_field(index, _field(field_name, kind))
    for override in overrides:
        column, sep, field_name = override.partition("=")
        if not sep or not column.strip():
            raise UserError(
                "--map '{override}' needs the form COLUMN=FIELD, e.g. 'Org.nr=orgnr'.",
                override=override,
            )
        index = _column_index(headers, column, strict=True)
        assert index is not None  # strict lookups raise instead
        mapping = mapping.with_field(index, _field(field_name, kind))
    return mapping


def _field(name: str, kind: Kind) -> str:
    key = name.strip().lower()
    if key in IGNORE:
        return ""
    if key not in FIELDS[kind]:
        raise UserError(
            ("'{name}' is not a field of {kind}; use one of {fields} (or - to ignore the column)."),
            name=name,
            kind=kind,
            fields=", ".join(FIELDS[kind]),
        )
    return key


def _column_index(headers: Sequence[str], column: str, *, strict: bool) -> int | None:
    """A column by its header (any case, spacing or punctuation) or its letter (A, B, AA)."""
    wanted = match_key(column)
    matches = [i for i, h in enumerate(headers) if h and match_key(h) == wanted]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1 and strict:
        letters = ", ".join(get_column_letter(i + 1) for i in matches)
        raise UserError(
            (
                "Several columns are headed '{column}' ({letters}); name the one you mean by its "
                "letter, e.g. --map C=orgnr."
            ),
            column=column,
            letters=letters,
        )
    text = column.strip()
    if text.isascii() and text.isalpha() and len(text) <= 3:
        index = column_index_from_string(text.upper()) - 1
        if index < len(headers):
            return index
    if strict:
        shown = ", ".join(f"'{h}'" for h in headers if h)
        raise UserError(
            "There is no column '{column}'; the columns are {shown}.", column=column, shown=shown
        )
    return None


def load_mapping_file(path: Path) -> SavedMapping:
    """Read a mapping file written by --save-mapping (or by hand)."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("There is no mapping file {path}; check the path.", path=path) from None
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(
            "Cannot read the mapping file {path} ({reason}).", path=path, reason=e
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise UserError(
            "The mapping file {path} is not valid TOML ({reason}); fix that line.",
            path=path,
            reason=e,
        ) from None
    columns = raw.get("columns", {})
    if not isinstance(columns, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
    ):
        raise UserError(
            'The mapping file {path} needs a [columns] table of "header" = "field" lines.',
            path=path,
        )
    kind = raw.get("kind")
    sheet = raw.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise UserError(
            "The mapping file {path} sets sheet to {sheet!r}; it must be text.",
            path=path,
            sheet=sheet,
        )
    return SavedMapping(
        kind=parse_kind(kind) if isinstance(kind, str) else None, sheet=sheet, columns=columns
    )


def save_mapping_file(path: Path, mapping: ColumnMapping, sheet: str | None = None) -> Path:
    """Write the mapping (every header, ignored ones as "") for the next import of such files."""
    import tomli_w

    data: dict[str, Any] = {"kind": mapping.kind}
    if sheet:
        data["sheet"] = sheet
    data["columns"] = {
        header: mapping.columns.get(index, "")
        for index, header in enumerate(mapping.headers)
        if header
    }
    text = (
        '# hubtui import mapping: spreadsheet header = hubtui field ("" ignores the column).\n'
        + tomli_w.dumps(data)
    )
    try:
        write_atomically(path, text.encode("utf-8"))  # 0600, like every file hubtui writes
    except OSError as e:
        raise UserError(
            "Cannot write the mapping file {path} ({strerror}).", path=path, strerror=e.strerror
        ) from None
    return path
