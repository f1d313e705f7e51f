"""Demo organisations (fictitious names, valid generated orgnr), contacts and testbeds."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from typing import Any

from hubtui.demo import vocabulary as v
from hubtui.domain.orgnr import generate_orgnr
from hubtui.domain.regions import municipalities_in, municipality
from hubtui.store.ids import new_id

# Share of companies per county, and the bigger towns' weight within a county.
COUNTY_WEIGHTS: dict[str, float] = {
    "19": 0.38,
    "04": 0.25,
    "01": 0.07,
    "20": 0.1,
    "21": 0.08,
    "17": 0.08,
    "03": 0.02,
    "18": 0.02,
}
TOWN_WEIGHTS: dict[str, float] = {
    "1980": 8,  # Västerås
    "1983": 3,  # Köping
    "1984": 2,  # Arboga
    "1982": 2,  # Fagersta
    "1981": 2,  # Sala
    "1961": 2,  # Hallstahammar
    "0484": 7,  # Eskilstuna
    "0480": 4,  # Nyköping
    "0483": 3,  # Katrineholm
    "0486": 2,  # Strängnäs
    "0181": 6,  # Södertälje
    "2081": 4,  # Borlänge
    "2080": 3,  # Falun
    "2085": 2,  # Ludvika
    "2180": 4,  # Gävle
    "2181": 4,  # Sandviken
    "1780": 5,  # Karlstad
    "1781": 2,  # Kristinehamn
}
SIZE_BANDS: tuple[tuple[float, int, int], ...] = (  # weight, fewest, most employees
    (0.33, 1, 9),
    (0.40, 10, 49),
    (0.20, 50, 249),
    (0.07, 250, 3000),
)
NEW_COMPANY_SHARE = 0.16


@dataclass(frozen=True, slots=True)
class OrgInfo:
    """What the activity generator needs to know about a demo organisation."""

    id: str
    name: str
    kind: str
    county: str | None
    founded: dt.date | None


@dataclass(frozen=True, slots=True)
class _Special:
    name: str
    kind: str
    first_digit: int
    municipality: str
    employees: int
    sni: str


# Non-company organisations: research organisations, public bodies and other actors.
SPECIALS: tuple[_Special, ...] = (
    _Special("Mälarsjöns högskola", "research", 2, "1980", 1400, "85420"),
    _Special("Bergslagens tekniska institut AB", "research", 5, "1983", 85, "72190"),
    _Special("Stiftelsen Produktionsteknik Svealand", "research", 8, "0484", 40, "72190"),
    _Special("Dalälvens högskola", "research", 2, "2081", 900, "85420"),
    _Special("Klarälvens forskningsinstitut", "research", 8, "1780", 60, "72190"),
    _Special("Regionförbundet Västra Mälardalen", "public_body", 2, "1983", 35, "84130"),
    _Special("Utvecklingskontoret Mälarstaden", "public_body", 2, "1980", 22, "84130"),
    _Special("Kommunalförbundet Bergslagsporten", "public_body", 2, "1982", 18, "84130"),
    _Special("Samordningsförbundet Sörmlandsindustri", "public_body", 2, "0484", 12, "84130"),
    _Special("Gästriklands utvecklingsförbund", "public_body", 2, "2180", 25, "84130"),
    _Special("Värmlands näringslivsråd", "public_body", 2, "1780", 15, "84130"),
    _Special("Fabriksföreningen i Rekarne", "other", 8, "0484", 6, "94110"),
    _Special("Mälarporten Science Park", "other", 8, "0181", 30, "70220"),
    _Special("Västerås Innovationspark", "other", 8, "1980", 18, "70220"),
    _Special("Stålbygdens industriförening", "other", 8, "2181", 4, "94110"),
    _Special("Kolbäcksådalens företagarförening", "other", 8, "1961", 2, "94110"),
)
FOREIGN: tuple[tuple[str, str], ...] = (  # companies without a Swedish orgnr
    ("Nordic Vision Systems Oy", "26700"),
    ("Werkzeugbau Nordhessen GmbH", "25730"),
)

# Testbeds: name, host (a SPECIALS name), location.
TESTBEDS: tuple[tuple[str, str, str], ...] = (
    ("AI-labb Västerås", "Mälarsjöns högskola", "Västerås"),
    ("Digital tvilling-labbet", "Mälarsjöns högskola", "Eskilstuna"),
    ("Robotcellen Köping", "Bergslagens tekniska institut AB", "Köping"),
    ("XR-studion", "Västerås Innovationspark", "Västerås"),
    ("5G-testbädd Arboga", "Bergslagens tekniska institut AB", "Arboga"),
    ("Smart verkstad Eskilstuna", "Fabriksföreningen i Rekarne", "Eskilstuna"),
    ("Maskinseendelabbet", "Mälarporten Science Park", "Södertälje"),
    ("Processlabbet Sandviken", "Stålbygdens industriförening", "Sandviken"),
    ("Digitaliseringsverkstaden", "Klarälvens forskningsinstitut", "Karlstad"),
    ("Industri 4.0-labbet", "Dalälvens högskola", "Borlänge"),
)


def ascii_slug(text: str, sep: str = "") -> str:
    """Lower-case ASCII letters and digits of a name, for e-mail addresses and web sites."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = ["".join(ch for ch in w if ch.isalnum()) for w in plain.split()]
    return sep.join(w for w in words if w)


