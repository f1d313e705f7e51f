"""When two organisations with one orgnr are the same company: their names must agree.

Conservative: names agree when, ignoring case, punctuation and the legal form (AB,
aktiebolag, HB, KB, ek. för., (publ) …), they are equal, one is the other's first words
("Nordic Data" and "Nordic Data Väst"), or they differ by a typing slip (similarity ≥ 0.8).
Anything else is a doubt: sync keeps both rows and lists them for the user.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_LEGAL_FORMS = frozenset(
    {
        "ab",
        "aktiebolag",
        "aktiebolaget",
        "publ",
        "hb",
        "handelsbolag",
        "handelsbolaget",
        "kb",
        "kommanditbolag",
        "kommanditbolaget",
        "ek",
        "för",
        "ekonomisk",
        "förening",
        "ef",
        "ltd",
        "inc",
        "gmbh",
        "oy",
        "as",
        "aps",
    }
)
_WORD = re.compile(r"\w+")
SIMILAR = 0.8


def _words(name: str) -> list[str]:
    return [w for w in _WORD.findall(name.casefold()) if w not in _LEGAL_FORMS]


def names_agree(first: str | None, second: str | None) -> bool:
    """Whether two organisation names can be the same company's (see the module text)."""
    a, b = _words(first or ""), _words(second or "")
    if not a or not b:
        return True  # nothing to tell them apart by
    shorter, longer = sorted((a, b), key=len)
    if longer[: len(shorter)] == shorter:
        return True
    return SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= SIMILAR
