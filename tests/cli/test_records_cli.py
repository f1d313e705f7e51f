"""`hubtui dma`, `contact`, `investment` and `collaboration`."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest


def test_dma(run_ok: Callable[..., str], seeded: dict[str, str]) -> None:
    out = run_ok(
        "dma",
        "add",
        "--org",
        "abb",
        "--stage",
        "T0",
        "--date",
        "2025-04-01",
        "--scores",
        "10,20,30,40,50,60",
        "--project",
        "KAIM",
    )
    assert out.strip().endswith("overall 35")
    run_ok(
        "dma",
        "add",
        "--org",
        "556036-0793",
        "--stage",
        "T1",
        "--date",
        "2026-04-01",
        "--scores",
        "50, 50, 50, 50, 50, 50",
    )
    rows = json.loads(run_ok("dma", "list", "--org", "abb", "--format", "json"))
    assert [(r["stage"], r["overall"]) for r in rows] == [("T0", 35.0), ("T1", 50.0)]
    assert rows[0]["strategy"] == 10 and rows[0]["green"] == 60 and rows[0]["id"]
    assert "T1" in run_ok("dma", "list", "--org", "abb")


def test_contacts(run_ok: Callable[..., str], seeded: dict[str, str]) -> None:
    run_ok(
        "contact",
        "add",
        "--org",
        "abb",
        "--name",
        "Anna Berg",
        "--role",
        "CTO",
        "--email",
        "anna@abb.se",
        "--phone",
        "+46 21 10 20 30",
        "--legal-basis",
        "consent",
    )
    run_ok("contact", "add", "--org", "energi", "--name", "Bo Ek")
    rows = json.loads(run_ok("contact", "list", "--format", "json"))
    assert [(r["name"], r["organisation"]) for r in rows] == [
        ("Anna Berg", "ABB Aktiebolag"),
        ("Bo Ek", "Mälarenergi AB"),
    ]
    only = run_ok("contact", "list", "--org", "abb")
    assert "Anna Berg" in only and "Bo Ek" not in only


def test_investments_and_collaborations(run_ok: Callable[..., str], seeded: dict[str, str]) -> None:
    run_ok(
        "investment",
        "add",
        "--project",
        "KAIM",
        "--org",
        "abb",
        "--date",
        "2025-06-01",
        "--amount",
        "1000000",
        "--currency",
        "EUR",
        "--source",
        "Almi",
    )
    table = run_ok("investment", "list", "--project", "KAIM")
    assert "1000000.00" in table and "ABB Aktiebolag" in table
    rows = json.loads(run_ok("investment", "list", "--project", "KAIM", "--format", "json"))
    assert rows[0]["amount"] == 1000000.0 and rows[0]["currency"] == "EUR"
    run_ok(
        "collaboration",
        "add",
        "--project",
        "KAIM",
        "--partner",
        "EDIH Norr",
        "--date",
        "2025-09-01",
        "--note",
        "Joint webinar",
    )
    rows = json.loads(run_ok("collaboration", "list", "--project", "KAIM", "--format", "json"))
    assert [(r["partner"], r["date"]) for r in rows] == [("EDIH Norr", "2025-09-01")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
                "dma",
                "add",
                "--org",
                "abb",
                "--stage",
                "T0",
                "--date",
                "2025-04-01",
                "--scores",
                "1,2,3",
            ],
            "not 3",
        ),
        (
            [
                "dma",
                "add",
                "--org",
                "abb",
                "--stage",
                "T0",
                "--date",
                "2025-04-01",
                "--scores",
                "1,2,3,4,5,200",
            ],
            "from 0 to 100; '200' is out of range",
        ),
        (
            [
                "dma",
                "add",
                "--org",
                "abb",
                "--stage",
                "later",
                "--date",
                "2025-04-01",
                "--scores",
                "1,2,3,4,5,6",
            ],
            "'later' is not a stage",
        ),
        (
            [
                "dma",
                "add",
                "--org",
                "Volvo",
                "--stage",
                "T0",
                "--date",
                "2025-04-01",
                "--scores",
                "1,2,3,4,5,6",
            ],
            "No organisation matches",
        ),
        (["dma", "list", "--org", "ab"], "matches several organisations"),
        (
            ["contact", "add", "--org", "abb", "--name", "A", "--email", "nope"],
            "is not an e-mail address",
        ),
        (["contact", "add", "--org", "Volvo", "--name", "A"], "No organisation matches"),
        (
            [
                "investment",
                "add",
                "--project",
                "KAIM",
                "--org",
                "abb",
                "--date",
                "2025-06-01",
                "--amount",
                "-3",
            ],
            "cannot be negative",
        ),
        (
            [
                "investment",
                "add",
                "--project",
                "KAIM",
                "--org",
                "abb",
                "--date",
                "2029-06-01",
                "--amount",
                "3",
            ],
            "outside project KAIM",
        ),
        (["investment", "list", "--project", "NOPE"], "There is no project 'NOPE'"),
        (
            ["collaboration", "add", "--project", "NOPE", "--partner", "X", "--date", "2025-06-01"],
            "There is no project 'NOPE'",
        ),
        (
            ["collaboration", "add", "--project", "KAIM", "--partner", "X", "--date", "2025-06-31"],
            "is not a date",
        ),
    ],
)
def test_user_errors(
    seeded: dict[str, str], refused: Callable[..., str], args: list[str], message: str
) -> None:
    assert message in refused(*args)
