"""Swedish and English text through gettext, for the TUI and the command line alike.

Messages are written in English in the code (`_("Save")`, and the message ids of errors, see
`hubtui.domain.errors`); the Swedish catalogue is `locale/sv/LC_MESSAGES/hubtui.po`, kept in
step with the code by `python -m hubtui.i18n.catalog`. The `.po` file is compiled once with
polib into a `.mo` file in the user's cache folder (keyed by the catalogue's size and time),
and read with the standard library's gettext, so start-up never parses the `.po` text again.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from hubtui.domain.errors import UserError

Language = Literal["sv", "en"]
DOMAIN = "hubtui"
LANGUAGES = ("sv", "en")
LOCALE_DIR = Path(__file__).parent / "locale"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language: Language = "en"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _compiled(po: Path) -> Path:
    """The cached .mo file for a .po file, compiled now if missing or stale."""
    import platformdirs

    stat = po.stat()
    cache = platformdirs.user_cache_path("hubtui", appauthor=False) / "locale"
    mo = cache / f"{po.parent.parent.name}-{stat.st_size}-{stat.st_mtime_ns}.mo"
    if not mo.exists():
        import polib

        cache.mkdir(parents=True, exist_ok=True)
        tmp = mo.with_suffix(".tmp")
        polib.pofile(str(po)).save_as_mofile(str(tmp))
        tmp.replace(mo)  # atomic, so a second hubtui never reads a half-written file
    return mo


class _InMemoryCatalogue(gettext.NullTranslations):
    """A catalogue read straight from the .po file (when no compiled one can be cached)."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self._table = table

    def gettext(self, message: str) -> str:
        return self._table.get(message, message)


# Each compiled catalogue read once per process: `hubtui` sets the language for the command line
# and again for the app, and tests switch back and forth. Keyed by the .mo file, whose name
# changes with the .po file.
_read: dict[Path, gettext.GNUTranslations] = {}


def _load(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    po = catalogue_path(language)
    try:
        mo = _compiled(po)
        if mo not in _read:
            with mo.open("rb") as f:
                _read[mo] = gettext.GNUTranslations(f)
        return _read[mo]
    except OSError:
        # No writable cache folder: build the catalogue in memory instead.
        import polib

        table = {e.msgid: e.msgstr for e in polib.pofile(str(po)) if e.msgstr and not e.obsolete}
        return _InMemoryCatalogue(table)


def set_language(language: str) -> None:
    """Use Swedish ("sv") or English ("en") for all text shown from now on."""
    global _translations, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _translations = _load(language)
    _language = cast(Language, language)


def language() -> Language:
    return _language


def shown_label(swedish: str, english: str) -> str:
    """A label a user wrote in both languages (a goal's): the English one in English, if any."""
    return english if english and _language == "en" else swedish


def _(message: str) -> str:
    """The message in the current language (the English text if it has no translation)."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; translate it with `_` when shown."""
    return message


def number(value: int) -> str:
    """A whole number with thousands grouped the way the language writes them."""
    text = f"{value:,}"
    return text.replace(",", "\u202f") if _language == "sv" else text  # a thin space


def number_text(value: float) -> str:
    """A number as people read it in the current language: thousands grouped (a thin space in
    Swedish), at most three decimals, a decimal comma in Swedish."""
    if float(value).is_integer():
        return number(int(value))
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    if _language == "sv":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def error_text(error: UserError) -> str:
    """A user error as one sentence in the current language."""
    return error.render(_)
