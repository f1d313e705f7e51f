"""How the project reaches its target group, in the figures hubtui has: the organisations
supported in the period by county and municipality, by size class and by sector (SNI section).
Organisations are counted, not people, so these tables are not suppressed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from hubtui.domain.activity_types import label as enum_label
from hubtui.domain.regions import UnknownRegion, county, municipality
from hubtui.domain.size import SizeClass
from hubtui.domain.sni import sni_section
from hubtui.reports.labels import ReportLang, label
from hubtui.reports.queries import ParticipantRow


@dataclass(frozen=True)
class Reach:
    by_place: tuple[tuple[str, str, int], ...]  # county, municipality, organisations
    by_size: tuple[tuple[str, int], ...]  # size class (companies), companies
    by_sector: tuple[tuple[str, int], ...]  # SNI section, organisations


def _name(code: str | None, lookup: str, lang: ReportLang) -> str:
    if not code:
        return label("unknown", lang)
    try:
        return county(code).name if lookup == "county" else municipality(code).name
    except UnknownRegion:
        return code


def _sector(codes: str, lang: ReportLang) -> str:
    first = next((c for c in codes.replace(";", ",").split(",") if c.strip()), "")
    section = sni_section(first)
    if section is None:
        return label("unknown", lang)
    letter, sv, en = section
    return f"{letter} {sv if lang == 'sv' else en}"


def reach_of(members: Sequence[ParticipantRow], lang: ReportLang) -> Reach:
    in_period = [m for m in members if m.activities > 0]
    places = Counter(
        (_name(m.county, "county", lang), _name(m.municipality, "municipality", lang))
        for m in in_period
    )
    sizes: Counter[str] = Counter(m.size_class or "" for m in in_period if m.kind == "company")
    order = [s.value for s in SizeClass] + sorted(set(sizes) - {s.value for s in SizeClass})
    sectors = Counter(_sector(m.sni_codes, lang) for m in in_period)
    return Reach(
        by_place=tuple((c, mu, n) for (c, mu), n in sorted(places.items())),
        by_size=tuple((_size(s, lang), sizes[s]) for s in order if s in sizes),
        by_sector=tuple(sorted(sectors.items())),
    )


def _size(value: str, lang: ReportLang) -> str:
    try:
        return enum_label(SizeClass(value), lang)
    except ValueError:
        return label("size_unknown", lang)
