import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubtui.domain.orgnr import (
    InvalidOrgnr,
    LegalForm,
    generate_orgnr,
    is_valid_orgnr,
    normalize_orgnr,
    parse_orgnr,
)
from hubtui.errors import UserError


def luhn_check_digit(nine: str) -> int:
    """Independent Luhn: weights 2,1,2,1,… from the left over nine digits."""
    total = 0
    for i, ch in enumerate(nine):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


@st.composite
def legal_person(draw: st.DrawFn) -> str:
    first = draw(st.sampled_from("2356789"))
    second = draw(st.sampled_from("0123456789"))
    third = draw(st.sampled_from("23456789"))
    rest = draw(st.text("0123456789", min_size=6, max_size=6))
    nine = first + second + third + rest
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def accepted_forms(canonical: str) -> list[str]:
    digits = canonical.replace("-", "")
    return [
        canonical,
        digits,
        f"16{canonical}",
        f"16{digits}",
        f"  {canonical} ",
        f"{digits[:6]} {digits[6:]}",
    ]


@pytest.mark.parametrize("number", ["556036-0793", "556703-7485", "212000-0142", "202100-5224"])
def test_known_valid(number: str) -> None:
    for form in accepted_forms(number):
        assert normalize_orgnr(form) == number
        assert is_valid_orgnr(form)


def test_known_invalid() -> None:
    with pytest.raises(UserError, match="556036-0794 fails the check digit"):
        normalize_orgnr("556036-0794")
    assert not is_valid_orgnr("556036-0794")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "is empty"),
        ("55603607", "has 8 digits"),
        ("556036-07930", "has 11 digits"),
        ("175560360793", "does not start with 16"),
        ("556036-079X", "only digits"),
        ("556036/0793", "only digits"),
        ("５５６０３６０７９３", "only digits"),  # full-width digits
    ],
)
def test_bad_shapes(text: str, fragment: str) -> None:
    with pytest.raises(InvalidOrgnr, match=fragment):
        normalize_orgnr(text)


def test_legal_forms() -> None:
    assert parse_orgnr("556036-0793").legal_form is LegalForm.AKTIEBOLAG
    assert parse_orgnr("212000-0142").legal_form is LegalForm.PUBLIC_BODY
    assert LegalForm.AKTIEBOLAG.sv == "Aktiebolag"
    assert all(f.sv and f.en for f in LegalForm)
    rng = random.Random(3)
    for digit, form in [
        (7, LegalForm.EKONOMISK_FORENING),
        (8, LegalForm.IDEELL_FORENING),
        (9, LegalForm.HANDELSBOLAG),
        (3, None),
        (6, None),
    ]:
        assert parse_orgnr(generate_orgnr(rng, digit)).legal_form is form


def test_personal_number() -> None:
    info = parse_orgnr("811218-9876")
    assert info.is_personal_number and info.legal_form is None
    assert info.canonical == "811218-9876"
    assert parse_orgnr("19811218-9876").canonical == "811218-9876"
    assert parse_orgnr("811278-9873").is_personal_number  # samordningsnummer, day 18 + 60
    assert parse_orgnr("000229-0005").is_personal_number  # 29 Feb 2000
    assert not parse_orgnr("556036-0793").is_personal_number


def test_personal_number_with_bad_date() -> None:
    nine = "811318987"  # month 13
    with pytest.raises(InvalidOrgnr, match="not a valid personnummer"):
        parse_orgnr(nine + str(luhn_check_digit(nine)))


@given(legal_person())
def test_accepted_forms_normalise(canonical: str) -> None:
    for form in accepted_forms(canonical):
        assert normalize_orgnr(form) == canonical
    info = parse_orgnr(canonical)
    assert not info.is_personal_number


@given(st.text("0123456789", min_size=9, max_size=9))
def test_check_digit_agrees_with_independent_luhn(nine: str) -> None:
    for check in range(10):
        number = nine + str(check)
        luhn_ok = check == luhn_check_digit(nine)
        if nine[2] >= "2":
            assert is_valid_orgnr(number) is luhn_ok
        elif not luhn_ok:
            assert not is_valid_orgnr(number)


@given(legal_person(), st.integers(0, 9), st.integers(1, 9))
def test_single_digit_change_is_rejected(canonical: str, position: int, delta: int) -> None:
    digits = canonical.replace("-", "")
    changed = digits[:position] + str((int(digits[position]) + delta) % 10) + digits[position + 1 :]
    assert not is_valid_orgnr(changed)


@given(st.integers(0, 2**32), st.sampled_from([2, 5, 7, 8, 9]))
def test_generate(seed: int, first: int) -> None:
    number = generate_orgnr(random.Random(seed), first)
    assert normalize_orgnr(number) == number
    assert number[0] == str(first) and number[2] >= "2"
    assert not parse_orgnr(number).is_personal_number
