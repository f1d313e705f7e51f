"""`hubtui demo` and the goal templates through the command line."""

from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from hubtui.templates import list_templates, template_text

RunCli = Callable[..., Result]


def test_demo_writes_a_private_wal_database_with_a_schema_revision(
    run_cli: RunCli, db_path: Path
) -> None:
    result = run_cli("demo", "--no-open", "--activities", "300")
    assert result.exit_code == 0, result.output
    assert "4 projects" in result.stdout and "300 activities" in result.stdout
    assert str(db_path) in result.stdout
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM activity").fetchone()[0] == 300
        assert conn.execute("SELECT count(*) FROM project").fetchone()[0] == 4
    finally:
        conn.close()


def test_demo_refuses_a_database_with_data_and_leaves_it_unchanged(
    run_cli: RunCli, db_path: Path
) -> None:
    assert run_cli("project", "import", _template_file(db_path.parent, "KAIM")).exit_code == 0
    before = db_path.read_bytes()
    result = run_cli("demo", "--no-open", "--activities", "50")
    assert result.exit_code == 2
    assert "already has data" in result.stderr and "--force" in result.stderr
    assert "--reset" in result.stderr and "`hubtui --db " in result.stderr  # how to open it
    assert "Traceback" not in result.output
    assert db_path.read_bytes() == before


def test_force_starts_afresh_and_keeps_the_old_file_as_a_backup(
    run_cli: RunCli, db_path: Path
) -> None:
    assert run_cli("project", "import", _template_file(db_path.parent, "SINM")).exit_code == 0
    result = run_cli("demo", "--no-open", "--activities", "60", "--force")
    assert result.exit_code == 0, result.output
    backups = list((db_path.parent / "backups").glob("*before-demo*.db"))
    assert len(backups) == 1 and "kept as" in result.stdout
    old = sqlite3.connect(backups[0])
    new = sqlite3.connect(db_path)
    try:
        assert old.execute("SELECT count(*) FROM project").fetchone()[0] == 1
        assert old.execute("SELECT count(*) FROM activity").fetchone()[0] == 0
        assert new.execute("SELECT count(*) FROM activity").fetchone()[0] == 60
    finally:
        old.close()
        new.close()


def test_demo_without_db_uses_its_own_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from hubtui.cli.root import cli
    from hubtui.paths import demo_db_path

    real = tmp_path / "real.db"
    result = CliRunner().invoke(
        cli, ["demo", "--no-open", "--activities", "40"], env={"HUBTUI_DB": str(real)}
    )
    assert result.exit_code == 0, result.output
    assert demo_db_path().exists() and not real.exists()
    assert str(demo_db_path()) in result.stdout


def test_demo_rejects_too_few_organisations(run_cli: RunCli, db_path: Path) -> None:
    result = run_cli("demo", "--no-open", "--organisations", "5")
    assert result.exit_code == 2
    assert "too few" in result.stderr


def test_same_seed_on_the_command_line_gives_the_same_organisations(
    run_cli: RunCli, tmp_path: Path
) -> None:
    numbers = []
    for name in ("a.db", "b.db"):
        db = tmp_path / name
        assert (
            run_cli("demo", "--no-open", "--seed", "3", "--activities", "30", db=db).exit_code == 0
        )
        conn = sqlite3.connect(db)
        numbers.append(conn.execute("SELECT orgnr FROM organisation ORDER BY orgnr").fetchall())
        conn.close()
    assert numbers[0] == numbers[1] and len(numbers[0]) == 150


def _template_file(folder: Path, code: str) -> str:
    path = folder / f"{code.lower()}-goals.toml"
    path.write_text(template_text(code), encoding="utf-8")
    return str(path)


def test_there_are_four_templates() -> None:
    assert list_templates() == ["AISL", "DIGI", "KAIM", "SINM"]


def _without_comments(text: str) -> str:
    lines = [line.split("  # ")[0] for line in text.splitlines(keepends=True)]
    return "".join(
        line if line.endswith("\n") else line + "\n" for line in lines if not line.startswith("#")
    )


@pytest.mark.parametrize("code", ["AISL", "DIGI", "KAIM", "SINM"])
def test_templates_round_trip_byte_for_byte(run_cli: RunCli, tmp_path: Path, code: str) -> None:
    """The export is the template without its comments (which mark the example targets)."""
    text = template_text(code)
    imported = run_cli("project", "import", _template_file(tmp_path, code))
    assert imported.exit_code == 0, imported.output
    exported = run_cli("project", "export", code)
    assert exported.exit_code == 0, exported.output
    assert exported.stdout_bytes == _without_comments(text).encode("utf-8")


def test_unknown_template_is_a_user_error() -> None:
    from hubtui.errors import UserError

    with pytest.raises(UserError, match="AISL, DIGI, KAIM, SINM"):
        template_text("NOPE")


def test_templates_use_every_metric_and_filter() -> None:
    from hubtui.domain.goals import WHERE_KEYS, parse_goals
    from hubtui.domain.metrics import METRICS

    kpis = [k for code in list_templates() for k in parse_goals(template_text(code)).kpis]
    assert {k.metric for k in kpis} == set(METRICS)
    assert {key for k in kpis for key in k.where} == set(WHERE_KEYS)


def test_demo_opens_the_app_on_the_demo_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    import hubtui.cli.root
    from hubtui.cli.context import CliContext
    from hubtui.paths import demo_db_path

    opened: list[str] = []

    def fake_open(state: CliContext) -> None:
        opened.append(state.db_target())

    monkeypatch.setattr(hubtui.cli.root, "open_tui", fake_open)
    monkeypatch.setenv("HUBTUI_DB", str(tmp_path / "real.db"))
    result = CliRunner().invoke(hubtui.cli.root.cli, ["demo", "--activities", "20"])
    assert result.exit_code == 0, result.output
    assert opened == [str(demo_db_path())]


def test_progress_lines_are_few_for_a_big_run(capsys: pytest.CaptureFixture[str]) -> None:
    from hubtui.cli.demo import _Progress

    progress = _Progress()
    for done in range(0, 1_000_001, 10_000):
        progress("activities", done, 1_000_000)
    progress("follow-ups", 1, 1)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "activities: 0 of 1,000,000"
    assert "activities: 1,000,000 of 1,000,000" in lines
    assert lines[-1] == "follow-ups: 1 of 1"
    assert len(lines) == 12
