"""Turning spreadsheet cells into domain values. Every parser raises InvalidValue, nothing else.

Cells arrive as whatever openpyxl or the csv module gives: str, int, float, bool, datetime,
date, time or None. Blank cells are None after `blank()`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from hubtui.domain import bounds
from hubtui.domain.activity_types import (
    ACTIVITY_TYPES,
    Category,
    LeaderGender,
    OrgKind,
    SupportForm,
)
from hubtui.domain.errors import InvalidValue, Term
from hubtui.domain.orgnr import OrgnrInfo, parse_orgnr
from hubtui.domain.regions import County, Municipality, UnknownRegion, county, municipality
from hubtui.domain.size import SizeClass
from hubtui.domain.sni import parse_sni_codes


def blank(cell: Any) -> Any:
    """The cell, or None when it holds nothing (None, empty or only white space)."""
    if cell is None:
        return None
    if isinstance(cell, str):
        text = cell.strip()
        return text or None
    if isinstance(cell, float) and math.isnan(cell):
        return None
    return cell


def text_of(cell: Any) -> str:
    """A cell as text: numbers without a spurious ".0", dates in ISO form."""
    if cell.__class__ is str:
        return " ".join(cell.split())
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return " ".join(str(cell).split())


def match_key(text: str) -> str:
    """Case-, accent-, space- and punctuation-insensitive key ("Org.nr" → "orgnr")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


# --- organisations ----------------------------------------------------------------------------
_DECIMAL_TAIL = re.compile(r"^(\d{10}|\d{12})[.,]0+$")


