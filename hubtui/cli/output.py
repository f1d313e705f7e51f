"""Printing lists as a table, JSON (an array of objects) or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import click

from hubtui.domain.text import INERT, inert_line, without_controls
from hubtui.i18n import N_, _, language, number_text
from hubtui.i18n.fields import FIELD_WORDS

# A table's column headings in words (JSON and CSV keep the keys, for scripts).
HEADERS = {
    **FIELD_WORDS,
    "project": N_("project"),
    "organisations": N_("organisations"),
    "organisation": N_("organisation"),
    "when": N_("when"),
    "field": N_("field"),
    "value": N_("value"),
    "status": N_("status"),
    "device": N_("device"),
    "last_synced": N_("last synced"),
    "changes_imported": N_("changes received"),
    "compaction": N_("compaction"),
    "legal_basis": N_("legal basis"),
    "stage": N_("stage"),
    "overall": N_("overall"),
    "code": N_("code"),
    "start": N_("start"),
    "end": N_("end"),
    "counties": N_("counties"),
    "funders": N_("funders"),
    "partner": N_("partner"),
    "host": N_("host"),
    "location": N_("location"),
    "taken_at": N_("taken"),
    "reason": N_("reason"),
    "size_kb": N_("size (kB)"),
    "path": N_("file"),
    "amount": N_("amount"),
    "currency": N_("currency"),
    "source": N_("source"),
    "scheme": N_("scheme"),
    "grantor": N_("grantor"),
    "participants": N_("participants"),
    "id": N_("id"),
    "label": N_("label"),
    "metric": N_("metric"),
    "target": N_("target"),
    "period": N_("period"),
    "period_value": N_("in the period"),
    "cumulative_value": N_("cumulative"),
    "expected_by_now": N_("expected by now"),
    "progress": N_("progress"),
}


def heading(column: str) -> str:
    return _(HEADERS[column]) if column in HEADERS else column.replace("_", " ")


FORMATS = ("table", "json", "csv")
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in INERT if code >= 0x7F}


def format_option(*choices: str) -> Any:
    choices = choices or FORMATS
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="How to print the result.",
    )


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def emit(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: str,
    words: Mapping[str, Callable[[Any], str]] | None = None,
) -> None:
    """Print rows; `columns` are the keys shown in a table or CSV (JSON gets every key).

    A table is for people: `words` turns a column's stored values (an activity type's id, a
    size class) into the user's words, and numbers are written the language's way. JSON and
    CSV keep the stored values and plain numbers, for scripts and spreadsheets."""
    if fmt == "json":
        data = [{k: _plain(v) for k, v in row.items()} for row in rows]
        # json escapes C0 controls itself; DEL, C1 and bidi controls too, as \uXXXX (same data)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([without_controls(_cell(row.get(c))) for c in columns])
    else:
        if words:
            rows = [
                {**row, **{c: f(row[c]) for c, f in words.items() if row.get(c)}} for row in rows
            ]
        click.echo(table_text(rows, columns))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return str(_plain(value))


def text_cell(value: Any) -> str:
    """A value as a table or a `show` line prints it (numbers in the language's way)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number_text(value)
    if isinstance(value, list | tuple):
        return ", ".join(text_cell(v) for v in value)
    return _cell(value)


def enum_words(kind: Callable[[str], Any]) -> Callable[[Any], str]:
    """The words of a labelled enum's stored value (the value itself if it is not one)."""

    def words(value: Any) -> str:
        from hubtui.domain.activity_types import label

        try:
            return label(kind(value), language())
        except ValueError:
            return str(value)

    return words


def activity_type_words(value: Any) -> str:
    from hubtui.domain.activity_types import ACTIVITY_TYPES, label

    kind = ACTIVITY_TYPES.get(value)
    return label(kind, language()) if kind else str(value)


def table_text(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    cells = [[inert_line(text_cell(row.get(c))) for c in columns] for row in rows]
    headings = [heading(c) for c in columns]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(headings)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(headings, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    if not rows:
        lines.append(_("(none)"))
    return "\n".join(lines)
