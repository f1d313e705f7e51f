"""Numeric bounds: every field has a range that SQLite and PostgreSQL both hold, and a
value outside it is refused in one sentence, whatever its form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hubtui.domain import bounds
from hubtui.domain.bounds import BOUNDS, PG_INTEGER_MAX, OutOfRange, check
from hubtui.errors import InvalidValue

SUM_ROWS = 1_000_000_000  # a KPI sum over this many rows at the bound must still fit 64 bits


@pytest.mark.parametrize("b", list(BOUNDS.values()), ids=list(BOUNDS))
def test_every_bound_fits_both_databases(b: bounds.Bound) -> None:
    assert b.low <= b.high
    if b.whole:
        assert isinstance(b.low, int) and isinstance(b.high, int)
        assert b.low >= -PG_INTEGER_MAX and b.high <= PG_INTEGER_MAX  # PostgreSQL `integer`
        assert b.high * SUM_ROWS < 2**63  # sums over many rows (SQLite, PostgreSQL bigint)
    else:
        # a double holds every cent of the largest amount exactly
        assert b.high * 100 < bounds.EXACT_FLOAT_MAX
    assert check(b, b.low) == b.low and check(b, b.high) == b.high


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("employees", 12, 12),
        ("employees", " 12 000 ", 12000),
        ("employees", "12e2", 1200),
        ("employees", 12.0, 12),
        ("employees", Decimal("3"), 3),
        ("hours", "1,5", 1.5),
        ("hours", ".5", 0.5),
        ("hours", "-0", 0.0),
        ("amount_sek", "1 000 000,50", 1_000_000.5),
        ("amount_eur", 99_999_999_999.99, 99_999_999_999.99),
        ("dma_score", "100", 100),
        ("kpi_target", 0.4, 0.4),
        ("limit", "1", 1),
    ],
)
def test_accepted(field: str, value: object, expected: float) -> None:
    got = check(field, value)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("employees", 10**30, "10^30 is out of range"),
        ("employees", -(10**50), "cannot be negative"),
        ("employees", "huge", "out of range"),
        ("employees", "9" * 300, "out of range"),
        ("employees", "9" * 5000, "is not a number"),
        ("employees", "1e300", "out of range"),
        ("employees", "1.5", "is not whole"),
        ("employees", -1, "cannot be negative"),
        ("employees", True, "is not a number"),
        ("employees", None, "is not a number"),
        ("employees", [3], "is not a number"),
        ("employees", "tolv", "is not a number"),
        ("employees", "", "is not a number"),
        ("hours", 1e300, "out of range"),
        ("hours", "1e999999999", "out of range"),
        ("hours", float("nan"), "is not a number"),
        ("hours", float("inf"), "is not a number"),
        ("hours", "-inf", "is not a number"),
        ("hours", "NaN", "is not a number"),
        ("hours", "1 2", "is not a number"),
        ("hours", ".", "is not a number"),
        ("hours", 10_000.01, "out of range"),
        ("attendance", 2**62, "out of range"),
        ("amount_eur", 1e12, "out of range"),
        ("amount_sek", Decimal("NaN"), "is not a number"),
        ("dma_score", 101, "out of range"),
        ("limit", 0, "out of range"),
        ("limit", 10**20, "out of range"),
        ("period_months", 25, "out of range"),
        ("employees", "12\x1b[2J", "is not a number"),
    ],
)
def test_refused_in_one_sentence(field: str, value: object, words: str) -> None:
    if value == "huge":
        value = 10**5000
    with pytest.raises(OutOfRange) as caught:
        check(field, value)
    message = str(caught.value)
    assert words in message
    assert isinstance(caught.value, InvalidValue)
    assert caught.value.field == field
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    assert "\x1b" not in message and len(message) < 160


def test_what_names_the_field_and_optional_blank() -> None:
    with pytest.raises(
        OutOfRange, match=r"^--employees must be a whole number from 0 to 10 000 000"
    ):
        check("employees", "x", "--employees")
    assert bounds.check_optional("hours", "  ") is None
    assert bounds.check_optional("hours", None) is None
    assert bounds.amount_bound("eur") is bounds.AMOUNT_EUR
    assert bounds.amount_bound("SEK") is bounds.AMOUNT_SEK