def parse_orgnr_cell(cell: Any) -> OrgnrInfo:
    """An organisation number in any common form; Excel may have made it a number."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        # A number loses leading zeros but an orgnr never starts with 0 (the first digit is 1-9).
        cell = str(cell)
    text = text_of(cell)
    if "." in text or "," in text:
        # A numeric column saved as text keeps a decimal tail: "5560360793.0".
        text = _DECIMAL_TAIL.sub(r"\1", text)
    return parse_orgnr(text)


_CODE_AND_NAME = re.compile(r"(\d{1,4})\s*[-–:]?\s*(\D.*)")


def _code_and_name(text: str, lookup: Callable[[str], Any], what: str) -> Any:
    """A region written as code and name ("19 Västmanland", "1980 - Västerås"), as registers
    export them; the two must name the same region."""
    m = _CODE_AND_NAME.fullmatch(text)
    if m is None:
        return None
    by_code, by_name = lookup(m[1]), lookup(m[2])
    if by_code != by_name:
        raise InvalidValue(
            "'{text}' names two {what}: code {code} is {name}; correct the code or the name.",
            text=text,
            what=Term(what),
            code=by_code.code,
            name=by_code.name,
        )
    return by_code


def parse_county_cell(cell: Any) -> County:
    """A county by code ("19", 19, "1"), name ("Västmanland", "Västmanlands län",
    "Region Västmanland") or both ("19 Västmanland")."""
    text = text_of(cell)
    try:
        return county(text)
    except UnknownRegion:
        stripped = re.sub(r"^region\s+", "", text, flags=re.IGNORECASE)
        if stripped != text:
            return county(stripped)
        found: County | None = _code_and_name(text, parse_county_cell, Term("counties"))
        if found is None:
            raise
        return found


def parse_municipality_cell(cell: Any) -> Municipality:
    """A municipality by four-digit code ("1980", 484), name ("Västerås", "Västerås kommun")
    or both ("1980 Västerås")."""
    text = text_of(cell)
    try:
        return municipality(text)
    except UnknownRegion:
        found: Municipality | None = _code_and_name(text, municipality, Term("municipalities"))
        if found is None:
            raise
        return found


def parse_sni_cell(cell: Any) -> tuple[str, ...]:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return parse_sni_codes(text_of(cell))


def _choice(cell: Any, what: str, options: dict[str, str], hint: str) -> str:
    key = match_key(text_of(cell))
    found = options.get(key)
    if found is None:
        raise InvalidValue(
            "{what} '{cell}' is not understood; use {hint}.",
            what=Term(what),
            cell=text_of(cell),
            hint=hint,
        )
    return found


def _labelled_options(members: list[Any], extra: dict[str, str]) -> dict[str, str]:
    options = {match_key(m.value): m.value for m in members}
    options.update({match_key(m.sv): m.value for m in members})
    options.update({match_key(m.en): m.value for m in members})
    options.update({match_key(k): v for k, v in extra.items()})
    return options


_ORG_KINDS = _labelled_options(
    list(OrgKind),
    {
        "företag": "company",
        "ab": "company",
        "aktiebolag": "company",
        "offentlig": "public_body",
        "offentlig verksamhet": "public_body",
        "kommun": "public_body",
        "region": "public_body",
        "myndighet": "public_body",
        "forskning": "research",
        "universitet": "research",
        "högskola": "research",
        "lärosäte": "research",
        "institut": "research",
        "övrigt": "other",
        "annan": "other",
    },
)
_GENDERS = _labelled_options(
    list(LeaderGender),
    {"k": "woman", "f": "woman", "female": "woman", "m": "man", "male": "man", "": "unknown"},
)
_SIZES = _labelled_options(
    list(SizeClass),
    {
        "mikro": "micro",
        "litet": "small",
        "liten": "small",
        "medelstort": "medium",
        "stort": "large",
    },
)
_CATEGORIES = _labelled_options(list(Category), {})
_SUPPORT = _labelled_options(
    list(SupportForm), {"icke finansiellt": "non_financial", "rådgivning": "non_financial"}
)


def parse_org_kind(cell: Any) -> str:
    return _choice(
        cell, Term("Organisation kind"), _ORG_KINDS, Term("company, public_body, research or other")
    )


def parse_leader_gender(cell: Any) -> str:
    return _choice(cell, Term("Leader's gender"), _GENDERS, Term("woman, man, other or unknown"))


def parse_size_cell(cell: Any) -> str:
    return _choice(cell, Term("Size class"), _SIZES, Term("micro, small, medium or large"))


def parse_category(cell: Any) -> str:
    hint = ", ".join(c.value for c in Category)
    return _choice(cell, Term("Service category"), _CATEGORIES, hint)


def parse_support(cell: Any) -> str:
    return _choice(
        cell, Term("Support form"), _SUPPORT, Term("non_financial, grant or financial_instrument")
    )


def parse_email(cell: Any) -> str:
    text = text_of(cell).removeprefix("mailto:")
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise InvalidValue(
            "E-mail address '{text}' is not valid; write it as name@example.se.", text=text
        )
    return text


# --- activity types ---------------------------------------------------------------------------
_TYPE_WORDS: dict[str, str] = {}
for _type in ACTIVITY_TYPES.values():
    for _word in (_type.id, _type.sv, _type.en):
        _TYPE_WORDS[match_key(_word)] = _type.id
for _word, _id in {
    "besök": "visit",
    "företagsbesök": "visit",
    "digitalt möte": "meeting",
    "behovskartläggning": "needs_analysis",
    "kartläggning": "needs_analysis",
    "regelverk": "advisory",
    "rådgivning": "advisory",
    "föreläsning": "seminar",
    "webbinarium": "seminar",
    "webinar": "seminar",
    "frukostseminarium": "seminar",
    "kurs": "training",
    "utbildningstillfälle": "training",
    "nätverk": "network_meeting",
    "nätverksmöte": "network_meeting",
    "networking": "network_meeting",
    "demo": "demo",
    "demoanläggning": "demo",
    "testbädd": "testbed_session",
    "testbädssession": "testbed_session",
    "prototyp": "testbed_session",
    "pilot": "testbed_session",
    "finansiering": "investment_support",
}.items():
    _TYPE_WORDS[match_key(_word)] = _id
# Longest first, so "företagsbesök" is tried before "besök".
_TYPE_WORDS_BY_LENGTH = sorted(_TYPE_WORDS.items(), key=lambda item: -len(item[0]))


def parse_activity_type(cell: Any) -> str:
    """An activity type id from its id, Swedish or English label, or a text naming one."""
    text = text_of(cell)
    key = match_key(text)
    if key in _TYPE_WORDS:
        return _TYPE_WORDS[key]
    found = {type_id for word, type_id in _TYPE_WORDS_BY_LENGTH if len(word) >= 4 and word in key}
    if len(found) == 1:
        return found.pop()
    raise InvalidValue(
        (
            "Activity type '{text}' is not understood; use a type such as Seminarium, "
            "Workshop or Företagsbesök, or one of {activity_types}."
        ),
        text=text,
        activity_types=", ".join(ACTIVITY_TYPES),
    )


# --- numbers ----------------------------------------------------------------------------------
def _number(cell: Any, what: str) -> float:
    if isinstance(cell, bool):
        raise InvalidValue(
            "{what} '{cell}' is not a number; write a number such as 12.",
            what=Term(what),
            cell=cell,
        )
    if isinstance(cell, int) and abs(cell) > 10**300:
        value = -math.inf if cell < 0 else math.inf  # float() would overflow; out of every bound
    elif isinstance(cell, int | float):
        value = float(cell)
    else:
        text = text_of(cell)
        compact = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", compact):
            raise InvalidValue(
                "{what} '{text}' is not a number; write a number such as 12.",
                what=Term(what),
                text=text,
            )
        value = float(compact)
    if isinstance(cell, float) and not math.isfinite(cell):  # text and ints overflow to ±inf
        raise InvalidValue(
            "{what} '{cell}' is not a number; write a number such as 12.",
            what=Term(what),
            cell=text_of(cell),
        )
    return value


def _shown(cell: Any) -> str:
    return bounds.shown(cell if isinstance(cell, int) else text_of(cell))


def _within(value: float, cell: Any, what: str, field: str) -> None:
    """Refuse a number above its field's bound (hubtui.domain.bounds)."""
    high = bounds.bound(field).high
    if value > high:
        raise InvalidValue(
            "{what} {cell} is more than {bounds}; check the cell.",
            what=Term(what),
            cell=_shown(cell),
            bounds=bounds.number_text(high),
        )


def parse_count(cell: Any, what: str = Term("Count"), field: str = "attendance") -> int:
    """A whole number of zero or more within the bound of `field`: "12", "12,0", 12.0, "1 200"."""
    value = _number(cell, what)
    if value < 0:
        raise InvalidValue(
            "{what} {cell} is negative; write zero or more.", what=Term(what), cell=_shown(cell)
        )
    _within(value, cell, what, field)
    if not value.is_integer():
        raise InvalidValue(
            "{what} '{cell}' is not a whole number; write e.g. 12.",
            what=Term(what),
            cell=text_of(cell),
        )
    return int(value)


def parse_count_range(cell: Any) -> tuple[int, int] | None:
    """A range of whole numbers ("10-19", "10–49 anställda"), or None if the cell is not one."""
    m = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)(\s+\D*)?", text_of(cell))
    if m is None or int(m[1]) > int(m[2]):
        return None
    return int(m[1]), int(m[2])


def parse_hours(cell: Any) -> float:
    """Hours of zero or more: "1,5", 2, "0.25"."""
    value = _number(cell, "Hours")
    if value < 0:
        raise InvalidValue("Hours {cell} is negative; write zero or more.", cell=_shown(cell))
    _within(value, cell, "Hours", "hours")
    return value
