import csv
from pathlib import Path

import pytest

from hubtui.domain.regions import (
    UnknownRegion,
    all_counties,
    all_municipalities,
    county,
    municipalities_in,
    municipality,
)

SHARED = Path("/work/shared/data")
DATA = Path(__file__).parents[2] / "hubtui" / "domain" / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


COUNTY_ROWS = _rows("counties.csv")
MUNI_ROWS = _rows("municipalities.csv")


def test_counts() -> None:
    assert len(all_counties()) == 21
    assert len(all_municipalities()) == 290
    assert len(COUNTY_ROWS) == 21 and len(MUNI_ROWS) == 290
    assert sum(len(municipalities_in(c.code)) for c in all_counties()) == 290


@pytest.mark.skipif(not SHARED.exists(), reason="shared data not present")
def test_package_data_matches_shared_data() -> None:
    for name in ("counties.csv", "municipalities.csv"):
        assert (DATA / name).read_bytes() == (SHARED / name).read_bytes()


@pytest.mark.parametrize("row", COUNTY_ROWS, ids=lambda r: r["county_code"])
def test_every_county(row: dict[str, str]) -> None:
    c = county(row["county_code"])
    assert (c.code, c.name, c.short_name) == (
        row["county_code"],
        row["county_name"],
        row["county_name_short"],
    )
    for text in (
        row["county_name"],
        row["county_name_short"],
        row["county_name"].upper(),
        row["county_name_short"].lower(),
        f"  {row['county_name']} ",
    ):
        assert county(text) == c
    if row["county_code"].startswith("0"):
        assert county(row["county_code"][1]) == c


@pytest.mark.parametrize("row", MUNI_ROWS, ids=lambda r: r["municipality_code"])
def test_every_municipality(row: dict[str, str]) -> None:
    m = municipality(row["municipality_code"])
    assert (m.code, m.name, m.county_code) == (
        row["municipality_code"],
        row["municipality_name_short"],
        row["county_code"],
    )
    assert m.code[:2] == m.county_code
    assert municipality(row["municipality_name_short"]) == m
    assert municipality(row["municipality_name_short"].upper()) == m
    assert municipality(row["municipality_name_short"] + " kommun") == m
    assert m in municipalities_in(m.county_code)


def test_examples() -> None:
    assert county("Västmanlands län").code == "19"
    assert county("VÄSTMANLAND").code == "19"
    assert county("västmanland").code == "19"
    assert county("4").code == "04"
    assert county("Sörmland").code == "04"
    assert county("Region Västmanland").code == "19"
    assert municipality("Västerås").code == "1980"
    assert municipality("484").name == "Eskilstuna"
    assert municipality("upplands bro").code == "0139"
    assert municipalities_in("Västmanland")[0].name == "Skinnskatteberg"


@pytest.mark.parametrize("text", ["02", "99", "Lappland", "", "1980"])
def test_unknown_county(text: str) -> None:
    with pytest.raises(UnknownRegion, match="is not a Swedish county; use a two-digit"):
        county(text)


@pytest.mark.parametrize("text", ["0100", "19", "Atlantis", ""])
def test_unknown_municipality(text: str) -> None:
    with pytest.raises(UnknownRegion, match="is not a Swedish municipality"):
        municipality(text)
