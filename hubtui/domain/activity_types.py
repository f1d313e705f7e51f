"""Activity types, EDIH service categories and the other small vocabularies, with labels."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from hubtui.errors import InvalidValue

Lang = Literal["sv", "en"]
Mode = Literal["one_to_one", "group", "either"]


class _Labelled(StrEnum):
    """A StrEnum whose members have Swedish and English labels."""

    @property
    def sv(self) -> str:
        return _LABELS[self][0]

    @property
    def en(self) -> str:
        return _LABELS[self][1]


class Category(_Labelled):
    """The four EDIH service categories."""

    TEST_BEFORE_INVEST = "test_before_invest"
    SKILLS_TRAINING = "skills_training"
    INVESTMENT_SUPPORT = "investment_support"
    ECOSYSTEM_NETWORKING = "ecosystem_networking"


class SupportForm(_Labelled):
    """How an enterprise is supported (RCO02, RCO03, RCO04)."""

    NON_FINANCIAL = "non_financial"
    GRANT = "grant"
    FINANCIAL_INSTRUMENT = "financial_instrument"


class OrgKind(_Labelled):
    """Kind of organisation."""

    COMPANY = "company"
    PUBLIC_BODY = "public_body"
    RESEARCH = "research"
    OTHER = "other"


class LeaderGender(_Labelled):
    """Gender of a company's leader, for aggregate counts of women-led companies."""

    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"
    UNKNOWN = "unknown"


_LABELS: dict[StrEnum, tuple[str, str]] = {
    Category.TEST_BEFORE_INVEST: ("Testa före investering", "Test before invest"),
    Category.SKILLS_TRAINING: ("Kompetens och utbildning", "Skills and training"),
    Category.INVESTMENT_SUPPORT: ("Stöd att hitta investeringar", "Support to find investments"),
    Category.ECOSYSTEM_NETWORKING: (
        "Innovationsekosystem och nätverk",
        "Innovation ecosystem and networking",
    ),
    SupportForm.NON_FINANCIAL: ("Icke-finansiellt stöd", "Non-financial support"),
    SupportForm.GRANT: ("Bidrag", "Grant"),
    SupportForm.FINANCIAL_INSTRUMENT: ("Finansiellt instrument", "Financial instrument"),
    OrgKind.COMPANY: ("Företag", "Company"),
    OrgKind.PUBLIC_BODY: ("Offentlig aktör", "Public body"),
    OrgKind.RESEARCH: ("Forskningsorganisation", "Research organisation"),
    OrgKind.OTHER: ("Övrig", "Other"),
    LeaderGender.WOMAN: ("Kvinna", "Woman"),
    LeaderGender.MAN: ("Man", "Man"),
    LeaderGender.OTHER: ("Annat", "Other"),
    LeaderGender.UNKNOWN: ("Okänt", "Unknown"),
}


@dataclass(frozen=True, slots=True)
class ActivityType:
    """A kind of logged activity and its default EDIH service category."""

    id: str
    sv: str
    en: str
    mode: Mode
    default_category: Category

    @property
    def is_group(self) -> bool:
        """True if the type can be a group event (attendance counts apply)."""
        return self.mode in ("group", "either")

    @property
    def is_one_to_one(self) -> bool:
        return self.mode in ("one_to_one", "either")


_NET, _SKILLS, _TBI, _INV = (
    Category.ECOSYSTEM_NETWORKING,
    Category.SKILLS_TRAINING,
    Category.TEST_BEFORE_INVEST,
    Category.INVESTMENT_SUPPORT,
)
_TABLE: tuple[tuple[str, str, str, Mode, Category], ...] = (
    ("visit", "Företagsbesök", "Company visit", "one_to_one", _NET),
    ("meeting", "Möte", "Meeting", "one_to_one", _NET),
    ("needs_analysis", "Behovsanalys", "Needs analysis", "either", _NET),
    ("matchmaking", "Matchmaking", "Matchmaking", "one_to_one", _NET),
    ("advisory", "Vägledning", "Advisory", "one_to_one", _SKILLS),
    ("seminar", "Seminarium", "Seminar", "group", _SKILLS),
    ("workshop", "Workshop", "Workshop", "group", _SKILLS),
    ("training", "Utbildning", "Training", "group", _SKILLS),
    ("network_meeting", "Nätverksträff", "Network meeting", "group", _NET),
    ("study_visit", "Studiebesök", "Study visit", "group", _NET),
    ("demo", "Demonstration", "Demonstration", "either", _TBI),
    ("testbed_session", "Testbäddssession", "Testbed session", "one_to_one", _TBI),
    ("investment_support", "Finansieringsstöd", "Investment support", "one_to_one", _INV),
)
ACTIVITY_TYPES: dict[str, ActivityType] = {row[0]: ActivityType(*row) for row in _TABLE}

GROUP_TYPES: frozenset[str] = frozenset(t.id for t in ACTIVITY_TYPES.values() if t.is_group)
ONE_TO_ONE_TYPES: frozenset[str] = frozenset(
    t.id for t in ACTIVITY_TYPES.values() if t.is_one_to_one
)


def activity_type(type_id: str) -> ActivityType:
    """The activity type with this id."""
    found = ACTIVITY_TYPES.get(type_id.strip().lower())
    if found is None:
        raise InvalidValue(
            "'{type_id}' is not an activity type; use one of {activity_types}.",
            type_id=type_id,
            activity_types=", ".join(ACTIVITY_TYPES),
        )
    return found


def label(value: StrEnum | ActivityType, lang: Lang = "sv") -> str:
    """The Swedish ("sv") or English ("en") label of an activity type or a labelled enum member."""
    if isinstance(value, ActivityType):
        return value.sv if lang == "sv" else value.en
    sv_en = _LABELS.get(value)
    if sv_en is None:
        # Other labelled enums (SizeClass, LegalForm, Metric …) carry sv/en properties.
        text = getattr(value, lang, None)
        return text if isinstance(text, str) else str(value)
    return sv_en[0] if lang == "sv" else sv_en[1]
