"""Fixtures for the TUI tests: a database with one project and a few organisations, and the app."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# The test modules import their helpers from tests/tui_support.py; in pytest's importlib mode
# that folder is not on the path by itself.
sys.path.insert(0, str(Path(__file__).parent.parent))

from template_support import copy_template
from tui_support import TODAY

from hubtui.config import Config
from hubtui.domain.goals import parse_goals
from hubtui.services.organisations import add_organisation
from hubtui.services.projects import import_goals
from hubtui.store import open_store
from hubtui.templates import template_text
from hubtui.ui.app import HubtuiApp

ORGANISATIONS = [
    ("Mälardalens Mekaniska AB", "556036-0793", "19", 12),
    ("Eskilstuna Elektronik AB", "556703-7485", "04", 3),
    ("Västerås Stad", "212000-0142", "19", 5000),
    ("Arboga Plåt AB", None, "19", 45),
]


@pytest.fixture(scope="session")
def hub_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hub") / "hub.db"
    store = open_store(path, advisor="Test Advisor")
    try:
        import_goals(store, parse_goals(template_text("KAIM"), "KAIM"))
        for name, orgnr, county, employees in ORGANISATIONS:
            add_organisation(store, name=name, orgnr=orgnr, county=county, employees=employees)
    finally:
        store.close()
    return path


@pytest.fixture
def hub_db(hub_template: Path, db_path: Path) -> Path:
    """A database with project KAIM and four organisations."""
    copy_template(hub_template, db_path)
    return db_path


@pytest.fixture
def make_app() -> Callable[..., HubtuiApp]:
    def make(
        path: Path, language: str = "en", screens: list[Any] | None = None, **config: object
    ) -> HubtuiApp:
        settings = Config(language=language, default_project="KAIM", **config)  # type: ignore[arg-type]
        return HubtuiApp(str(path), settings, advisor="Test Advisor", today=TODAY, screens=screens)

    return make


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database (made once per test run; copy it before changing it)."""
    from hubtui.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path, advisor="Demo")
    try:
        generate_demo(store, seed=1, activities=800, organisations=300, today=TODAY)
    finally:
        store.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    copy_template(demo_template, path)
    return path
