"""SNI 2007 industry codes (Swedish NACE Rev. 2): parsing and the manufacturing test.

A code is checked against the SNI 2007 classes shipped as data (`data/sni2007_classes.csv`,
the 615 four-digit classes of NACE Rev. 2 from Eurostat, which SNI 2007 takes over unchanged):
a division (2 digits), group (3) or class (4) must exist; a five-digit detailed group is
checked by its class, since the Swedish fifth digit is not shipped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources

from hubtui.errors import InvalidValue

SNI_VERSION = "SNI2007"
CLASSES_FILE = "sni2007_classes.csv"

_SEPARATORS = re.compile(r"[,;\s]+")
# One code: two digits, then optionally a dot/space and up to three more digits.
_CODE = re.compile(r"(\d{2})(?:[.\s]?(\d{1,3}))?")
_GROUPED = re.compile(r"\b(\d{2})\s(\d{3})\b")  # "25 110" is one code, not two


class InvalidSni(InvalidValue):
    """A text that is not an SNI code."""

    default_field = "sni_codes"


def _parse_one(token: str) -> str:
    m = _CODE.fullmatch(token)
    if m is None:
        raise InvalidSni(
            "'{token}' is not an SNI 2007 code; write 2 to 5 digits such as 25110 or 25.110.",
            token=token,
        )
    division, rest = m.group(1), m.group(2) or ""
    if division not in divisions():
        raise InvalidSni(
            "'{code}' is not an SNI 2007 code: SNI 2007 has no division {division}; check the "
            "code (divisions run from 01 to 99 with gaps, such as 04, 34 and 40).",
            field="sni_codes",
            code=token,
            division=division,
        )
    code = division + rest
    if len(code) == 3 and code not in _groups():
        raise InvalidSni(
            "'{code}' is not an SNI 2007 code: division {division} has no group {group}; "
            "check the code against the SNI 2007 list.",
            code=token,
            division=division,
            group=f"{division}.{rest}",
        )
    if len(code) >= 4 and code[:4] not in classes():
        raise InvalidSni(
            "'{code}' is not an SNI 2007 code: division {division} has no class {klass}; "
            "check the code against the SNI 2007 list.",
            code=token,
            division=division,
            klass=f"{division}.{code[2:4]}",
        )
    return code


@cache
def classes() -> dict[str, tuple[str, str, str]]:
    """The 615 classes of SNI 2007 (four digits, as NACE Rev. 2, e.g. "2511") and their
    section (A–U), Swedish and English titles, from the data file shipped with hubtui."""
    text = resources.files("hubtui.domain").joinpath("data", CLASSES_FILE).read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return {
        row["class"]: (row["section"], row["title_sv"], row["title_en"])
        for row in csv.DictReader(lines)
    }


@cache
def divisions() -> dict[str, str]:
    """The 88 divisions of SNI 2007 (two digits) and their sections (A–U)."""
    return {code[:2]: section for code, (section, _sv, _en) in classes().items()}


@cache
def _groups() -> frozenset[str]:
    """The 272 groups of SNI 2007 (three digits): every class's first three."""
    return frozenset(code[:3] for code in classes())


def parse_sni_codes(value: str | Iterable[str]) -> tuple[str, ...]:
    """Parse SNI codes written as "25.110", "25110" or "25 110", separated by commas or spaces.

    Returns digit-only codes of 2–5 digits, without duplicates, in the order given.
    """
    items = [value] if isinstance(value, str) else list(value)
    codes: list[str] = []
    for item in items:
        text = _GROUPED.sub(r"\1\2", item.strip())
        for token in _SEPARATORS.split(text):
            if token:
                code = _parse_one(token)
                if code not in codes:
                    codes.append(code)
    return tuple(codes)


def is_manufacturing(codes: Iterable[str]) -> bool:
    """True if any code is in section C, manufacturing (divisions 10–33)."""
    return any(10 <= int(code[:2]) <= 33 for code in codes if code[:2].isdigit())


# NACE Rev. 2 / SNI 2007 sections by the first two digits (division) of a code.
_SECTIONS: tuple[tuple[str, int, int, str, str], ...] = (
    ("A", 1, 3, "Jordbruk, skogsbruk och fiske", "Agriculture, forestry and fishing"),
    ("B", 5, 9, "Utvinning av mineral", "Mining and quarrying"),
    ("C", 10, 33, "Tillverkning", "Manufacturing"),
    ("D", 35, 35, "Försörjning av el, gas, värme och kyla", "Electricity, gas, steam"),
    ("E", 36, 39, "Vatten, avlopp, avfall och sanering", "Water supply, sewerage, waste"),
    ("F", 41, 43, "Byggverksamhet", "Construction"),
    ("G", 45, 47, "Handel", "Wholesale and retail trade"),
    ("H", 49, 53, "Transport och magasinering", "Transportation and storage"),
    ("I", 55, 56, "Hotell och restaurang", "Accommodation and food service"),
    ("J", 58, 63, "Information och kommunikation", "Information and communication"),
    ("K", 64, 66, "Finans och försäkring", "Financial and insurance activities"),
    ("L", 68, 68, "Fastighetsverksamhet", "Real estate activities"),
    ("M", 69, 75, "Juridik, ekonomi, vetenskap och teknik", "Professional, scientific, technical"),
    ("N", 77, 82, "Uthyrning och stödtjänster", "Administrative and support services"),
    ("O", 84, 84, "Offentlig förvaltning och försvar", "Public administration and defence"),
    ("P", 85, 85, "Utbildning", "Education"),
    ("Q", 86, 88, "Vård och omsorg", "Human health and social work"),
    ("R", 90, 93, "Kultur, nöje och fritid", "Arts, entertainment and recreation"),
    ("S", 94, 96, "Annan serviceverksamhet", "Other service activities"),
    ("T", 97, 98, "Hushåll som arbetsgivare", "Households as employers"),
    ("U", 99, 99, "Internationella organisationer", "Extraterritorial organisations"),
)


def sni_section(code: str) -> tuple[str, str, str] | None:
    """The section (letter, Swedish name, English name) of an SNI 2007 code, e.g. "25110" → C."""
    digits = re.sub(r"\D", "", code)[:2]
    if len(digits) < 2:
        return None
    division = int(digits)
    for letter, first, last, sv, en in _SECTIONS:
        if first <= division <= last:
            return letter, sv, en
    return None


def section_names(letter: str) -> tuple[str, str] | None:
    """The Swedish and English names of an SNI 2007 section by its letter ("C")."""
    for known, _first, _last, sv, en in _SECTIONS:
        if known == letter:
            return sv, en
    return None


def nace_class(code: str) -> str:
    """The NACE Rev. 2 class of an SNI 2007 code: its first four digits, "25110" → "25.11"
    (SNI 2007 is NACE Rev. 2 with a fifth, national digit). "" if it has fewer digits."""
    digits = re.sub(r"\D", "", code)
    if len(digits) < 4:
        return f"{digits[:2]}" if len(digits) >= 2 else ""
    return f"{digits[:2]}.{digits[2:4]}"
