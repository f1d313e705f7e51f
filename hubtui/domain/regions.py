"""Swedish counties (län) and municipalities (kommuner) with SCB's codes."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from hubtui.errors import InvalidValue


class UnknownRegion(InvalidValue):
    """A county or municipality code or name that does not exist."""


@dataclass(frozen=True, slots=True)
class County:
    """A county (län): two-digit code, full name ("Västmanlands län") and short name."""

    code: str
    name: str
    short_name: str


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality (kommun): four-digit code whose first two digits are the county code."""

    code: str
    name: str
    county_code: str


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("hubtui.domain").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _key(text: str) -> str:
    """Lookup key: case-folded, NFC-normalised, single spaces, hyphens as spaces."""
    text = unicodedata.normalize("NFC", text).casefold().replace("-", " ")
    return " ".join(text.split())


@cache
def all_counties() -> tuple[County, ...]:
    """The 21 counties in code order."""
    rows = _read_csv("counties.csv")
    return tuple(County(r["county_code"], r["county_name"], r["county_name_short"]) for r in rows)


@cache
def all_municipalities() -> tuple[Municipality, ...]:
    """The 290 municipalities in code order."""
    rows = _read_csv("municipalities.csv")
    return tuple(
        Municipality(r["municipality_code"], r["municipality_name_short"], r["county_code"])
        for r in rows
    )


# Everyday names that are not in SCB's table.
_COUNTY_ALIASES = {"sörmland": "04"}


@cache
def _county_index() -> dict[str, County]:
    index: dict[str, County] = {}
    for c in all_counties():
        index[c.code] = c
        index[_key(c.name)] = c
        index[_key(c.short_name)] = c
    for alias, code in _COUNTY_ALIASES.items():
        index[alias] = index[code]
    return index


@cache
def _municipality_index() -> dict[str, Municipality]:
    index: dict[str, Municipality] = {}
    for m in all_municipalities():
        index[m.code] = m
        index[_key(m.name)] = m
        index[_key(m.name + " kommun")] = m
    return index


def county(code_or_name: str) -> County:
    """Look up a county by code ("19", "1") or name ("Västmanland", "Västmanlands län").

    "Region Västmanland" and "Sörmland" are accepted too.
    """
    text = code_or_name.strip()
    key = text.zfill(2) if text.isdigit() and len(text) <= 2 else _key(text)
    if key.startswith("region "):
        key = key.removeprefix("region ")
    found = _county_index().get(key)
    if found is None:
        raise UnknownRegion(
            (
                "'{text}' is not a Swedish county; use a two-digit county code such as 19 or a "
                "name such as Västmanland."
            ),
            field="county",
            text=text,
        )
    return found


def municipality(code_or_name: str) -> Municipality:
    """Look up a municipality by four-digit code ("1980", "0484") or name ("Västerås")."""
    text = code_or_name.strip()
    key = text.zfill(4) if text.isdigit() and len(text) <= 4 else _key(text)
    found = _municipality_index().get(key)
    if found is None:
        raise UnknownRegion(
            (
                "'{text}' is not a Swedish municipality; use a four-digit municipality code such "
                "as 1980 or a name such as Västerås."
            ),
            field="municipality",
            text=text,
        )
    return found


def municipalities_in(county_code: str) -> tuple[Municipality, ...]:
    """The municipalities of a county (code or name accepted), in code order."""
    code = county(county_code).code
    return tuple(m for m in all_municipalities() if m.county_code == code)


# NUTS 2021 level 3 (Eurostat) of each county (län), by county code: Västmanland is SE125.
NUTS_2021: dict[str, str] = {
    "01": "SE110",
    "03": "SE121",
    "04": "SE122",
    "05": "SE123",
    "06": "SE211",
    "07": "SE212",
    "08": "SE213",
    "09": "SE214",
    "10": "SE221",
    "12": "SE224",
    "13": "SE231",
    "14": "SE232",
    "17": "SE311",
    "18": "SE124",
    "19": "SE125",
    "20": "SE312",
    "21": "SE313",
    "22": "SE321",
    "23": "SE322",
    "24": "SE331",
    "25": "SE332",
}


def nuts_code(county_code: str | None) -> str:
    """The NUTS 2021 code of a county ("" when unknown)."""
    return NUTS_2021.get(county_code or "", "")
