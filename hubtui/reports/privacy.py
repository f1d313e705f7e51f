"""Small-cell suppression of gender counts below project level.

One woman at a five-person workshop is identifiable, so a report's breakdowns per event or
per activity type show counts of 1 and 2 as "<3". Each row is published with its total, so
when a single cell of a row is hidden the smallest other cell is hidden too ("x" if it is 3
or more); otherwise the hidden count would follow from the total by subtraction. Zero stays
visible unless it is that second cell. Project-level totals are never suppressed.
"""

from __future__ import annotations

from collections.abc import Mapping

SMALL_CELL = 3
UNDER = f"<{SMALL_CELL}"
HIDDEN = "x"

Cell = int | str


def suppress_small_cells(cells: Mapping[str, int]) -> dict[str, Cell]:
    """The row's cells (in the same order) with small counts replaced by "<3"/"x"."""
    out: dict[str, Cell] = dict(cells)
    hidden = [k for k, n in cells.items() if 0 < n < SMALL_CELL]
    for key in hidden:
        out[key] = UNDER
    if len(hidden) == 1 and len(cells) > 1:
        others = [k for k in cells if k not in hidden]
        second = min(others, key=lambda k: cells[k])  # first of equals: a stable choice
        out[second] = UNDER if cells[second] < SMALL_CELL else HIDDEN
    return out


def is_suppressed(cell: Cell) -> bool:
    return isinstance(cell, str)
