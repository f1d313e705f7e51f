"""How the project reaches its target group, in the figures hubtui has: the organisations
supported in the period by county and municipality, by size class and by sector (SNI section).
Organisations are counted, not people, so these tables are not suppressed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from hubtui.domain.regions import UnknownRegion, county, municipality
from hubtui.domain.size import SizeClass
from hubtui.domain.sni import sni_section
from hubtui.reports.queries import ParticipantRow


@dataclass(frozen=True)
class Reach:
    """Counts by value; "" is a value that is not known (the writers name it, and sort)."""

    by_place: tuple[tuple[str, str, int], ...]  # county, municipality, organisations
    by_size: tuple[tuple[str, int], ...]  # size class (companies), companies
    by_sector: tuple[tuple[str, int], ...]  # SNI section letter, organisations


def _name(code: str | None, lookup: str) -> str:
    if not code:
        return ""
    try:
        return county(code).name if lookup == "county" else municipality(code).name
    except UnknownRegion:
        return code


def _sector(codes: str) -> str:
    first = next((c for c in codes.replace(";", ",").split(",") if c.strip()), "")
    section = sni_section(first)
    return section[0] if section is not None else ""


def reach_of(members: Sequence[ParticipantRow]) -> Reach:
    in_period = [m for m in members if m.activities > 0]
    places = Counter(
        (_name(m.county, "county"), _name(m.municipality, "municipality")) for m in in_period
    )
    known = {s.value for s in SizeClass}
    sizes: Counter[str] = Counter(
        m.size_class if m.size_class in known else "" for m in in_period if m.kind == "company"
    )
    order = [s.value for s in SizeClass] + [""]
    sectors = Counter(_sector(m.sni_codes) for m in in_period)
    return Reach(
        by_place=tuple((c, mu, n) for (c, mu), n in places.items()),
        by_size=tuple((s, sizes[s]) for s in order if s in sizes),
        by_sector=tuple(sectors.items()),
    )
