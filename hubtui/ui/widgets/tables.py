"""Column widths for list tables: fixed columns, and one that takes the width that is left."""

from __future__ import annotations

CELL_PADDING = 1  # DataTable's default, on each side of a cell
SCROLLBAR = 2


def flex_width(total: int, fixed: list[int], *, minimum: int = 16) -> int:
    """The width for the one flexible column when the others have the `fixed` widths."""
    padding = 2 * CELL_PADDING * (len(fixed) + 1)
    return max(minimum, total - sum(fixed) - padding - SCROLLBAR)
