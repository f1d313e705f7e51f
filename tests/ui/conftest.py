"""Fixtures for the TUI tests: a database with one project and a few organisations, and the app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from hubtui.config import Config
from hubtui.domain.goals import parse_goals
from hubtui.services.organisations import add_organisation
from hubtui.services.projects import import_goals
from hubtui.store import open_store
from hubtui.templates import template_text
from hubtui.ui.app import HubtuiApp

TODAY = dt.date(2026, 5, 4)
ORGANISATIONS = [
    ("Mälardalens Mekaniska AB", "556036-0793", "19", 12),
    ("Eskilstuna Elektronik AB", "556703-7485", "04", 3),
    ("Västerås Stad", "212000-0142", "19", 5000),
    ("Arboga Plåt AB", None, "19", 45),
]


@pytest.fixture
def hub_db(db_path: Path) -> Path:
    """A database with project KAIM and four organisations."""
    store = open_store(db_path, advisor="Test Advisor")
    try:
        import_goals(store, parse_goals(template_text("KAIM"), "KAIM"))
        for name, orgnr, county, employees in ORGANISATIONS:
            add_organisation(store, name=name, orgnr=orgnr, county=county, employees=employees)
    finally:
        store.close()
    return db_path


@pytest.fixture
def make_app() -> Callable[..., HubtuiApp]:
    def make(path: Path, language: str = "en", **config: object) -> HubtuiApp:
        settings = Config(language=language, default_project="KAIM", **config)  # type: ignore[arg-type]
        return HubtuiApp(str(path), settings, advisor="Test Advisor", today=TODAY)

    return make


async def settle(pilot: Pilot[None]) -> None:
    """Wait until every worker has finished and the screen has caught up."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
