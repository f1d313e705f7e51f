"""The narrative note sections a project leader writes per project and period, in the order
of Tillväxtverket's lägesrapport. Every one is required in a final report."""

from __future__ import annotations

NOTE_SECTIONS: tuple[str, ...] = (
    "arbetssatt",
    "aktiviteter",
    "resultat",
    "jamstalldhet",
    "lika_mojligheter",
    "hallbar_utveckling",
    "malgrupp",
    "avvikelser",
    "oforutsedda",
)
# An indicator's comment is stored as the note section "kpi:<KPI id>".
KPI_PREFIX = "kpi:"
