"""Small pieces shared by the record commands: files, view rows and option types."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from hubtui.domain import bounds
from hubtui.domain.errors import Term, UserError
from hubtui.domain.text import inert
from hubtui.files import write_atomically


def read_text(path: Path, what: str) -> str:
    """The text of a file, or a UserError that says why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(
            "There is no {what} at {path}; check the path.", what=Term(what), path=path
        ) from None
    except IsADirectoryError:
        raise UserError(
            "{path} is a folder, not a {what}; give the file's path.", path=path, what=Term(what)
        ) from None
    except UnicodeDecodeError:
        raise UserError(
            "The {what} {path} is not UTF-8 text; save it as UTF-8.", what=Term(what), path=path
        ) from None
    except OSError as e:
        raise UserError(
            "Cannot read the {what} {path} ({strerror}); check it.",
            what=Term(what),
            path=path,
            strerror=e.strerror,
        ) from None


def write_private(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` atomically with mode 0600; refuse to overwrite without `force`."""
    if path.exists() and not force:
        raise UserError(
            "{path} already exists; give --force to overwrite it or choose another.", path=path
        )
    if path.is_dir():
        raise UserError("{path} is a folder; give a file path to --out.", path=path)
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as e:
        raise UserError(
            "Cannot write {path} ({strerror}); choose another place.",
            path=path,
            strerror=e.strerror,
        ) from None


def as_row(view: Any, **extra: Any) -> dict[str, Any]:
    """A view as a plain dict (tuples as lists) for table, JSON or CSV output."""
    row = {k: list(v) if isinstance(v, tuple) else v for k, v in vars_of(view).items()}
    row.update(extra)
    return row


def vars_of(view: Any) -> dict[str, Any]:
    return {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}


def joined(items: Iterable[str]) -> str:
    return ", ".join(i for i in items if i)


def show_fields(pairs: Sequence[tuple[str, Any]]) -> None:
    """Print `label: value` lines, labels (msgids, see `N_`) in the user's language, aligned."""
    from hubtui.i18n import _

    labels = [_(label) for label, _value in pairs]
    width = max(len(label) for label in labels)
    for label, (_key, value) in zip(labels, pairs, strict=True):
        click.echo(f"{label.ljust(width)}  {plain(value)}")


def plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        from hubtui.i18n import _

        return _("yes") if value else _("no")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, int | float):
        from hubtui.cli.output import number_text

        return number_text(value)
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    return inert(str(value))  # as typed, but no control character reaches the terminal


class DateType(click.ParamType):
    """A YYYY-MM-DD option; a bad date is a user error (one line, exit 2)."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        from hubtui.domain.periods import parse_date

        return parse_date(str(value))


DATE = DateType()


class BoundedNumber(click.ParamType):
    """A numeric option checked against its field's bounds (hubtui.domain.bounds).

    A value out of range or not a number is a user error: one sentence, exit 2.
    """

    def __init__(self, field: str) -> None:
        self.bound = bounds.bound(field)
        self.name = "INTEGER" if self.bound.whole else "NUMBER"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        what = f"{param.opts[0]}" if param is not None and param.opts else None
        return bounds.check(self.bound, value, what)


def bounded(field: str) -> BoundedNumber:
    """The click type of an option holding a number of `field` (see hubtui.domain.bounds)."""
    return BoundedNumber(field)
