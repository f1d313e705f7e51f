"""Text that came from a user or a file, made safe to show or to write into a file format.

Names, titles and notes are stored exactly as typed, but a control character in them (an
escape sequence such as ``\\x1b]0;…\\x07`` or ``\\x1b[2J``, a backspace, a bidirectional
override) could rewrite the user's terminal or hide what a line says. Shown in a terminal
(the CLI's tables, the TUI) they are made *inert*: each becomes visible text such as
``\\x1b``. Written into a file format they are removed where they would break it.
"""

from __future__ import annotations

import re

# C0 controls (tab and newline aside), DEL, the C1 controls (0x9b is a one-byte CSI on some
# terminals) and the Unicode bidirectional embeddings, overrides and isolates.
CONTROL_CODES = (
    *range(0x00, 0x09),
    *range(0x0B, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
)
_NAMED = {0x0D: "\\r"}
INERT: dict[int, str] = {
    code: _NAMED.get(code, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
    for code in CONTROL_CODES
}
_INERT_LINE = {**INERT, 0x09: "\\t", 0x0A: "\\n"}
# A character class of them: a regular expression takes them out of a long text (a whole
# Markdown report) some fifteen times as fast as str.translate with a table.
_REMOVED = re.compile("[" + "".join(re.escape(chr(code)) for code in CONTROL_CODES) + "]")


def inert(text: str) -> str:
    """The text with every control character shown as an escape (tabs and newlines kept)."""
    return text.translate(INERT)


def inert_line(text: str) -> str:
    """As `inert`, and tabs and newlines too: for one cell of a table on a terminal."""
    return text.translate(_INERT_LINE)


def without_controls(text: str) -> str:
    """The text without control characters (tabs and newlines kept): for file formats."""
    return _REMOVED.sub("", text)
