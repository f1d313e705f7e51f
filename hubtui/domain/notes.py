"""The narrative note sections a project leader writes per project and period."""

from __future__ import annotations

NOTE_SECTIONS: tuple[str, ...] = (
    "arbetssatt",
    "aktiviteter",
    "resultat",
    "jamstalldhet",
    "avvikelser",
)
