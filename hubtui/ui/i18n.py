"""The TUI's side of the translations: the catalogue itself is `hubtui.i18n` (no Textual)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from hubtui.i18n import (
    LANGUAGES,
    N_,
    Language,
    _,
    error_text,
    language,
    number,
    set_language,
    shown_label,
)

if TYPE_CHECKING:
    from textual.binding import BindingsMap

__all__ = [
    "LANGUAGES",
    "N_",
    "Language",
    "_",
    "error_text",
    "language",
    "number",
    "set_language",
    "shown_label",
    "translated_bindings",
]


def translated_bindings(bindings: BindingsMap) -> BindingsMap:
    """A copy of a node's bindings with descriptions and tooltips in the current language.

    BINDINGS hold English msgids (class bodies run at import time, before the language is
    known); every hubtui node calls this in its constructor.
    """
    from textual.binding import BindingsMap

    return BindingsMap(
        replace(b, description=_(b.description), tooltip=_(b.tooltip) if b.tooltip else "")
        for _key, b in bindings
    )
