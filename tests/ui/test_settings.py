"""Settings: asked on the first run, f2 and the palette, saved to config.toml and used at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select
from tui_support import TODAY, read_db, settle, type_chunk

from hubtui.config import load_config
from hubtui.services.activity_queries import list_activities
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.dashboard import DashboardScreen
from hubtui.ui.screens.settings import SettingsForm


def app_with_file(db: Path, config_file: Path, advisor: str = "") -> HubtuiApp:
    """The app as `hubtui` starts it: settings read from (or missing at) `config_file`."""
    config = load_config(config_file)
    return HubtuiApp(str(db), config, advisor=advisor, today=TODAY)


async def test_first_run_asks_who_is_logging_and_every_activity_records_it(
    hub_db: Path, tmp_path: Path
) -> None:
    config_file = tmp_path / "settings" / "config.toml"
    app = app_with_file(hub_db, config_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SettingsForm) and form.welcome
        form.query_one("#advisor", Input).value = ""
        await type_chunk(app, "Karin Lund")
        form.query_one("#export_folder", Input).value = str(tmp_path / "ut")
        await type_chunk(app, "\x13")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.sub_title.endswith("Karin Lund")
        await type_chunk(app, "g\tFrukostseminarium\t\t\t4\x13")
        await settle(pilot)
    saved = load_config(config_file)
    assert (saved.advisor, saved.export_folder) == ("Karin Lund", str(tmp_path / "ut"))
    [event] = read_db(hub_db, list_activities)
    assert (event.title, event.advisor) == ("Frukostseminarium", "Karin Lund")


async def test_no_name_is_refused_at_the_field(hub_db: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    app = app_with_file(hub_db, config_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SettingsForm)
        form.query_one("#advisor", Input).value = "  "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and form._invalid == ["advisor"]
    assert not config_file.exists()


async def test_f2_changes_theme_and_default_project_and_they_are_read_back(
    hub_db: Path, tmp_path: Path
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('advisor = "Per Holm"\n')
    app = app_with_file(hub_db, config_file, advisor="Per Holm")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f2")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SettingsForm)
        form.query_one("#theme", Select).value = "nord"
        form.query_one("#language", Select).value = "sv"
        await settle(pilot)
        assert app.theme == "nord"  # tried on at once
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.config.theme == "nord"
    saved = load_config(config_file)
    assert (saved.theme, saved.language, saved.advisor) == ("nord", "sv", "Per Holm")


async def test_a_theme_picked_in_the_palette_is_kept(hub_db: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('advisor = "Per Holm"\n')
    app = app_with_file(hub_db, config_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.theme = "gruvbox"  # what the palette's "Change theme" does
        await settle(pilot)
    assert load_config(config_file).theme == "gruvbox"


async def test_escape_in_settings_puts_a_tried_theme_back(hub_db: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('advisor = "Per Holm"\n')
    app = app_with_file(hub_db, config_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        before = app.theme
        await pilot.press("f2")
        await settle(pilot)
        app.screen.query_one("#theme", Select).value = "dracula"
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        if not isinstance(app.screen, DashboardScreen):  # asked about the change: discard it
            await pilot.click("#discard")
            await settle(pilot)
        assert app.theme == before
    assert "theme" not in config_file.read_text()


async def test_hubtui_language_rules_the_app_as_it_rules_the_command_line(
    hub_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    import hubtui.ui.app
    from hubtui.cli.root import cli
    from hubtui.ui.i18n import language

    config_file = tmp_path / "config.toml"
    config_file.write_text('advisor = "Karin Lund"\nlanguage = "sv"\n', encoding="utf-8")
    started: list[dict[str, object]] = []
    monkeypatch.setattr(hubtui.ui.app, "run_app", lambda *a, **kw: started.append(kw))
    monkeypatch.setenv("HUBTUI_LANGUAGE", "en")
    result = CliRunner().invoke(cli, ["--db", str(hub_db), "--config", str(config_file)])
    assert result.exit_code == 0, result.output
    assert started[0]["language"] == "en"
    app = HubtuiApp(str(hub_db), load_config(config_file), language="en", today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert language() == "en"
        assert "Activities" in str(app.screen.query_one("ScreenBar").render())
