"""How each demo project behaves: its share of the activities, reach, mix of types, people."""

from __future__ import annotations

from dataclasses import dataclass, field

from hubtui.demo import vocabulary as v


@dataclass(frozen=True, slots=True)
class ProjectPlan:
    """Tuning of one template project's demo activity (numbers chosen so that some KPIs
    run ahead of the time elapsed and some lag behind)."""

    code: str
    share: float  # of all demo activities
    counties: tuple[str, ...]  # where its companies come from
    reach: float  # share of eligible companies supported by the end (or by today)
    outside: float  # share of its companies from other counties
    types: dict[str, float]  # activity type -> weight
    women: float  # mean share of women at events
    advisors: tuple[str, ...]
    testbeds: tuple[str, ...]
    topics: tuple[str, ...]
    grant_share: float = 0.0  # pilots paid by a grant (pilot cheques)
    joint_rd: float = 0.0  # testbed sessions, demos and matchmakings that are joint R&D
    dma_share: float = 0.0  # supported companies with a DMA at T0
    investment_share: float = 0.0  # supported companies whose investment is recorded
    collaborations_per_year: float = 0.0
    groups: tuple[tuple[str, int, int], ...] = field(default=())  # name, women, men


PLANS: tuple[ProjectPlan, ...] = (
    ProjectPlan(
        code="SINM",
        share=0.22,
        counties=("20", "21", "17"),
        reach=0.9,
        outside=0.0,
        types={
            "visit": 36,
            "meeting": 18,
            "needs_analysis": 16,
            "advisory": 10,
            "workshop": 4,
            "seminar": 1.5,
            "network_meeting": 1.5,
            "study_visit": 0.5,
            "testbed_session": 3,
            "demo": 1,
        },
        women=0.24,
        advisors=(v.ADVISORS[3], v.ADVISORS[5]),
        testbeds=("Processlabbet Sandviken", "Digitaliseringsverkstaden", "Industri 4.0-labbet"),
        topics=v.INDUSTRY_TOPICS,
        grant_share=0.35,
        dma_share=0.7,
        collaborations_per_year=2,
        groups=(("Styrgrupp", 3, 6), ("Regional referensgrupp", 4, 7)),
    ),
    ProjectPlan(
        code="DIGI",
        share=0.33,
        counties=("19", "04", "01"),
        reach=0.75,
        outside=0.0,
        types={
            "visit": 28,
            "meeting": 16,
            "needs_analysis": 10,
            "advisory": 8,
            "matchmaking": 5,
            "workshop": 3,
            "seminar": 1.5,
            "training": 1,
            "study_visit": 1,
            "testbed_session": 8,
            "demo": 3,
            "investment_support": 2,
        },
        women=0.31,
        advisors=(v.ADVISORS[1], v.ADVISORS[4], v.ADVISORS[2], v.ADVISORS[5]),
        testbeds=(
            "Smart verkstad Eskilstuna",
            "Maskinseendelabbet",
            "Digital tvilling-labbet",
            "XR-studion",
        ),
        topics=v.DESIGN_TOPICS,
        joint_rd=0.15,
        investment_share=0.1,
        collaborations_per_year=3.5,
        groups=(("Styrgrupp", 4, 4), ("Designrådet", 5, 3)),
    ),
    ProjectPlan(
        code="KAIM",
        share=0.15,
        counties=("19", "04"),
        reach=0.35,
        outside=0.0,
        types={
            "needs_analysis": 5,
            "matchmaking": 3.5,
            "seminar": 2,
            "network_meeting": 1.5,
            "study_visit": 0.8,
            "visit": 40,
            "meeting": 35,
            "advisory": 12,
        },
        women=0.41,
        advisors=(v.ADVISORS[2], v.ADVISORS[3], v.ADVISORS[0]),
        testbeds=("AI-labb Västerås",),
        topics=v.AI_TOPICS,
        joint_rd=0.1,
        collaborations_per_year=2,
        groups=(("Styrgrupp", 3, 3), ("AI-nätverket Mälardalen", 6, 11)),
    ),
    ProjectPlan(
        code="AISL",
        share=0.3,
        counties=("19",),
        reach=0.7,
        outside=0.06,
        types={
            "visit": 30,
            "meeting": 20,
            "needs_analysis": 12,
            "advisory": 14,
            "testbed_session": 5,
            "demo": 2,
            "seminar": 1.5,
            "workshop": 1,
            "training": 0.7,
            "network_meeting": 0.5,
            "investment_support": 2,
            "matchmaking": 3,
        },
        women=0.29,
        advisors=(v.ADVISORS[0], v.ADVISORS[1], v.ADVISORS[4], v.ADVISORS[5]),
        testbeds=(
            "AI-labb Västerås",
            "Digital tvilling-labbet",
            "Robotcellen Köping",
            "XR-studion",
            "5G-testbädd Arboga",
        ),
        topics=v.AI_TOPICS,
        joint_rd=0.12,
        dma_share=0.75,
        investment_share=0.35,
        collaborations_per_year=11,
        groups=(("Styrgrupp", 4, 5), ("Industriråd Västmanland", 3, 8)),
    ),
)

# Staff hours per activity type: (fewest, most).
HOURS: dict[str, tuple[float, float]] = {
    "visit": (1.5, 4),
    "meeting": (0.5, 2),
    "needs_analysis": (2, 8),
    "matchmaking": (1, 4),
    "advisory": (2, 8),
    "seminar": (2, 6),
    "workshop": (3, 8),
    "training": (4, 16),
    "network_meeting": (2, 4),
    "study_visit": (3, 8),
    "demo": (2, 6),
    "testbed_session": (4, 40),
    "investment_support": (2, 10),
}
# How often a type that can be either is held as a group event.
GROUP_SHARE: dict[str, float] = {"needs_analysis": 0.3, "demo": 0.5}
