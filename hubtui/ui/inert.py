"""No control character in the data reaches the terminal through the TUI.

Textual (`Content`) and Rich (`Text`) already drop a few control characters (bell, backspace,
carriage return …) from every piece of text they render, through one translation table each.
`install` extends both tables with hubtui's (`hubtui.domain.text.INERT`): every other control
character, the escape character above all, is shown as visible text such as ``\\x1b``
instead of being written to the terminal. So a name typed or imported with an escape sequence
cannot retitle, clear or recolour the terminal wherever a screen shows it. (The tables are
private to those libraries; `tests/ui/test_inert.py` fails if an upgrade moves them.)
"""

from __future__ import annotations

from rich import control as rich_control
from textual import content as textual_content

from hubtui.domain.text import INERT


def install() -> None:
    """Make every text the TUI renders inert (idempotent)."""
    for table in (rich_control._CONTROL_STRIP_TRANSLATE, textual_content._CONTROL_STRIP_TRANSLATE):
        table.update(INERT)  # type: ignore[arg-type]  # typed as deleting only; a swap works
