"""`note set` refuses a period that lies outside the project, in one sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize("period", ["2030Q1", "2024Q4", "1999-01-01..1999-02-01", "2029"])
def test_note_for_a_period_outside_the_project_is_refused(
    seeded: dict[str, str], refused: Callable[..., str], period: str
) -> None:
    message = refused(
        "note", "set", "--project", "KAIM", "--period", period, "-s", "aktiviteter", "--text", "x"
    )
    assert "lies outside project KAIM (2025-03-01 – 2028-02-28)" in message


def test_note_for_a_period_partly_inside_is_kept(
    seeded: dict[str, str], run_ok: Callable[..., str]
) -> None:
    run_ok("note", "set", "--project", "KAIM", "--period", "2025Q1", "-s", "aktiviteter",
           "--text", "Start i mars.")  # fmt: skip
    shown = run_ok("note", "show", "--project", "KAIM", "--period", "2025Q1", "-s", "aktiviteter")
    assert shown.strip() == "Start i mars."
