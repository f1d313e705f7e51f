"""The pure rules: the three-year window, shares, aid values and the fullest window."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubtui.domain.aid import (
    AidLine,
    activity_aid_sek,
    amount_value,
    eur_rate_value,
    fullest_window,
    is_individual,
    ledger_on,
    shares,
    window_start,
    windows_with,
)
from hubtui.errors import InvalidValue

D = dt.date


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (D(2026, 6, 15), D(2023, 6, 16)),
        (D(2026, 1, 1), D(2023, 1, 2)),
        (D(2026, 12, 31), D(2024, 1, 1)),
        (D(2028, 2, 29), D(2025, 3, 1)),  # 29 February: three years back is 28 February
        (D(2028, 2, 28), D(2025, 3, 1)),
        (D(2027, 2, 28), D(2024, 2, 29)),
        (D(2027, 3, 1), D(2024, 3, 2)),
    ],
)
def test_window_start(day: dt.date, start: dt.date) -> None:
    assert window_start(day) == start


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 1, 1)))
def test_windows_with_are_exactly_the_periods_holding_the_day(day: dt.date) -> None:
    first, last = windows_with(day)
    assert first == day
    assert window_start(last) <= day < window_start(last + dt.timedelta(days=1))
    assert (last - day).days in range(1093, 1097)


def _line(day: dt.date, eur: str, scheme: str = "de_minimis") -> AidLine:
    amount = Decimal(eur)
    return AidLine(
        date=day,
        source="activity",
        source_id=f"{day}-{eur}",
        organisation_id="o",
        organisation="O",
        orgnr="",
        scheme=scheme,
        grantor="G",
        amount_sek=amount * 10,
        amount_eur=amount,
        eur_rate=Decimal(10),
    )


def test_ledger_counts_only_de_minimis_in_the_window() -> None:
    lines = [
        _line(D(2023, 6, 15), "100"),  # one day too old on 2026-06-15
        _line(D(2023, 6, 16), "200"),
        _line(D(2025, 1, 1), "50", "gber_28"),
        _line(D(2025, 1, 2), "7", "de_minimis_agri"),
        _line(D(2025, 1, 3), "1000", "de_minimis_sgei"),
        _line(D(2026, 6, 16), "400"),  # after the day
    ]
    ledger = ledger_on(lines, D(2026, 6, 15))
    assert ledger.total_eur == Decimal("207")
    assert len(ledger.lines) == 4
    assert ledger.remaining_eur == Decimal("299793")


def test_fullest_window_sees_aid_granted_after_the_day() -> None:
    # logged after the fact: 2026-06-01 must fit in the period ending 2027-05-01 too
    new = _line(D(2026, 6, 1), "20000")
    lines = [_line(D(2023, 6, 2), "290000"), _line(D(2027, 5, 1), "1")]  # first day of its period
    worst = fullest_window([*lines, new], D(2026, 6, 1))
    assert (worst.on, worst.total_eur) == (D(2026, 6, 1), Decimal("310000"))
    lines = [_line(D(2023, 6, 1), "290000"), _line(D(2027, 5, 1), "1")]  # one day too old
    assert fullest_window([*lines, new], D(2026, 6, 1)).total_eur == Decimal("20001")
    lines = [_line(D(2023, 1, 1), "250000"), _line(D(2027, 5, 1), "290000")]
    worst = fullest_window([*lines, new], D(2026, 6, 1))
    assert (worst.on, worst.total_eur) == (D(2027, 5, 1), Decimal("310000"))


@given(st.decimals(min_value=0, max_value=10**9, places=2), st.integers(1, 50))
def test_shares_add_up(total: Decimal, parts: int) -> None:
    split = shares(total, parts)
    assert sum(split) == total
    assert max(split) - min(split) <= Decimal("0.01")


def test_aid_values() -> None:
    rate = Decimal(1000)
    assert activity_aid_sek(entered=None, hours=2.5, hourly_rate=rate, individual=True) == 2500
    assert activity_aid_sek(entered=None, hours=3, hourly_rate=rate, individual=False) == 0
    group = activity_aid_sek(entered=Decimal(900), hours=3, hourly_rate=rate, individual=False)
    assert group == 900
    assert is_individual("advisory", 0) and not is_individual("seminar", 0)
    assert is_individual("demo", 0) and not is_individual("demo", 12)


@pytest.mark.parametrize("bad", ["-1", "abc", "nan", "inf", True, "2e12", 10**40])
def test_bad_amounts(bad: object) -> None:
    with pytest.raises(InvalidValue):
        amount_value(bad, "The aid amount")


@pytest.mark.parametrize("bad", ["0.089", "0", "200", "x", None])
def test_bad_eur_rates(bad: object) -> None:
    with pytest.raises(InvalidValue):
        eur_rate_value(bad)
