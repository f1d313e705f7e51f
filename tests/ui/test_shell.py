"""The app shell: first run, navigation by keys and palette, help, keymap, language, errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, OptionList
from tui_support import record_notices, settle

from hubtui.services.projects import list_projects
from hubtui.store import open_store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.activities import ActivitiesScreen
from hubtui.ui.screens.dashboard import DashboardScreen
from hubtui.ui.screens.first_run import FirstRunScreen
from hubtui.ui.screens.organisations import OrganisationsScreen
from hubtui.ui.widgets.dialogs import HelpDialog, MessageDialog


async def test_first_run_offers_a_template_and_creates_the_project(
    db_path: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        options = app.screen.query_one(OptionList)
        codes = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "KAIM" in codes
        options.focus()
        options.highlighted = codes.index("KAIM")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.project is not None and app.project.code == "KAIM"
    store = open_store(db_path)
    try:
        assert [p.code for p in list_projects(store)] == ["KAIM"]
    finally:
        store.close()


async def test_first_run_import_of_a_missing_file_says_so_and_writes_nothing(
    db_path: Path, tmp_path: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#goals-path", Input).value = str(tmp_path / "nope.toml")
        screen.query_one("#goals-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert "Cannot read" in str(screen.query_one("#first-run-error").content)
    store = open_store(db_path)
    try:
        assert list_projects(store) == []
    finally:
        store.close()


async def test_number_keys_and_palette_switch_screens(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.sub_title == "KAIM · Test Advisor"
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ActivitiesScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Go to: Organisations")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationsScreen)


async def test_palette_opens_the_group_event_form(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    from hubtui.ui.screens.group_event import GroupEventForm

    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Log group event")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GroupEventForm)


async def test_f1_shows_the_current_screens_help(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpDialog)
        assert "first digits of an orgnr" in app.screen.text
        assert ("^r", "Clear filters") in app.screen.keys
        assert ("3", "Activities") in app.screen.keys
        await pilot.press("escape")
        assert isinstance(app.screen, OrganisationsScreen)


async def test_keys_are_rebound_from_the_config(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db, keymap={"screen.activities": "f3"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, ActivitiesScreen)


async def test_swedish_is_the_default_language(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    from hubtui.config import Config

    app = HubtuiApp(str(hub_db), Config(default_project="KAIM"), advisor="Test Advisor")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.title == "Organisationer"
        assert app.screen.query_one("#search", Input).placeholder == "Sök namn eller orgnr…"
        await pilot.press("f1")
        await settle(pilot)
        assert ("3", "Aktiviteter") in app.screen.keys  # type: ignore[attr-defined]


async def test_unknown_theme_falls_back_with_a_notice(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db, theme="no-such-theme")
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in message for message in notices)


async def test_ansi_theme_from_the_config(hub_db: Path, make_app: Callable[..., HubtuiApp]) -> None:
    app = make_app(hub_db, theme="ansi-dark")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "ansi-dark"


async def test_an_unexpected_error_is_one_line_and_a_log_path(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def broken(store: object) -> None:
            raise RuntimeError("disk on fire\nsecond line")

        app.screen.run_db(broken)  # type: ignore[attr-defined]
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        assert dialog.message.startswith("RuntimeError: disk on fire\n")
        assert "second line" not in dialog.message
        assert "hubtui.log" in dialog.message
        assert "Traceback" not in dialog.message


async def test_a_database_that_cannot_be_opened_says_why(
    tmp_path: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not a database")
    app = make_app(bad)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MessageDialog)
        assert "not a hubtui database" in dialog.message


async def test_a_newer_database_opens_read_only_with_its_notice(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    import sqlite3

    with sqlite3.connect(hub_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.store is not None and app.store.read_only
        assert any("read-only" in n.message for n in app._notifications)
        assert isinstance(app.screen, DashboardScreen)  # no offer to create a project
        await pilot.press("l")
        await settle(pilot)
        await pilot.press(*"arboga")
        await settle(pilot)
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
        assert "read-only" in str(app.screen.query_one("#form-error").content)


async def test_palette_switches_the_current_project(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.project is not None and app.project.code == "KAIM"
        await pilot.press("ctrl+p", *"Project: AISL")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.project.code == "AISL"
        assert app.sub_title.startswith("AISL")
