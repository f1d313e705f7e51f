"""`hubtui config get/set`: the settings screen's settings from the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from hubtui.config import load_config


def test_set_then_get_round_trips_through_the_file(
    run_ok: Callable[..., str], isolated_home: Path
) -> None:
    assert "advisor = Karin Lund" in run_ok("config", "set", "advisor", "Karin Lund")
    run_ok("config", "set", "theme", "nord")
    run_ok("config", "set", "export_folder", str(isolated_home / "Rapporter"))
    assert run_ok("config", "get", "advisor") == "Karin Lund\n"
    listing = run_ok("config", "get")
    assert "theme = nord" in listing and "language = sv" in listing
    path = Path(run_ok("config", "path").strip())
    saved = load_config(path)
    assert (saved.advisor, saved.theme) == ("Karin Lund", "nord")
    assert saved.export_folder == str(isolated_home / "Rapporter")
    run_ok("config", "set", "theme", "")  # back to the default
    assert "theme" not in path.read_text()


def test_a_bad_setting_is_one_sentence_exit_2_and_nothing_written(
    run_cli: Callable[..., Result], isolated_home: Path
) -> None:
    for args, words in [
        (("set", "language", "de"), "use sv or en"),
        (("set", "colour", "red"), "no setting 'colour'"),
        (("set", "backups_keep", "ten"), "whole number"),
        (("get", "colour"), "no setting 'colour'"),
    ]:
        result = run_cli("config", *args)
        assert result.exit_code == 2, args
        assert words in result.stderr and "Traceback" not in result.stderr
    assert not (isolated_home / "config" / "hubtui" / "config.toml").exists()


def test_swedish_by_default(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUBTUI_LANGUAGE")
    result = run_cli("config", "set", "language", "de")
    assert result.stderr.strip() == "hubtui: Språket 'de' finns inte; använd sv eller en."


def test_the_config_file_is_private(run_ok: Callable[..., str]) -> None:
    import stat

    run_ok("config", "set", "advisor", "Åsa Berg")
    path = Path(run_ok("config", "path").strip())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert 'advisor = "Åsa Berg"' in path.read_text(encoding="utf-8")  # written by tomli-w
