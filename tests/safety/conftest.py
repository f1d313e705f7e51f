"""Fixtures for the data-safety tests."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# The helpers beside this file, importable in either of pytest's import modes.
sys.path.insert(0, str(Path(__file__).parent))
from safety_data import Filled, checkpoint, fill

from hubtui.config import Config
from hubtui.domain.goals import parse_goals
from hubtui.services.projects import import_goals
from hubtui.store import open_store
from hubtui.templates import template_text
from hubtui.ui.app import HubtuiApp


@pytest.fixture
def filled(db_path: Path) -> Filled:
    """A closed database file with two organisations and two contacts, WAL checkpointed."""
    store = open_store(db_path, advisor="Test Advisor")
    try:
        org_id, contact_id = fill(store)
    finally:
        store.close()
    checkpoint(db_path)
    return Filled(db_path, org_id, contact_id)


@pytest.fixture
def project_and_org(db_path: Path) -> tuple[str, str]:
    store = open_store(db_path)
    with store.write() as writer:
        project = writer.insert(
            "project",
            {"code": "CRASH", "name": "Crash", "start": dt.date(2026, 1, 1),
             "end": dt.date(2026, 12, 31)},
        )  # fmt: skip
        org = writer.insert("organisation", {"name": "Exempel AB"})
    store.close()
    return project, org


@pytest.fixture
def form_db(filled: Filled) -> Path:
    """The filled database with project KAIM (2025-03-01 – 2028-02-28): for the form tests."""
    store = open_store(filled.path)
    try:
        import_goals(store, parse_goals(template_text("KAIM"), "KAIM"))
    finally:
        store.close()
    checkpoint(filled.path)
    return filled.path


@pytest.fixture
def make_app() -> Callable[[Path], HubtuiApp]:
    def make(path: Path) -> HubtuiApp:
        settings = Config(language="en", default_project="KAIM")
        return HubtuiApp(str(path), settings, advisor="Test Advisor", today=dt.date(2026, 5, 4))

    return make