def _genitive(town: str) -> str:
    return town if town[-1] in "sxzaeiouyåäö" else town + "s"


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


class OrganisationMaker:
    """Makes organisation rows; names and orgnr are unique within one demo."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orgnrs: set[str] = set()
        self.names: set[str] = set()
        self.towns: dict[str, tuple[list[str], list[float]]] = {}

    def orgnr(self, first_digit: int) -> str:
        while True:
            number = generate_orgnr(self.rng, first_digit)
            if number not in self.orgnrs:
                self.orgnrs.add(number)
                return number

    def _municipality(self, county: str) -> str:
        if county not in self.towns:
            codes = [m.code for m in municipalities_in(county)]
            self.towns[county] = (codes, [TOWN_WEIGHTS.get(c, 1.0) for c in codes])
        codes, weights = self.towns[county]
        return self.rng.choices(codes, weights)[0]

    def _name(self, county: str, town: str, trade: str) -> str:
        rng = self.rng
        for attempt in range(30):
            pattern = rng.random()
            if pattern < 0.45:
                base = f"{_genitive(town)} {trade}"
            elif pattern < 0.65:
                base = f"{rng.choice(v.REGIONAL_PREFIXES[county])} {trade}"
            elif pattern < 0.8:
                base = f"{rng.choice(v.SURNAMES)}s {trade}"
            elif pattern < 0.9:
                base = f"{rng.choice(v.SURNAMES)} & Söner {trade}"
            else:
                base = f"{trade} i {town}"
            name = f"{base} AB" if attempt < 20 else f"{base} {attempt} AB"
            if name not in self.names:
                self.names.add(name)
                return name
        raise RuntimeError("could not make a unique company name")  # unreachable in practice

    def company(self, last_day: dt.date) -> dict[str, Any]:
        rng = self.rng
        county = rng.choices(list(COUNTY_WEIGHTS), list(COUNTY_WEIGHTS.values()))[0]
        town_code = self._municipality(county)
        manufacturing = rng.random() < 0.86
        trade, sni = rng.choice(v.MANUFACTURING_TRADES if manufacturing else v.SERVICE_TRADES)
        codes = [sni]
        if rng.random() < 0.2:
            extra = rng.choice(v.EXTRA_SNI)
            if extra != sni:
                codes.append(extra)
        name = self._name(county, municipality(town_code).name, trade)
        _, low, high = rng.choices(SIZE_BANDS, [b[0] for b in SIZE_BANDS])[0]
        employees = low + int((high - low + 1) * rng.random() ** 2)
        if rng.random() < NEW_COMPANY_SHARE:
            # Skewed towards recent years: start-ups for the "new enterprises" KPI.
            span = (last_day - dt.date(2014, 1, 1)).days
            founded = last_day - dt.timedelta(days=int(span * rng.random() ** 1.5))
        else:
            founded = _day(rng, dt.date(1890, 1, 1), dt.date(2013, 12, 31))
            if founded.year < 1950 and rng.random() < 0.6:  # most firms are younger
                founded = _day(rng, dt.date(1950, 1, 1), dt.date(2013, 12, 31))
        gender = rng.choices(("woman", "man", "unknown"), (0.21, 0.72, 0.07))[0]
        slug = ascii_slug(name.removesuffix(" AB"))
        return {
            "orgnr": self.orgnr(5 if rng.random() < 0.93 else rng.choice((7, 9))),
            "name": name,
            "kind": "company",
            "county": county,
            "municipality": town_code,
            "employees": employees,
            "sni_codes": ",".join(codes),
            "founded": founded,
            "leader_gender": gender,
            "website": f"https://www.{slug}.example" if rng.random() < 0.7 else "",
            "notes": rng.choice(_ORG_NOTES) if rng.random() < 0.08 else "",
        }

    def special(self, s: _Special) -> dict[str, Any]:
        self.names.add(s.name)
        town = municipality(s.municipality)
        return {
            "orgnr": self.orgnr(s.first_digit),
            "name": s.name,
            "kind": s.kind,
            "county": town.county_code,
            "municipality": town.code,
            "employees": s.employees,
            "sni_codes": s.sni,
            "founded": _day(self.rng, dt.date(1965, 1, 1), dt.date(2012, 12, 31)),
            "leader_gender": "unknown",
            "website": f"https://www.{ascii_slug(s.name.removesuffix(' AB'))}.example",
        }

    def foreign(self, name: str, sni: str) -> dict[str, Any]:
        self.names.add(name)
        return {
            "orgnr": None,
            "name": name,
            "kind": "company",
            "employees": self.rng.randrange(20, 400),
            "sni_codes": sni,
            "founded": _day(self.rng, dt.date(1970, 1, 1), dt.date(2010, 12, 31)),
            "leader_gender": "unknown",
            "notes": "Utländskt företag utan svenskt organisationsnummer.",
        }


_ORG_NOTES = (
    "Del av en koncern; beslut om investeringar tas i moderbolaget.",
    "Tidigare deltagare i ShiftLabs första etapp.",
    "Intresserad av testbäddar för maskinseende.",
    "Familjeföretag i tredje generationen.",
    "Underleverantör till fordonsindustrin.",
)


def make_organisations(
    rng: random.Random, count: int, last_day: dt.date
) -> tuple[list[dict[str, Any]], list[OrgInfo]]:
    """`count` organisation rows (specials and foreign companies included) and their ids."""
    maker = OrganisationMaker(rng)
    rows = [maker.special(s) for s in SPECIALS]
    rows += [maker.foreign(name, sni) for name, sni in FOREIGN]
    rows += [maker.company(last_day) for _ in range(count - len(rows))]
    infos = [OrgInfo(new_id(), r["name"], r["kind"], r.get("county"), r["founded"]) for r in rows]
    return rows, infos


def make_contacts(
    rng: random.Random, orgs: list[dict[str, Any]], infos: list[OrgInfo]
) -> list[dict[str, Any]]:
    """One to three fictitious contact persons per organisation."""
    rows: list[dict[str, Any]] = []
    for org, info in zip(orgs, infos, strict=True):
        domain = ascii_slug(org["name"].removesuffix(" AB")) + ".example"
        for _ in range(rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]):
            first = rng.choice(v.WOMEN_NAMES if rng.random() < 0.35 else v.MEN_NAMES)
            last = rng.choice(v.SURNAMES)
            rows.append(
                {
                    "organisation_id": info.id,
                    "name": f"{first} {last}",
                    "role": rng.choice(v.ROLES) if info.kind == "company" else "Verksamhetsledare",
                    "email": f"{ascii_slug(first)}.{ascii_slug(last)}@{domain}",
                    "phone": f"070-174 06 {rng.randrange(5, 100):02d}"
                    if rng.random() < 0.6
                    else "",
                }
            )
    return rows


def make_testbeds(infos: list[OrgInfo]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Testbed rows and a map from testbed name to its id."""
    host_ids = {i.name: i.id for i in infos if i.kind != "company"}
    ids: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for name, host, location in TESTBEDS:
        ids[name] = new_id()
        rows.append({"name": name, "host_organisation_id": host_ids[host], "location": location})
    return rows, ids
