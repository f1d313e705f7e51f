"""`hubtui project import/export/list`."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from hubtui.domain.goals import parse_goals
from hubtui.domain.goals_toml import dump_goals


def test_import_reports_created_then_updated(goals_file: Path, run_ok: Callable[..., str]) -> None:
    assert run_ok("project", "import", str(goals_file)).startswith("created project KAIM")
    assert run_ok("project", "import", str(goals_file)).startswith("updated project KAIM")


def test_export_to_stdout_round_trips(goals_file: Path, run_ok: Callable[..., str]) -> None:
    run_ok("project", "import", str(goals_file))
    text = run_ok("project", "export", "kaim")
    original = parse_goals(goals_file.read_text(encoding="utf-8"))
    assert text == dump_goals(original)


def test_export_to_file_is_private_and_not_overwritten(
    goals_file: Path, run_ok: Callable[..., str], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    run_ok("project", "import", str(goals_file))
    out = tmp_path / "goals.toml"
    run_ok("project", "export", "KAIM", "--out", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert parse_goals(out.read_text(encoding="utf-8")).project.code == "KAIM"
    out.write_text("mine", encoding="utf-8")
    result = run_cli("project", "export", "KAIM", "--out", str(out))
    assert result.exit_code == 2
    assert "already exists; give --force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    run_ok("project", "export", "KAIM", "--out", str(out), "--force")
    assert out.read_text(encoding="utf-8").startswith("[project]")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".goals")] == []


def test_list_as_table_and_json(goals_file: Path, run_ok: Callable[..., str]) -> None:
    run_ok("project", "import", str(goals_file))
    table = run_ok("project", "list")
    assert "KAIM" in table and "19, 04" in table
    rows = json.loads(run_ok("project", "list", "--format", "json"))
    assert rows[0]["code"] == "KAIM" and rows[0]["id"] and rows[0]["counties"] == ["19", "04"]


def test_import_errors(
    goals_file: Path, run_ok: Callable[..., str], refused: Callable[..., str], tmp_path: Path
) -> None:
    run_ok("project", "import", str(goals_file))
    assert "There is no goals file at" in refused("project", "import", str(tmp_path / "x.toml"))
    damaged = tmp_path / "damaged.toml"
    damaged.write_text("[project]\ncode = \n", encoding="utf-8")
    assert "line 2" in refused("project", "import", str(damaged))
    bad_metric = goals_file.read_text(encoding="utf-8").replace("women_share", "smiles")
    damaged.write_text(bad_metric, encoding="utf-8")
    assert "unknown metric 'smiles'" in refused("project", "import", str(damaged))
    assert "There is no project 'NOPE'" in refused("project", "export", "NOPE")


def test_template_lists_prints_and_writes_a_starting_point(
    run_ok: Callable[..., str], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert run_ok("project", "template").split() == ["AISL", "DIGI", "KAIM", "SINM"]
    text = run_ok("project", "template", "kaim")
    assert parse_goals(text).project.code == "KAIM"
    out = tmp_path / "kaim.toml"
    run_ok("project", "template", "KAIM", "--out", str(out))
    assert out.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert run_ok("project", "import", str(out)).startswith("created project KAIM")
    result = run_cli("project", "template", "NOPE")
    assert result.exit_code == 2
    assert "no project template 'NOPE'" in result.stderr
