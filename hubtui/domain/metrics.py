"""The KPI metrics a goals file may target, with Swedish and English labels."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MetricInfo:
    """A countable metric; ratio metrics (shares) are not summed over periods."""

    id: str
    sv: str
    en: str

    @property
    def is_ratio(self) -> bool:
        return self.id in RATIO_METRICS


_ROWS = (
    ("companies_supported", "Företag som fått stöd", "Enterprises supported"),
    ("activities", "Aktiviteter", "Activities"),
    ("participants", "Deltagare", "Participants"),
    ("women_share", "Andel kvinnor bland deltagarna", "Share of women among participants"),
    ("hours", "Timmar", "Hours"),
    ("new_companies_supported", "Nya företag som fått stöd", "New enterprises supported"),
    (
        "research_cooperation",
        "Företag i samarbete med forskning",
        "Enterprises cooperating with research",
    ),
    ("dma_assessed", "Organisationer med mognadsmätning (DMA)", "Organisations with a DMA"),
    (
        "dma_improved",
        "Organisationer med ökad digital mognad",
        "Organisations more digitally mature",
    ),
    ("investment_triggered", "Utlösta investeringar (€)", "Investment triggered (€)"),
    ("collaborations", "Samarbeten", "Collaborations"),
    ("women_led_companies", "Kvinnoledda företag", "Women-led enterprises"),
)

METRICS: dict[str, MetricInfo] = {row[0]: MetricInfo(*row) for row in _ROWS}
RATIO_METRICS: frozenset[str] = frozenset({"women_share"})
