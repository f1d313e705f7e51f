"""The dashboard while the database opens, on an empty database, and its cards at 100×30."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from textual.widgets import Label, Static
from tui_support import settle

from hubtui.config import Config
from hubtui.domain.goals import parse_goals
from hubtui.services.projects import import_goals
from hubtui.store import open_store
from hubtui.templates import template_text
from hubtui.ui import app as app_module
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.dashboard import DashboardScreen
from hubtui.ui.widgets.kpi_bar import KpiBar
from hubtui.ui.widgets.kpi_card import KpiCard, period_line, status_line

TODAY = dt.date(2026, 8, 1)
LOADING = "Loading…"
NO_PROJECT = "No project yet: import a goals file to create one."


class SlowOpeningApp(HubtuiApp):
    """Opens the database only when the test lets it, as a slow disk would."""

    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))

    def __init__(self, path: Path) -> None:
        super().__init__(str(path), Config(language="en"), advisor="Test Advisor", today=TODAY)
        self.may_open = threading.Event()

    def _open_store_work(self) -> None:
        self.may_open.wait(timeout=30)
        super()._open_store_work()


def dashboard(app: HubtuiApp) -> DashboardScreen:
    return next(s for s in app.screen_stack if isinstance(s, DashboardScreen))


def summary(app: HubtuiApp) -> str:
    return str(dashboard(app).query_one("#dash-summary", Label).content)


def with_project(path: Path) -> Path:
    store = open_store(path, advisor="Test Advisor")
    import_goals(store, parse_goals(template_text("KAIM"), "KAIM"))
    store.close()
    return path


async def test_loading_until_the_projects_are_read_then_the_project(db_path: Path) -> None:
    app = SlowOpeningApp(with_project(db_path))
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            for _ in range(5):  # the screen has painted and asked for its data
                await pilot.pause()
            assert summary(app) == LOADING
            assert not dashboard(app).query(KpiCard)
        finally:
            app.may_open.set()
        await settle(pilot)
        assert app.project is not None and app.project.code == "KAIM"
        assert summary(app).startswith("KAIM · ")
        assert dashboard(app).query(KpiCard)


async def test_no_project_only_once_the_empty_database_is_read(db_path: Path) -> None:
    app = SlowOpeningApp(db_path)  # a new, empty database
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            for _ in range(5):
                await pilot.pause()
            assert summary(app) == LOADING
        finally:
            app.may_open.set()
        await settle(pilot)
        assert summary(app) == NO_PROJECT


async def test_cards_show_every_line_at_100_columns(db_path: Path) -> None:
    app = SlowOpeningApp(with_project(db_path))
    app.may_open.set()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        cards = list(dashboard(app).query(KpiCard).results(KpiCard))
        assert cards
        for card in cards:
            lines = [*card.query(Static).results(Static), card.query_one(KpiBar)]
            assert [w.region.height for w in lines] == [1] * 5  # nothing wraps or is pushed out
            assert all(card.content_region.contains_region(w.region) for w in lines)
            width = card.content_region.width
            for text in (status_line(card.result, card.finished), period_line(card.result)):
                assert len(text) <= width, text
