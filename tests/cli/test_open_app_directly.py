"""`hubtui` and `hubtui --db PATH` open the app without click; a mistake in --db is said as the
command group says it (one sentence, exit code 2), and anything else still goes to click."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import hubtui.cli.opening as opening
from hubtui.cli import main
from hubtui.cli.root import cli
from hubtui.cli.state import CliContext


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """The databases the app was opened on (the app itself is not run)."""
    found: list[str] = []
    monkeypatch.setattr(opening, "open_tui", lambda state: found.append(state.db_target()))
    monkeypatch.setenv("HUBTUI_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("HUBTUI_DB", raising=False)
    return found


@pytest.mark.parametrize("args", [["--db", "{db}"], ["--db={db}"]])
def test_hubtui_with_a_database_opens_the_app(
    args: list[str], opened: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    db = str(tmp_path / "hub.db")
    monkeypatch.setattr(sys, "argv", ["hubtui", *(a.format(db=db) for a in args)])
    main()
    assert opened == [db]
    assert not (tmp_path / "hub.db").exists()  # the app opens it, not the way in


def test_hubtui_alone_opens_the_app_on_hubtui_db(
    opened: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HUBTUI_DB", str(tmp_path / "env.db"))
    monkeypatch.setattr(sys, "argv", ["hubtui"])
    main()
    assert opened == [str(tmp_path / "env.db")]


def test_a_database_in_a_missing_folder_is_one_sentence_as_from_click(
    opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "no" / "such" / "hub.db")
    monkeypatch.setattr(sys, "argv", ["hubtui", "--db", db])
    with pytest.raises(SystemExit) as exit_:
        main()
    said = capsys.readouterr()
    assert exit_.value.code == 2 and said.out == "" and opened == []
    assert said.err.count("\n") == 1 and "Traceback" not in said.err
    by_click = CliRunner().invoke(cli, ["--db", db])
    assert by_click.exit_code == 2
    assert said.err == by_click.stderr


@pytest.mark.parametrize("args", [["--version"], ["--db"], ["--db", "x.db", "project"]])
def test_anything_more_goes_to_click(args: list[str]) -> None:
    assert opening.app_database(args)[0] is False


def test_a_config_folder_goes_to_click(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HUBTUI_CONFIG", str(tmp_path))
    assert opening.open_app_directly([]) is False  # click says it is a folder


def test_the_state_is_the_commands_context() -> None:
    from hubtui.cli.context import CliContext as CommandsContext

    assert CommandsContext is CliContext
