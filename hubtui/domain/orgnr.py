"""Swedish organisationsnummer: validation, canonical form, legal form and demo generation."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from enum import StrEnum

from stdnum import luhn

from hubtui.errors import InvalidValue


class InvalidOrgnr(InvalidValue):
    """An organisation number that cannot be accepted."""

    default_field = "orgnr"


class LegalForm(StrEnum):
    """Legal form group given by the first digit of an organisation number."""

    PUBLIC_BODY = "public_body"
    AKTIEBOLAG = "aktiebolag"
    EKONOMISK_FORENING = "ekonomisk_forening"
    IDEELL_FORENING = "ideell_forening"
    HANDELSBOLAG = "handelsbolag"

    @property
    def sv(self) -> str:
        return _LEGAL_FORM_SV[self]

    @property
    def en(self) -> str:
        return _LEGAL_FORM_EN[self]


_LEGAL_FORM_SV: dict[LegalForm, str] = {
    LegalForm.PUBLIC_BODY: "Offentlig verksamhet (stat, region, kommun)",
    LegalForm.AKTIEBOLAG: "Aktiebolag",
    LegalForm.EKONOMISK_FORENING: "Ekonomisk förening",
    LegalForm.IDEELL_FORENING: "Ideell förening eller stiftelse",
    LegalForm.HANDELSBOLAG: "Handelsbolag eller kommanditbolag",
}
_LEGAL_FORM_EN: dict[LegalForm, str] = {
    LegalForm.PUBLIC_BODY: "Public body (state, region, municipality)",
    LegalForm.AKTIEBOLAG: "Limited company",
    LegalForm.EKONOMISK_FORENING: "Economic association",
    LegalForm.IDEELL_FORENING: "Non-profit association or foundation",
    LegalForm.HANDELSBOLAG: "Trading or limited partnership",
}
_FIRST_DIGIT: dict[str, LegalForm] = {
    "2": LegalForm.PUBLIC_BODY,
    "5": LegalForm.AKTIEBOLAG,
    "7": LegalForm.EKONOMISK_FORENING,
    "8": LegalForm.IDEELL_FORENING,
    "9": LegalForm.HANDELSBOLAG,
}


@dataclass(frozen=True, slots=True)
class OrgnrInfo:
    """A validated organisation number."""

    canonical: str
    legal_form: LegalForm | None
    is_personal_number: bool


def _digits(text: str) -> str:
    """Strip spaces and separators and the century prefix; return the ten digits."""
    raw = text.strip()
    compact = raw.replace(" ", "").replace("-", "")
    if not compact:
        raise InvalidOrgnr("Organisation number is empty; write it as NNNNNN-NNNN.")
    if not compact.isascii() or not compact.isdigit():
        raise InvalidOrgnr(
            (
                "Organisation number '{raw}' may contain only digits, spaces and a dash; write it "
                "as NNNNNN-NNNN."
            ),
            raw=raw,
        )
    if len(compact) == 12:
        prefix, rest = compact[:2], compact[2:]
        # "16" is the century prefix used for legal persons; a sole trader's personnummer
        # may be written with its birth century "19" or "20".
        if prefix == "16" or (prefix in ("19", "20") and rest[2] in "01"):
            compact = rest
        else:
            raise InvalidOrgnr(
                (
                    "Organisation number '{raw}' has 12 digits but does not start with 16; write "
                    "it as NNNNNN-NNNN."
                ),
                raw=raw,
            )
    if len(compact) != 10:
        raise InvalidOrgnr(
            ("Organisation number '{raw}' has {compact} digits, not 10; write it as NNNNNN-NNNN."),
            raw=raw,
            compact=len(compact),
        )
    return compact


def _valid_personal_date(digits: str) -> bool:
    """True if YYMMDD (or a coordination number's day + 60) is a real date in some century."""
    year, month, day = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60  # samordningsnummer
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def parse_orgnr(text: str) -> OrgnrInfo:
    """Validate an organisation number in any accepted form and describe it."""
    digits = _digits(text)
    canonical = f"{digits[:6]}-{digits[6:]}"
    if luhn.checksum(digits) != 0:  # `luhn.is_valid` without its checks of the input
        raise InvalidOrgnr(
            ("Organisation number {canonical} fails the check digit; check it for typing errors."),
            canonical=canonical,
        )
    personal = digits[2] in "01"
    if personal and not _valid_personal_date(digits):
        raise InvalidOrgnr(
            (
                "Organisation number {canonical} has a third digit below 2 but is not a valid "
                "personnummer either; check it for typing errors."
            ),
            canonical=canonical,
        )
    legal_form = None if personal else _FIRST_DIGIT.get(digits[0])
    return OrgnrInfo(canonical=canonical, legal_form=legal_form, is_personal_number=personal)


def normalize_orgnr(text: str) -> str:
    """Return the canonical form NNNNNN-NNNN of an organisation number."""
    return parse_orgnr(text).canonical


def is_valid_orgnr(text: str) -> bool:
    """True if ``text`` is an organisation number in any accepted form."""
    try:
        parse_orgnr(text)
    except InvalidOrgnr:
        return False
    return True


def generate_orgnr(rng: random.Random, first_digit: int = 5) -> str:
    """A random valid canonical organisation number of a legal person (third digit ≥ 2)."""
    if not 1 <= first_digit <= 9:
        raise ValueError("first_digit must be 1..9")
    body = f"{first_digit}{rng.randrange(10)}{rng.randrange(2, 10)}{rng.randrange(10**6):06d}"
    digits = body + luhn.calc_check_digit(body)
    return f"{digits[:6]}-{digits[6:]}"
