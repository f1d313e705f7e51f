"""The cell parsers: the forms spreadsheets really hold, and fuzzing for stray exceptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubtui.errors import UserError
from hubtui.importers import values as v
from hubtui.importers.date_cells import parse_date_cell


@pytest.mark.parametrize(
    "cell",
    ["2026-03-01", "20260301", "1/3 2026", "1/3-2026", "01.03.2026", "1 mars 2026",
     "2026-03-01 10:30", "2026/3/1", 46082, 46082.0, "46082", 20260301,
     dt.datetime(2026, 3, 1, 9, 0), dt.date(2026, 3, 1)],
)  # fmt: skip
def test_dates_in_every_common_form(cell: Any) -> None:
    assert parse_date_cell(cell) == dt.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("cell", "message"),
    [("31/2 2026", "does not exist"), ("2019", "only a year"), ("igår", "not understood"),
     (12, "not a date"), (True, "not a date")],
)  # fmt: skip
def test_bad_dates_say_why(cell: Any, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_date_cell(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("12", 12), ("12,0", 12), (12.0, 12), (" 1 200 ", 1200), ("1\u00a0200", 1200), (0, 0)],
)
def test_counts(cell: Any, expected: int) -> None:
    assert v.parse_count(cell) == expected


@pytest.mark.parametrize(
    ("cell", "message"),
    [("12,5", "whole number"), ("-1", "negative"), ("tolv", "not a number"), (True, "number"),
     ("2 000 000", "more than 1 000 000"), (2_000_000.0, "more than 1 000 000"),
     ("9" * 400, "more than 1 000 000"), (10**400, "more than 1 000 000"),
     (-(10**400), "negative"), (float("nan"), "not a number"), (float("inf"), "not a number")],
)  # fmt: skip
def test_bad_counts(cell: Any, message: str) -> None:
    with pytest.raises(UserError, match=message):
        v.parse_count(cell, "Women")


def test_bounds_follow_the_field() -> None:
    assert v.parse_count("10 000 000", "Employees", "employees") == 10_000_000
    with pytest.raises(UserError, match="Employees '10000001' is more than 10 000 000"):
        v.parse_count("10000001", "Employees", "employees")
    assert v.parse_hours("10 000") == 10_000
    with pytest.raises(UserError, match=r"Hours '1e\+300' is more than 10 000"):
        v.parse_hours(1e300)


@pytest.mark.parametrize(
    "cell", ["556036-0793", "5560360793", "16556036-0793", "165560360793", 5560360793,
             5560360793.0, " 556036 - 0793 ", "5560360793.0", "5560360793,0"],
)  # fmt: skip
def test_orgnr_forms(cell: Any) -> None:
    assert v.parse_orgnr_cell(cell).canonical == "556036-0793"


def test_orgnr_check_digit_is_named() -> None:
    with pytest.raises(UserError, match="556036-0794 fails the check digit"):
        v.parse_orgnr_cell("556036-0794")


@pytest.mark.parametrize(
    "cell",
    ["19", 19, "Västmanland", "västmanlands län", "Region Västmanland", "19 Västmanland",
     "19 - Västmanlands län"],
)  # fmt: skip
def test_county_by_name_or_code(cell: Any) -> None:
    assert v.parse_county_cell(cell).code == "19"


@pytest.mark.parametrize(
    "cell", ["0484", 484, "Eskilstuna", "eskilstuna kommun", "0484 Eskilstuna", "484 - Eskilstuna"]
)
def test_municipality_by_name_or_code(cell: Any) -> None:
    assert v.parse_municipality_cell(cell).code == "0484"


def test_code_and_name_must_agree() -> None:
    with pytest.raises(UserError, match="code 1980 is Västerås"):
        v.parse_municipality_cell("1980 Eskilstuna")
    with pytest.raises(UserError, match="code 19 is Västmanlands län"):
        v.parse_county_cell("19 Uppsala")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("Seminarium", "seminar"), ("seminar", "seminar"), ("Företagsbesök", "visit"),
     ("Company visit", "visit"), ("Nätverksträff", "network_meeting"),
     ("Workshop AI-strategi", "workshop"), ("Frukostseminarium om AI", "seminar"),
     ("testbed_session", "testbed_session"), ("Behovskartläggning", "needs_analysis")],
)  # fmt: skip
def test_activity_types_from_labels(cell: str, expected: str) -> None:
    assert v.parse_activity_type(cell) == expected


def test_unknown_activity_type() -> None:
    with pytest.raises(UserError, match="not understood"):
        v.parse_activity_type("Fika")


def test_choices_and_email() -> None:
    assert v.parse_org_kind("Kommun") == "public_body"
    assert v.parse_leader_gender("Kvinna") == "woman"
    assert v.parse_size_cell("Medelstort") == "medium"
    assert v.parse_category("Test before invest") == "test_before_invest"
    assert v.parse_email("mailto:anna@exempel.se") == "anna@exempel.se"
    with pytest.raises(UserError, match="not valid"):
        v.parse_email("anna.exempel.se")


def test_header_keys_ignore_case_space_punctuation_and_accents() -> None:
    assert v.match_key("Org.nr") == v.match_key("ORG NR") == "orgnr"
    assert v.match_key("Län") == v.match_key("lan")


CELLS = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.from_regex(r"\d{1,2}[/.]\d{1,2}[ /.-]\d{4}", fullmatch=True),
    st.from_regex(r"1?6?\d{6}-?\d{4}", fullmatch=True),
)
PARSERS: list[Callable[[Any], Any]] = [
    parse_date_cell,
    v.parse_count,
    v.parse_hours,
    v.parse_orgnr_cell,
    v.parse_county_cell,
    v.parse_municipality_cell,
    v.parse_sni_cell,
    v.parse_activity_type,
    v.parse_org_kind,
    v.parse_leader_gender,
    v.parse_size_cell,
    v.parse_category,
    v.parse_support,
    v.parse_email,
    v.parse_count_range,
]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@given(cell=CELLS)
def test_parsers_raise_only_user_errors(parser: Callable[[Any], Any], cell: Any) -> None:
    try:
        parser(v.blank(cell) if cell is not None else "")
    except UserError as e:
        assert str(e).strip()
