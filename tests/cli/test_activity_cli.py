"""`hubtui log`, `hubtui testbed` and `hubtui activity list/show/delete/restore/history`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result


def log(run_ok: Callable[..., str], *args: str) -> str:
    return run_ok("log", *args).strip()


def test_log_list_show(run_ok: Callable[..., str], seeded: dict[str, str]) -> None:
    seminar = log(
        run_ok,
        "seminar",
        "--project",
        "KAIM",
        "--date",
        "2025-05-02",
        "--org",
        "abb",
        "--org",
        "556703-7485",
        "--women",
        "4",
        "--men",
        "3",
        "--other",
        "1",
        "--unstated",
        "2",
        "--hours",
        "2",
        "--title",
        "AI intro",
        "--note",
        "Good",
        "--outcome",
        "Two follow-ups",
    )
    run_ok("testbed", "add", "--name", "AI Lab", "--host", "abb", "--location", "Västerås")
    session = log(
        run_ok,
        "testbed_session",
        "--project",
        "KAIM",
        "--date",
        "2025-09-01",
        "--org",
        "abb",
        "--testbed",
        "ai lab",
        "--category",
        "investment_support",
        "--support",
        "grant",
        "--joint-rd",
    )
    rows = json.loads(run_ok("activity", "list", "--format", "json"))
    assert [r["id"] for r in rows] == [session, seminar]
    assert rows[1]["participants"] == 10
    assert rows[1]["organisations"] == "ABB Aktiebolag, Mälarenergi AB"
    assert rows[0]["testbed_name"] == "AI Lab" and rows[0]["joint_rd"] is True
    assert {"id", "date", "project", "type", "title", "advisor"} <= set(rows[0])
    shown = run_ok("activity", "show", seminar)
    assert "4 / 3 / 1 / 2" in shown and "ABB Aktiebolag (556036-0793)" in shown
    assert "AI Lab" in run_ok("testbed", "list")
    q2 = list(
        csv.DictReader(
            io.StringIO(run_ok("activity", "list", "--period", "2025Q2", "--format", "csv"))
        )
    )
    assert [r["id"] for r in q2] == [seminar]
    assert seminar not in run_ok("activity", "list", "--type", "testbed_session")
    assert session in run_ok("activity", "list", "--org", "abb", "--project", "KAIM")
    assert session not in run_ok("activity", "list", "--org", "Mälarenergi")
    assert len(json.loads(run_ok("activity", "list", "--limit", "1", "--format", "json"))) == 1


def test_delete_restore_history(run_ok: Callable[..., str], seeded: dict[str, str]) -> None:
    visit = log(run_ok, "visit", "--project", "KAIM", "--date", "2025-05-02", "--org", "abb")
    assert run_ok("activity", "delete", visit).startswith("Deleted")
    assert visit not in run_ok("activity", "list")
    assert visit in run_ok("activity", "list", "--deleted")
    assert "already deleted" in run_ok("activity", "delete", visit)
    assert run_ok("activity", "restore", visit).startswith("Restored")
    assert visit in run_ok("activity", "list")
    changes = json.loads(run_ok("activity", "history", visit, "--format", "json"))
    assert [(c["field"], c["value"]) for c in changes[1:]] == [
        ("organisation added", "ABB Aktiebolag"),
        ("deleted", ""),
        ("restored", ""),
    ]
    assert changes[0]["field"] == "created" and "type: Company visit" in changes[0]["value"]
    assert all(c["advisor"] == "Test Advisor" for c in changes)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["log", "party", "--project", "KAIM", "--date", "2025-05-02"],
            "'party' is not an activity type; use one of visit, meeting",
        ),
        (
            ["log", "visit", "--project", "NOPE", "--date", "2025-05-02"],
            "There is no project 'NOPE'",
        ),
        (
            ["log", "visit", "--project", "KAIM", "--date", "2024-01-10"],
            "Date 2024-01-10 is outside project KAIM (2025-03-01 – 2028-02-28)",
        ),
        (["log", "visit", "--project", "KAIM", "--date", "2025-13-01"], "is not a date"),
        (
            ["log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--women", "-1"],
            "--women cannot be negative ('-1')",
        ),
        (
            ["log", "visit", "--project", "KAIM", "--date", "2025-05-02", "--org", "Volvo"],
            "No organisation matches 'Volvo'",
        ),
        (
            ["log", "visit", "--project", "KAIM", "--date", "2025-05-02", "--org", "ab"],
            "matches several organisations",
        ),
        (
            ["log", "visit", "--project", "KAIM", "--date", "2025-05-02", "--org", "556036-0794"],
            "fails the check digit",
        ),
        (
            ["log", "visit", "--project", "KAIM", "--date", "2025-05-02", "--hours", "-2"],
            "--hours cannot be negative",
        ),
        (
            [
                "log",
                "testbed_session",
                "--project",
                "KAIM",
                "--date",
                "2025-05-02",
                "--testbed",
                "X",
            ],
            "There is no testbed 'X'; add it first (hubtui testbed add",
        ),
        (["activity", "show", "nope"], "There is no activity with id nope"),
        (["activity", "delete", "nope"], "There is no activity with id nope"),
        (["activity", "list", "--period", "2025Q7"], "Period '2025Q7' is not understood"),
        (["activity", "list", "--type", "party"], "'party' is not an activity type"),
        (["testbed", "add", "--name", "Lab", "--host", "Volvo"], "No organisation matches"),
    ],
)
def test_user_errors(
    seeded: dict[str, str], refused: Callable[..., str], args: list[str], message: str
) -> None:
    assert message in refused(*args)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_the_advisor_is_recorded_and_found_by_any_part_in_any_case(
    backend: str,
    request: pytest.FixtureRequest,
    run_cli: Callable[..., Result],
    goals_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = request.getfixturevalue("pg_url") if backend == "postgres" else None

    def run(*args: str) -> str:
        result = run_cli(*args, db=db)
        assert result.exit_code == 0, result.stderr
        return str(result.stdout)

    monkeypatch.delenv("HUBTUI_ADVISOR")
    run("config", "set", "advisor", "Åsa Berg")
    run("project", "import", str(goals_file))
    day = ["--project", "KAIM", "--date", "2025-05-02"]
    mine = run("log", "visit", *day).strip()
    run("log", "visit", *day, "--advisor", "Per Åberg")
    run("log", "visit", *day, "--advisor", "Karin Lund")
    assert "Åsa Berg" in run("activity", "show", mine)

    def who(text: str) -> list[str]:
        rows = json.loads(run("activity", "list", "--advisor", text, "--format", "json"))
        return sorted(r["advisor"] for r in rows)

    assert who("åsa") == who("ÅSA") == ["Åsa Berg"]
    assert who("BERG") == ["Per Åberg", "Åsa Berg"]
    assert who("åberg") == ["Per Åberg"]
    assert who("karin") == ["Karin Lund"]
    assert who("%") == []
