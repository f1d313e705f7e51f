import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubtui.domain.size import SME_CLASSES, SizeClass, parse_size_class, size_class
from hubtui.domain.sni import (
    SNI_VERSION,
    InvalidSni,
    classes,
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


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("25.19", "class 25.19"),
        ("25190", "class 25.19"),
        ("62.04", "class 62.04"),
        ("01.8", "group 01.8"),
        ("629", "group 62.9"),
        ("62010, 99.91", "class 99.91"),
    ],
)
def test_groups_and_classes_outside_sni_2007(text: str, level: str) -> None:
    with pytest.raises(InvalidSni, match=f"has no {level}; check the code against"):
        parse_sni_codes(text)


def test_the_classes_shipped_as_data() -> None:
    shipped = classes()
    assert len(shipped) == 615 and len(divisions()) == 88
    assert {section for section, _sv, _en in shipped.values()} == set("ABCDEFGHIJKLMNOPQRSTU")
    assert shipped["2511"] == (
        "C",
        "Tillverkning av metallstommar och delar därav",
        "Manufacture of metal structures and parts of structures",
    )
    assert shipped["6201"][0] == "J" and "9900" in shipped and "2519" not in shipped
    d = divisions()
    assert d["10"] == d["33"] == "C" and "04" not in d and "99" in d


@given(st.sampled_from(sorted(classes())), st.text("0123456789", min_size=0, max_size=1))
def test_sni_forms_round_trip(klass: str, fifth: str) -> None:
    """Every class, its group and division, and any fifth digit below it (the Swedish
    detailed groups are checked by their class) parse, plain and dotted."""
    for code in (klass[:2], klass[:3], klass, klass + fifth):
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
