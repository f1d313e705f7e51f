"""`hubtui kpi` on the hand-counted dataset: the JSON shape other tools read, CSV, drill-down."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from kpi_dataset import build_dataset

from hubtui.store import open_store


@pytest.fixture(scope="module")
def kaim_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "hub.db"
    store = open_store(path, advisor="Test Advisor")
    build_dataset(store)
    store.close()
    return path


@pytest.fixture
def run_cli(run_cli, kaim_db: Path):  # type: ignore[no-untyped-def]
    """`hubtui --db <the dataset> ARGS…`."""
    return lambda *args: run_cli(*args, db=kaim_db)


def test_json_shape(kaim_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("kpi", "--project", "KAIM", "--period", "2026Q3", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"project", "period", "kpis"}
    assert data["project"] == "KAIM"
    assert data["period"] == {"label": "2026Q3", "start": "2026-07-01", "end": "2026-09-30"}
    first = data["kpis"][0]
    assert first == {
        "id": "smf-stod",
        "label": "SMF som fått stöd",
        "label_en": "",
        "metric": "companies_supported",
        "target": 20,
        "period_value": 4,
        "cumulative_value": 4,
        "expected_by_now": 7.48,
        "progress": 0.2,
        "status": "behind",
        "breakdown": {
            "size": {"micro": 2, "medium": 1, "small": 1},
            "county": {"04": 2, "01": 1, "19": 1},
            "category": {
                "ecosystem_networking": 3,
                "skills_training": 2,
                "test_before_invest": 1,
                "investment_support": 1,
            },
        },
    }
    women = next(k for k in data["kpis"] if k["id"] == "kvinnor")
    assert women["cumulative_value"] == 0.44 and women["details"]["unstated"] == 4
    assert all(isinstance(k["target"], int | float) for k in data["kpis"])


def test_table_and_csv(kaim_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    table = run_cli("kpi", "-p", "KAIM", "--period", "2026Q3")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.splitlines()[0] == "KAIM · 2026Q3 (2026-07-01 – 2026-09-30)"
    assert "smf-stod" in table.stdout and "behind" in table.stdout
    out = run_cli("kpi", "-p", "KAIM", "--period", "2026Q3", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["id"] == "smf-stod" and rows[0]["cumulative_value"] == "4"
    assert len(rows) == 20


def test_drill_down_lists_what_makes_the_number(kaim_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    args = ("kpi", "drill", "-p", "KAIM", "--kpi", "smf-stod", "--period", "2026Q3")
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    assert data["entity"] == "organisation" and not data["cumulative"]
    assert [r["name"] for r in data["rows"]] == ["Alfa AB", "Beta AB", "Delta AB", "Theta AB"]
    seminars = json.loads(
        run_cli(
            "kpi",
            "drill",
            "-p",
            "KAIM",
            "--kpi",
            "seminarier",
            "--period",
            "2026Q3",
            "--cumulative",
            "--format",
            "json",
        ).stdout
    )
    assert [r["date"] for r in seminars["rows"]] == ["2026-04-20", "2026-07-15"]


def test_series(kaim_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("kpi", "series", "-p", "KAIM", "--kpi", "foretag", "--format", "json")
    data = json.loads(out.stdout)
    assert [(p["period"], p["period_value"], p["cumulative_value"]) for p in data[:3]] == [
        ("2026Q1", 2, 2),
        ("2026Q2", 3, 4),
        ("2026Q3", 5, 5),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("kpi",), "No project given; add --project CODE"),
        (("kpi", "-p", "NOPE"), "There is no project 'NOPE'"),
        (("kpi", "-p", "KAIM", "--period", "2030Q1"), "lies outside project KAIM"),
        (("kpi", "-p", "KAIM", "--period", "Q5"), "Period 'Q5' is not understood"),
        (("kpi", "drill", "-p", "KAIM", "--kpi", "x"), "Project KAIM has no KPI 'x'"),
    ],
)
def test_mistakes_are_one_sentence(kaim_db: Path, run_cli, args, message) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("hubtui: ") and message in result.stderr
    assert "Traceback" not in result.stderr
