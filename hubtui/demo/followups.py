"""What follows a project's activities: DMA results, investments, collaborations, the
project leader's report notes and the composition of steering groups and networks."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from hubtui.demo import vocabulary as v
from hubtui.demo.activities import ProjectActivities
from hubtui.domain.periods import reporting_periods
from hubtui.store.derive import DMA_SCORES

# Dimensions where small firms usually score lower (automation and AI, green digitalisation).
_DIMENSION_BIAS = (2, 4, 0, -2, -6, -8)

NOTE_TEXTS: dict[str, tuple[str, ...]] = {
    "arbetssatt": (
        "Projektet arbetar med företagsnära processledare som besöker företagen och följer upp "
        "med behovsanalys. Under perioden har vi samordnat inbjudningar med regionens "
        "näringslivskontor.",
        "Rådgivarna har delat upp länet geografiskt. Styrgruppen har träffats en gång och "
        "godkänt verksamhetsplanen för nästa period.",
        "Vi har infört en gemensam mall för behovsanalyser och en veckovis avstämning i "
        "projektgruppen om vilka företag som ska erbjudas test i testbädd.",
    ),
    "aktiviteter": (
        "Perioden präglades av företagsbesök och behovsanalyser. Seminariet om {topic} samlade "
        "många deltagare och ledde till flera uppföljande möten.",
        "Vi genomförde testbäddssessioner och en workshop om {topic}. Intresset från "
        "mikroföretag har ökat efter en riktad kampanj.",
        "Fokus har legat på matchmaking mot akademin och på nätverksträffar om {topic}.",
    ),
    "resultat": (
        "Flera företag har gått vidare från test till investeringsbeslut. Mognadsmätningarna "
        "visar störst förbättring inom automation och datahantering.",
        "Företagen anger att insatserna gett konkreta idéer om {topic}; två företag har "
        "startat egna förstudier.",
        "Resultatindikatorerna följer i stort sett planen. Andelen stödda tillverkande SMF är "
        "högre än budgeterat.",
    ),
    "jamstalldhet": (
        "Andelen kvinnor bland deltagarna är fortfarande under målet. Vi har bjudit in "
        "kvinnliga föreläsare och riktat inbjudningar till kvalitets- och hållbarhetsansvariga.",
        "Styrgruppen är jämställd. I nätverket är männen i majoritet; nästa träff planeras "
        "tillsammans med ett nätverk för kvinnor i industrin.",
    ),
    "avvikelser": (
        "Rekryteringen av en processledare tog längre tid än planerat, vilket försenade "
        "företagsbesöken under periodens första månad.",
        "Ett planerat studiebesök ställdes in på grund av för få anmälda; det genomförs i "
        "stället nästa period.",
        "Testbädden var otillgänglig i tre veckor på grund av ombyggnad. Inga oförutsedda "
        "effekter i övrigt.",
    ),
}
_NOTE_CHANCE = {
    "arbetssatt": 0.5,
    "aktiviteter": 0.85,
    "resultat": 0.45,
    "jamstalldhet": 0.35,
    "avvikelser": 0.3,
}


def _clamp(score: float) -> int:
    return max(0, min(100, round(score)))


def dma_rows(rng: random.Random, made: ProjectActivities) -> list[dict[str, Any]]:
    """T0 for a share of the supported companies; T1 later, usually higher, sometimes lower."""
    if made.plan.dma_share <= 0:
        return []
    rows: list[dict[str, Any]] = []
    for index, first in made.first_support.items():
        if made.orgs[index].kind != "company" or rng.random() >= made.plan.dma_share:
            continue
        t0 = first + dt.timedelta(days=rng.randrange(46))
        if t0 > made.last:
            continue
        base = rng.gauss(36, 10)
        before = [_clamp(rng.gauss(base + bias, 8)) for bias in _DIMENSION_BIAS]
        rows.append(_dma(made, index, "T0", t0, before))
        t1 = t0 + dt.timedelta(days=rng.randrange(90, 361))
        if t1 > made.last or rng.random() < 0.15:
            continue
        gain = -abs(rng.gauss(3, 2)) if rng.random() < 0.12 else rng.gauss(8, 4)
        after = [_clamp(s + gain + rng.gauss(0, 4)) for s in before]
        rows.append(_dma(made, index, "T1", t1, after))
    return rows


def _dma(
    made: ProjectActivities, index: int, stage: str, day: dt.date, scores: list[int]
) -> dict[str, Any]:
    return {
        "organisation_id": made.orgs[index].id,
        "project_id": made.project_id,
        "stage": stage,
        "date": day,
        **dict(zip(DMA_SCORES, scores, strict=True)),
    }


def investment_rows(rng: random.Random, made: ProjectActivities) -> list[dict[str, Any]]:
    """Investments triggered some months after a company's first support, in euro."""
    rows: list[dict[str, Any]] = []
    if made.plan.investment_share <= 0:
        return rows
    for index, first in made.first_support.items():
        if made.orgs[index].kind != "company" or rng.random() >= made.plan.investment_share:
            continue
        day = first + dt.timedelta(days=rng.randrange(30, 361))
        if day > made.last:
            continue
        rows.append(
            {
                "project_id": made.project_id,
                "organisation_id": made.orgs[index].id,
                "date": day,
                "amount": float(round(math.exp(rng.gauss(11.4, 0.9)), -3)),
                "currency": "EUR",
                "source": rng.choice(v.INVESTMENT_SOURCES),
            }
        )
    return rows


def collaboration_rows(rng: random.Random, made: ProjectActivities) -> list[dict[str, Any]]:
    years = ((made.last - made.start).days + 1) / 365.25
    count = round(years * made.plan.collaborations_per_year)
    if count <= 0 or not made.days:
        return []
    days = sorted(rng.choices(made.days, cum_weights=made.cum_weights, k=count))
    return [
        {
            "project_id": made.project_id,
            "partner": rng.choice(v.COLLABORATION_PARTNERS),
            "date": day,
            "note": rng.choice(v.COLLABORATION_NOTES),
        }
        for day in days
    ]


def note_rows(rng: random.Random, made: ProjectActivities) -> list[dict[str, Any]]:
    """The leader's narrative for the reporting periods so far (quarters)."""
    rows: list[dict[str, Any]] = []
    if made.last < made.start:
        return rows
    for period in reporting_periods(made.start, made.last):
        for section, chance in _NOTE_CHANCE.items():
            if rng.random() < chance:
                text = rng.choice(NOTE_TEXTS[section]).format(topic=rng.choice(made.plan.topics))
                rows.append(
                    {
                        "project_id": made.project_id,
                        "period": period.label,
                        "section": section,
                        "text": text,
                    }
                )
    return rows


def group_rows(rng: random.Random, made: ProjectActivities) -> list[dict[str, Any]]:
    """Steering group and network composition at the start and, later, after a change."""
    rows: list[dict[str, Any]] = []
    if made.last < made.start:
        return rows  # not started yet
    middle = made.start + (made.last - made.start) * 2 // 5
    for name, women, men in made.plan.groups:
        rows.append(_group(made, name, made.start, women, men))
        if middle > made.start:
            shift = rng.choice((-1, 1))
            rows.append(_group(made, name, middle, max(0, women + shift), max(1, men - shift)))
    return rows


def _group(
    made: ProjectActivities, name: str, day: dt.date, women: int, men: int
) -> dict[str, Any]:
    return {
        "project_id": made.project_id,
        "group_name": name,
        "date": day,
        "women": women,
        "men": men,
        "other": 0,
    }
