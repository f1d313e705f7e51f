"""The config file: defaults, round trip through tomli-w, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from hubtui.config import Config, load_config, save_config
from hubtui.errors import UserError


def test_missing_file_gives_defaults_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "config.toml"
    config = load_config(path)
    assert config == Config()
    assert not path.parent.exists()


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "config.toml"
    config = Config(
        advisor="Karin Lund",
        language="en",
        theme="ansi-dark",
        default_project="KAIM",
        database="postgresql+psycopg://team@db/hub",
        keymap={"log_activity": "ctrl+l"},
        path=path,
    )
    save_config(config)
    assert load_config(path) == config
    assert 'language = "en"' in path.read_text()


def test_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('advisor = "Per Holm"\n')
    monkeypatch.setenv("HUBTUI_CONFIG", str(path))
    assert load_config().advisor == "Per Holm"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('advisor = "Per\n', "line 1"),
        ('language = "de"\n', "language"),
        ("backups_keep = 0\n", "backups_keep"),
        ('colour = "red"\n', "no setting 'colour'"),
        ("advisor = 5\n", "'advisor'"),
        ("\n\n[keymap]\nquit = 5\n", "keymap"),
    ],
)
def test_damaged_config_names_file_and_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(UserError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_set_value_checks_each_setting(tmp_path: Path) -> None:
    from hubtui.config import get_value, set_value

    config = Config(path=tmp_path / "config.toml")
    config = set_value(config, "advisor", "  Karin Lund ")
    config = set_value(config, "backups_keep", "3")
    config = set_value(config, "export_folder", "~/Rapporter")
    assert get_value(config, "advisor") == "Karin Lund"
    assert config.backups_keep == 3
    assert config.export_folder == str(Path.home() / "Rapporter")
    for key, text, words in [
        ("language", "de", "sv or en"),
        ("theme", "pink", "no theme 'pink'"),
        ("backups_keep", "many", "whole number"),
        ("backups_keep", "0", "at least one"),
        ("colour", "red", "no setting 'colour'"),
        ("keymap", "x", "no setting 'keymap'"),
    ]:
        with pytest.raises(UserError, match=words):
            set_value(config, key, text)
    save_config(config)
    assert load_config(config.path) == config


def test_the_offered_themes_are_the_apps() -> None:
    from hubtui.config import THEMES
    from hubtui.ui.app import HubtuiApp

    assert set(THEMES) <= set(HubtuiApp("unused.db").available_themes)
