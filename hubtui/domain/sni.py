"""SNI 2007 industry codes (Swedish NACE Rev. 2): parsing and the manufacturing test."""

from __future__ import annotations

import re
from collections.abc import Iterable

from hubtui.errors import InvalidValue

SNI_VERSION = "SNI2007"

_SEPARATORS = re.compile(r"[,;\s]+")
# One code: two digits, then optionally a dot/space and up to three more digits.
_CODE = re.compile(r"(\d{2})(?:[.\s]?(\d{1,3}))?")
_GROUPED = re.compile(r"\b(\d{2})\s(\d{3})\b")  # "25 110" is one code, not two


class InvalidSni(InvalidValue):
    """A text that is not an SNI code."""


def _parse_one(token: str) -> str:
    m = _CODE.fullmatch(token)
    if m is None:
        raise InvalidSni(
            f"'{token}' is not an SNI 2007 code; write 2 to 5 digits such as 25110 or 25.110."
        )
    return m.group(1) + (m.group(2) or "")


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
