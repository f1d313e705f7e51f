"""The catalogue: every message id in the code (UI texts and error ids) has Swedish text.

No Textual here: the catalogue serves the command line as much as the TUI.
"""

from __future__ import annotations

import string

import polib
import pytest

from hubtui import i18n
from hubtui.domain.errors import InvalidValue, Term, UserError
from hubtui.i18n.catalog import collect_msgids, error_ids_not_literal, error_msgids


def _catalogue() -> dict[str, str]:
    entries = polib.pofile(str(i18n.catalogue_path("sv")))
    return {e.msgid: e.msgstr for e in entries if not e.obsolete}


def test_every_message_id_has_english_text_and_a_swedish_translation() -> None:
    swedish = _catalogue()
    used = collect_msgids()
    assert error_msgids().keys() <= used.keys()
    blank = {where for msgid, where in used.items() if not msgid.strip()}
    assert not blank, f"message ids without English text at {blank}"
    missing = {msgid: where for msgid, where in used.items() if not swedish.get(msgid)}
    assert not missing, (
        "run `python -m hubtui.i18n.catalog` and translate these in "
        f"{i18n.catalogue_path('sv')}: {missing}"
    )


def test_placeholders_survive_translation() -> None:
    for msgid, msgstr in _catalogue().items():
        if msgstr:
            assert sorted(_fields(msgid)) == sorted(_fields(msgstr)), msgid


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_language_switch_and_compiled_cache() -> None:
    try:
        i18n.set_language("sv")
        assert i18n._("Save") == "Spara"
        assert i18n._("a message nobody wrote") == "a message nobody wrote"
        i18n.set_language("en")
        assert i18n._("Save") == "Save"
        with pytest.raises(ValueError):
            i18n.set_language("de")
    finally:
        i18n.set_language("en")


def test_an_error_is_data_and_is_translated_at_the_edge() -> None:
    error = InvalidValue("{what} is empty; fill it in.", field="hours", what=Term("Hours"))
    assert (error.field, error.message_id, error.params) == (
        "hours",
        "{what} is empty; fill it in.",
        {"what": "Hours"},
    )
    assert str(error) == "Hours is empty; fill it in."
    try:
        i18n.set_language("sv")
        assert i18n.error_text(error) == "Timmar är tomt; fyll i det."
        # A message id nobody translated yet is shown in English, never as an id or a crash.
        assert i18n.error_text(UserError("Nobody wrote {this}.", this=1)) == "Nobody wrote 1."
    finally:
        i18n.set_language("en")


def test_every_error_is_raised_with_a_literal_message_id() -> None:
    """An f-string or a translated text as the message cannot be looked up in the catalogue."""
    assert not error_ids_not_literal(), (
        "raise errors as UserError('English with {placeholders}', field=..., **values): "
        f"{error_ids_not_literal()}"
    )
