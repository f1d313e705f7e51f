"""Fixtures for the data-safety tests."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

# The helpers beside this file, importable in either of pytest's import modes.
sys.path.insert(0, str(Path(__file__).parent))
from safety_data import Filled, checkpoint, fill

from hubtui.store import open_store


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
