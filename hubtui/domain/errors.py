"""hubtui's one error type: a mistake the user can fix, carried as data.

A `UserError` holds a message id, its parameters and the field it is about:

    raise InvalidValue(
        "Hours must be between {low:g} and {high:g}.", field="hours", low=0, high=744
    )

- The message id is the English sentence with `{placeholders}` (the gettext msgid, so the
  Swedish catalogue `hubtui/i18n/locale/sv/LC_MESSAGES/hubtui.po` maps it to Swedish). It is
  always a literal, never an f-string: the values go in as parameters.
- `field` names the input the error is about, by the name the service takes it under
  ("hours", "date", "orgnr", "women"…); a form marks the field of that name.
- A parameter that is itself a message id (the name of a thing or field, such as "Hours") is
  wrapped in `Term` and translated too; a `Phrase` is a part of a sentence with parameters of
  its own ("a number from {low} to {high}"); a parameter that is a `UserError` (the problem
  inside a larger one: "Goals file x, line 3: {problem}") is rendered in the same language.

The edges translate it: the command line prints `hubtui: <sentence>` with exit code 2, the
TUI puts it under the field; both through `hubtui.i18n.error_text`. `str(error)` is the
English sentence (logs and tests).

`InvalidValue` (a bad value typed or read from a file) and `DatabaseError` (the database
cannot be opened or written as asked) are kinds of it that callers may catch on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, ClassVar


class Term(str):
    """A parameter that is a message id itself (a field's or a thing's name): translated too."""

    __slots__ = ()


class Phrase:
    """Part of a sentence with its own message id and parameters ("a number from {low} to
    {high}"), rendered in the language of the sentence it is put in."""

    __slots__ = ("message_id", "params")

    def __init__(self, message_id: str, /, **params: Any) -> None:
        self.message_id = message_id
        self.params = params

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        tr = translate or _same
        values = {k: _param(v, tr) for k, v in self.params.items()}
        for text in (tr(self.message_id), self.message_id):
            try:
                return text.format(**values)
            except (KeyError, IndexError, ValueError, AttributeError):
                continue
        return self.message_id

    def __str__(self) -> str:
        return self.render()


def _same(text: str) -> str:
    return text


def _param(value: Any, translate: Callable[[str], str]) -> Any:
    if isinstance(value, Term):
        return translate(value)
    if isinstance(value, Phrase):
        return value.render(translate)
    if isinstance(value, UserError):  # a problem inside a larger one ("line 3: …")
        return value.render(translate).rstrip(".")
    return value


class UserError(Exception):
    """A mistake the user can fix: one sentence saying what is wrong and how to fix it."""

    # the field a kind of error is about when the raiser names none (InvalidOrgnr: "orgnr")
    default_field: ClassVar[str | None] = None

    def __init__(self, message_id: str, /, *, field: str | None = None, **params: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.field = field if field is not None else self.default_field
        self.params: Mapping[str, Any] = params

    def render(self, translate: Callable[[str], str] = _same) -> str:
        """The sentence, with the message and `Term` parameters passed through `translate`."""
        values = {k: _param(v, translate) for k, v in self.params.items()}
        for text in (translate(self.message_id), self.message_id):
            try:
                return text.format(**values)
            except (KeyError, IndexError, ValueError, AttributeError):
                continue  # a translation whose placeholders do not match: try the English
        return self.message_id

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message_id!r}, field={self.field!r})"

    def at(self, field: str) -> UserError:
        """This error, about `field` (when the caller knows which input it came from)."""
        self.field = field
        return self


@contextmanager
def about(field: str) -> Iterator[None]:
    """A user error raised inside names `field` unless the raiser named the field itself.

    For checks that do not know which input they were given: `with about("hours"): ...`.
    """
    try:
        yield
    except UserError as error:
        if error.field is None or error.field == error.default_field:
            error.field = field
        raise


class InvalidValue(UserError):
    """A value typed or read from a file is not valid (bad orgnr, unknown county, bad date…)."""


class DatabaseError(UserError):
    """The database cannot be opened or written as asked (damaged, foreign, newer, read-only)."""
