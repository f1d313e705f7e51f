"""Numeric bounds of every numeric field a user or a file can give hubtui.

Each field has a range that makes sense for the thing counted and that both SQLite (8-byte
integers, double floats) and PostgreSQL (4-byte ``integer`` columns, ``double precision``)
hold, with room left for sums over many rows (a KPI adds up attendance over all activities:
``ATTENDANCE.high`` times a billion rows still fits a 64-bit integer).

Use :func:`check` wherever a number comes in (CLI option, form field, spreadsheet cell, sync
record, goals file)::

    from hubtui.domain import bounds

    employees = bounds.check("employees", text_or_number)   # -> int, or raises OutOfRange

A value that is not a number, not whole where it must be, not finite, or out of range raises
:class:`OutOfRange` (an :class:`~hubtui.errors.InvalidValue`, so the CLI prints one sentence and
exits 2, and a form shows it at the field). ``BOUNDS`` lists every field; ``bound(name)`` gives
one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from hubtui.domain.errors import InvalidValue, Term

PG_INTEGER_MAX = 2**31 - 1  # PostgreSQL `integer` (SQLite integers are 8 bytes)
EXACT_FLOAT_MAX = 2**53  # beyond this a double no longer holds every whole number


@dataclass(frozen=True)
class Bound:
    """The allowed range of one numeric field (both ends included)."""

    name: str
    what: str  # how a sentence names the field: "The number of employees"
    low: int | float
    high: int | float
    whole: bool  # only whole numbers (stored as integers)
    unit: str = ""  # shown after the range: the currency of an amount

    def describe(self) -> str:
        """The range as words, e.g. "a whole number from 0 to 10 000 000"."""
        kind = "a whole number" if self.whole else "a number"
        unit = f" {self.unit}" if self.unit else ""
        return f"{kind} from {number_text(self.low)} to {number_text(self.high)}{unit}"


class OutOfRange(InvalidValue):
    """A number that is not valid for its field: not a number, not whole, or out of range.

    `value` is the value as given; the message shows it shortened (parameter `value`)."""

    def __init__(
        self, message_id: str, /, *, field: str, value: object, bound: Bound, **params: Any
    ) -> None:
        shown_value = params.pop("shown")
        super().__init__(message_id, field=field, value=shown_value, **params)
        self.value = value
        self.bound = bound


def _b(
    name: str, what: str, low: float, high: float, *, whole: bool = True, unit: str = ""
) -> Bound:
    return Bound(name, what, low, high, whole, unit)


# The largest employer in the world has about 2.3 million employees.
EMPLOYEES = _b("employees", Term("The number of employees"), 0, 10_000_000)
# Women, men, other, not stated at one activity: a very large fair is 100 000 visitors.
ATTENDANCE = _b("attendance", Term("An attendance count"), 0, 1_000_000)
# Women, men or other members of one steering group or network.
GROUP_MEMBERS = _b("group_members", Term("The number of group members"), 0, 100_000)
# Hours spent on one activity (a year has 8 784 hours at most).
HOURS = _b("hours", Term("Hours"), 0, 10_000, whole=False)
# An investment triggered: a trillion kronor, a hundred billion euro.
AMOUNT_SEK = _b("amount_sek", Term("The amount"), 0, 1_000_000_000_000, whole=False, unit="SEK")
AMOUNT_EUR = _b("amount_eur", Term("The amount"), 0, 100_000_000_000, whole=False, unit="EUR")
DMA_SCORE = _b("dma_score", Term("A DMA score"), 0, 100)
# A KPI goal's target: a count, an amount in SEK or EUR, or a share (0.4 for 40 %).
KPI_TARGET = _b("kpi_target", Term("The target"), 0, 1_000_000_000_000, whole=False)
GOAL_POSITION = _b("goal_position", Term("The goal's position"), 0, 10_000)
PERIOD_MONTHS = _b("period_months", Term("The period length in months"), 1, 24)
# --limit of the list commands.
LIMIT = _b("limit", Term("The limit"), 1, 1_000_000)
# hubtui demo --activities / --organisations / --seed.
DEMO_ACTIVITIES = _b("demo_activities", Term("The number of demo activities"), 0, 1_000_000)
DEMO_ORGANISATIONS = _b("demo_organisations", Term("The number of demo organisations"), 1, 100_000)
DEMO_SEED = _b("demo_seed", Term("The seed"), 0, PG_INTEGER_MAX)
# Daily backups to keep (config `backups_keep`).
BACKUPS_KEEP = _b("backups_keep", Term("The number of backups to keep"), 1, 3650)

BOUNDS: dict[str, Bound] = {
    b.name: b
    for b in (
        EMPLOYEES,
        ATTENDANCE,
        GROUP_MEMBERS,
        HOURS,
        AMOUNT_SEK,
        AMOUNT_EUR,
        DMA_SCORE,
        KPI_TARGET,
        GOAL_POSITION,
        PERIOD_MONTHS,
        LIMIT,
        DEMO_ACTIVITIES,
        DEMO_ORGANISATIONS,
        DEMO_SEED,
        BACKUPS_KEEP,
    )
}

# A number as people type it: optional sign, digits with optional spaces/underscores between
# groups of three, an optional decimal part with "." or ",", an optional exponent.
_NUMBER = re.compile(r"[+-]?(\d+([ _\u00a0\u202f]\d{3})*)?([.,]\d*)?([eE][+-]?\d+)?")


def bound(name: str) -> Bound:
    """The bound of a field by name (see ``BOUNDS``); a KeyError names an unknown field."""
    return BOUNDS[name]


def amount_bound(currency: str) -> Bound:
    """The bound of an amount in a currency ("SEK" or "EUR")."""
    return AMOUNT_EUR if currency.strip().upper() == "EUR" else AMOUNT_SEK


# The messages, by problem, for whole-number fields and for other numbers (message ids).
_WHOLE_MESSAGES = {
    "nan": Term("{what} must be a whole number from {low} to {high}; {value} is not a number."),
    "negative": Term(
        "{what} cannot be negative ({value}); enter a whole number from {low} to {high}."
    ),
    "range": Term("{what} must be a whole number from {low} to {high}; {value} is out of range."),
    "whole": Term("{what} must be a whole number from {low} to {high}; {value} is not whole."),
}
_NUMBER_MESSAGES = {
    "nan": Term("{what} must be a number from {low} to {high}; {value} is not a number."),
    "negative": Term("{what} cannot be negative ({value}); enter a number from {low} to {high}."),
    "range": Term("{what} must be a number from {low} to {high}; {value} is out of range."),
}


def check(
    field: str | Bound, value: Any, what: str | None = None, *, at: str | None = None
) -> int | float:
    """The value as a number of its field's kind (int if whole, else float), or OutOfRange.

    `value` may be an int, a float, a Decimal or text (spaces between thousands and a decimal
    comma are accepted). `what` overrides how the message names the field; `at` is the name
    of the input the error is about (a form's field), by default the bound's own name.
    """
    b = field if isinstance(field, Bound) else bound(field)
    number = _as_decimal(value)
    if number is None:
        raise _refused(b, "nan", value, what, at)
    if number < 0 <= b.low:
        raise _refused(b, "negative", value, what, at)
    if not Decimal(b.low) <= number <= Decimal(b.high):
        raise _refused(b, "range", value, what, at)
    if b.whole and number != number.to_integral_value():
        raise _refused(b, "whole", value, what, at)
    return int(number) if b.whole else float(number) + 0.0  # never -0.0


def _refused(b: Bound, problem: str, value: Any, what: str | None, at: str | None) -> OutOfRange:
    high = number_text(b.high) + (f" {b.unit}" if b.unit else "")
    return OutOfRange(
        (_WHOLE_MESSAGES if b.whole else _NUMBER_MESSAGES)[problem],
        field=at or b.name,
        value=value,
        bound=b,
        what=what if what is not None else Term(b.what),
        low=number_text(b.low),
        high=high,
        shown=shown(value),
    )


def check_optional(
    field: str | Bound, value: Any, what: str | None = None, *, at: str | None = None
) -> int | float | None:
    """As :func:`check`, but None and empty text give None (a field left blank)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return check(field, value, what, at=at)


def check_int(
    field: str | Bound, value: Any, what: str | None = None, *, at: str | None = None
) -> int:
    """As :func:`check` for a whole-number field, typed as int."""
    number = check(field, value, what, at=at)
    assert isinstance(number, int), f"{field} is not a whole-number field"
    return number


def check_float(
    field: str | Bound, value: Any, what: str | None = None, *, at: str | None = None
) -> float:
    """As :func:`check`, always a float."""
    return float(check(field, value, what, at=at))


def _as_decimal(value: Any) -> Decimal | None:
    """The value as a finite Decimal, or None if it is not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        # Decimal of a huge int is slow; anything this long is out of every range anyway.
        return Decimal(value) if abs(value) < 10**30 else Decimal(f"{'-' if value < 0 else ''}1e30")
    if isinstance(value, float):
        return Decimal(value) if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) > 400 or _NUMBER.fullmatch(text) is None or not any(c.isdigit() for c in text):
        return None
    text = re.sub(r"[ _\u00a0\u202f]", "", text).replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def number_text(number: float) -> str:
    """A bound as text with spaces between thousands: 10 000 000."""
    if float(number).is_integer():
        return f"{int(number):,}".replace(",", " ")
    return f"{number:g}"


def shown(value: Any) -> str:
    """A value as the message shows it: short, on one line."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        return f"{'-' if value < 0 else ''}10^{int(math.log10(abs(value)))}"
    text = value if isinstance(value, str) else repr(value)
    text = text.strip() if isinstance(value, str) else text
    text = "".join(c if c.isprintable() else "?" for c in text)
    if len(text) > 24:
        text = text[:20] + "…"
    return f"'{text}'" if isinstance(value, str) else text
