"""Numeric options are checked against the domain bounds: one sentence, exit 2, no writes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

HUGE = str(10**30)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["org", "add", "--name", "X", "--employees", HUGE], "--employees must be a whole number"),
        (["org", "add", "--name", "X", "--employees", "1e300"], "out of range"),
        (["org", "add", "--name", "X", "--employees", "2.5"], "is not whole"),
        (["org", "edit", "abb", "--employees", "-4"], "cannot be negative"),
        (["org", "list", "--limit", str(10**20)], "--limit must be a whole number from 1"),
        (["org", "list", "--limit", "0"], "out of range"),
        (["activity", "list", "--limit", str(10**20)], "out of range"),
        (["log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--hours", "1e300"],
         "--hours must be a number from 0 to 10 000;"),
        (["log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--hours", "nan"],
         "is not a number"),
        (["log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--hours", "inf"],
         "is not a number"),
        (["log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--men", str(2**62)],
         "--men must be a whole number"),
        (["log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--women", HUGE],
         "out of range"),
        (["investment", "add", "--project", "KAIM", "--org", "abb", "--date", "2025-05-02",
          "--amount", "1e300"], "The amount must be a number"),
        (["investment", "add", "--project", "KAIM", "--org", "abb", "--date", "2025-05-02",
          "--amount", "200000000000", "--currency", "EUR"], "100 000 000 000 EUR"),
        (["dma", "add", "--org", "abb", "--stage", "T0", "--date", "2025-05-02",
          "--scores", f"1,2,3,4,5,{HUGE}"], "A DMA score must be a whole number from 0 to 100"),
        (["demo", "--no-open", "--activities", str(10**20)], "--activities must be"),
        (["demo", "--no-open", "--organisations", "0"], "--organisations must be"),
        (["demo", "--no-open", "--seed", HUGE], "--seed must be"),
    ],
)  # fmt: skip
def test_numbers_out_of_bounds_are_refused(
    seeded: dict[str, str], refused: Callable[..., str], args: list[str], words: str
) -> None:
    message = refused(*args)
    assert words in message
    assert "Traceback" not in message and "Overflow" not in message
