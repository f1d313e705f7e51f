"""`hubtui project import/export/list`."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

from conftest import GOALS_FILE, Run, dump, ok

from hubtui.domain.goals import dump_goals, parse_goals


def test_import_reports_created_then_updated(run_cli: Run) -> None:
    assert ok(run_cli("project", "import", str(GOALS_FILE))).startswith("created project KAIM")
    assert ok(run_cli("project", "import", str(GOALS_FILE))).startswith("updated project KAIM")


def test_export_to_stdout_round_trips(run_cli: Run) -> None:
    ok(run_cli("project", "import", str(GOALS_FILE)))
    text = ok(run_cli("project", "export", "kaim"))
    original = parse_goals(GOALS_FILE.read_text(encoding="utf-8"))
    assert text == dump_goals(original)


def test_export_to_file_is_private_and_not_overwritten(run_cli: Run, tmp_path: Path) -> None:
    ok(run_cli("project", "import", str(GOALS_FILE)))
    out = tmp_path / "goals.toml"
    ok(run_cli("project", "export", "KAIM", "--out", str(out)))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert parse_goals(out.read_text(encoding="utf-8")).project.code == "KAIM"
    out.write_text("mine", encoding="utf-8")
    result = run_cli("project", "export", "KAIM", "--out", str(out))
    assert result.exit_code == 2
    assert "already exists; give --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    ok(run_cli("project", "export", "KAIM", "--out", str(out), "--force"))
    assert out.read_text(encoding="utf-8").startswith("[project]")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".goals")] == []


def test_list_as_table_and_json(run_cli: Run) -> None:
    ok(run_cli("project", "import", str(GOALS_FILE)))
    table = ok(run_cli("project", "list"))
    assert "KAIM" in table and "19, 04" in table
    rows = json.loads(ok(run_cli("project", "list", "--format", "json")))
    assert rows[0]["code"] == "KAIM" and rows[0]["id"] and rows[0]["counties"] == ["19", "04"]


def test_import_errors(
    run_cli: Run, refused: Callable[..., str], tmp_path: Path, db_path: Path
) -> None:
    ok(run_cli("project", "import", str(GOALS_FILE)))
    assert "There is no goals file at" in refused("project", "import", str(tmp_path / "x.toml"))
    damaged = tmp_path / "damaged.toml"
    damaged.write_text("[project]\ncode = \n", encoding="utf-8")
    assert "line 2" in refused("project", "import", str(damaged))
    bad_metric = GOALS_FILE.read_text(encoding="utf-8").replace("women_share", "smiles")
    damaged.write_text(bad_metric, encoding="utf-8")
    assert "unknown metric 'smiles'" in refused("project", "import", str(damaged))
    assert "There is no project 'NOPE'" in refused("project", "export", "NOPE")
    before = dump(db_path)
    assert before == dump(db_path)
