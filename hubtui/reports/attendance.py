"""The report's attendance-by-gender tables as one network, so the hidden cells of the events
table, the by-type table and the project total hold together (see `hubtui.reports.privacy`).

Each event's gender counts add up to its type's counts (with attendance kept on activities that
are not events as an unpublished rest), and the types add up to the project level, which is
published in full. Row totals are published everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hubtui.domain.attendance import GENDERS
from hubtui.reports.privacy import Arc, Cell, shown_cells, suppress


@dataclass(frozen=True)
class Counts:
    key: str  # event id or activity type id
    women: int
    men: int
    other: int
    unstated: int

    def of(self, gender: str) -> int:
        return int(getattr(self, gender))

    @property
    def values(self) -> tuple[int, int, int, int]:
        """The counts in the order of GENDERS."""
        return (self.women, self.men, self.other, self.unstated)


@dataclass(frozen=True)
class Protected:
    events: dict[str, dict[str, Cell]]  # event id → gender → cell
    types: dict[str, dict[str, Cell]]  # activity type id → gender → cell


def protect_attendance(
    per_type: Sequence[Counts], events: Sequence[tuple[str, Counts]]
) -> Protected:
    """Hide what must be hidden; `events` pairs each event's activity type with its counts."""
    arcs: list[Arc] = []
    from_events: dict[tuple[str, str], int] = {}
    for type_id, e in events:
        row = ("event", e.key)
        for g, value in zip(GENDERS, e.values, strict=True):
            arcs.append(Arc(("event", e.key, g), row, ("type", type_id, g), value))
            from_events[type_id, g] = from_events.get((type_id, g), 0) + value
    for t in per_type:
        for g, value in zip(GENDERS, t.values, strict=True):
            node = ("type", t.key, g)
            rest = value - from_events.get((t.key, g), 0)
            if rest:  # attendance kept on activities that are not events: never published
                arcs.append(Arc(("rest", t.key, g), ("rest", t.key), node, rest, shown=False))
            arcs.append(Arc(node, node, ("project", g), value))
    cells = shown_cells(arcs, suppress(arcs))
    return Protected(
        events={e.key: {g: cells["event", e.key, g] for g in GENDERS} for _, e in events},
        types={t.key: {g: cells["type", t.key, g] for g in GENDERS} for t in per_type},
    )
