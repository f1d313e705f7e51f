"""The Swedish catalogue covers every UI message, and compiles to what gettext reads."""

from __future__ import annotations

import polib
import pytest

from hubtui.ui import i18n
from hubtui.ui.i18n_catalog import collect_msgids


def test_every_ui_message_has_a_swedish_translation() -> None:
    catalogue = polib.pofile(str(i18n.catalogue_path("sv")))
    translated = {e.msgid for e in catalogue if e.msgstr and not e.obsolete}
    missing = {msgid: where for msgid, where in collect_msgids().items() if msgid not in translated}
    assert not missing, (
        "run `python -m hubtui.ui.i18n_catalog` and translate these in "
        f"{i18n.catalogue_path('sv')}: {missing}"
    )


def test_placeholders_survive_translation() -> None:
    catalogue = polib.pofile(str(i18n.catalogue_path("sv")))
    for entry in catalogue:
        if entry.msgstr and not entry.obsolete:
            assert sorted(_fields(entry.msgid)) == sorted(_fields(entry.msgstr)), entry.msgid


def _fields(text: str) -> list[str]:
    import string

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
