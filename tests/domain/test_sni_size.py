import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubtui.domain.size import SME_CLASSES, SizeClass, parse_size_class, size_class
from hubtui.domain.sni import (
    SNI_VERSION,
    InvalidSni,
    divisions,
    is_manufacturing,
    parse_sni_codes,
)
from hubtui.errors import UserError


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("25.110", ("25110",)),
        ("25110", ("25110",)),
        ("25 110", ("25110",)),
        (" 25.110, 62.010 ", ("25110", "62010")),
        ("25110,62010;62010", ("25110", "62010")),
        ("25 110 62 010", ("25110", "62010")),
        ("62", ("62",)),
        ("62.0", ("620",)),
        ("01.11", ("0111",)),
        ("", ()),
        (["25.11", "62 010", "62"], ("2511", "62010", "62")),
    ],
)
def test_parse_sni(text: str | list[str], codes: tuple[str, ...]) -> None:
    assert parse_sni_codes(text) == codes


@pytest.mark.parametrize("text", ["1", "251100", "25.1100", "ab", "25-110", "2.5110"])
def test_bad_sni(text: str) -> None:
    with pytest.raises(InvalidSni, match="is not an SNI 2007 code; write 2 to 5 digits"):
        parse_sni_codes(text)


@pytest.mark.parametrize("text", ["04110", "40", "34.1", "00", "62010, 48.100"])
def test_codes_outside_the_sni_2007_divisions(text: str) -> None:
    with pytest.raises(InvalidSni, match="SNI 2007 has no division"):
        parse_sni_codes(text)


def test_the_divisions_shipped_as_data() -> None:
    shipped = divisions()
    assert len(shipped) == 88 and set(shipped.values()) == set("ABCDEFGHIJKLMNOPQRSTU")
    assert shipped["10"] == shipped["33"] == "C" and "04" not in shipped and "99" in shipped


@given(
    st.sampled_from(sorted(divisions())),
    st.text("0123456789", min_size=0, max_size=3),
)
def test_sni_forms_round_trip(division: str, rest: str) -> None:
    code = division + rest
    dotted = f"{code[:2]}.{code[2:]}" if len(code) > 2 else code
    assert parse_sni_codes(code) == (code,)
    assert parse_sni_codes(dotted) == (code,)


def test_manufacturing() -> None:
    assert SNI_VERSION == "SNI2007"
    assert (
        is_manufacturing(["10110"]) and is_manufacturing(["33"]) and is_manufacturing(["62", "25"])
    )
    assert not is_manufacturing(["09900", "35110", "62010"])
    assert not is_manufacturing([])


@pytest.mark.parametrize(
    ("employees", "expected"),
    [
        (0, SizeClass.MICRO),
        (9, SizeClass.MICRO),
        (10, SizeClass.SMALL),
        (49, SizeClass.SMALL),
        (50, SizeClass.MEDIUM),
        (249, SizeClass.MEDIUM),
        (250, SizeClass.LARGE),
        (100_000, SizeClass.LARGE),
        (None, None),
    ],
)
def test_size_class(employees: int | None, expected: SizeClass | None) -> None:
    assert size_class(employees) is expected


def test_size_override() -> None:
    assert size_class(3, SizeClass.LARGE) is SizeClass.LARGE
    assert size_class(None, "Medium") is SizeClass.MEDIUM
    assert size_class(3, "") is SizeClass.MICRO
    with pytest.raises(UserError, match="'huge' is not a size class"):
        size_class(3, "huge")
    with pytest.raises(UserError, match="negative"):
        size_class(-1)
    assert parse_size_class(SizeClass.SMALL) is SizeClass.SMALL


def test_size_labels() -> None:
    assert frozenset({SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM}) == SME_CLASSES
    assert SizeClass.MICRO.sv == "Mikroföretag"
    assert all(s.sv and s.en for s in SizeClass)
