"""Fixtures of the report tests (the data and its hand-counted answers: report_fixture.py).

The fixture database is built once per session and copied for each test that uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from report_fixture import Fixture, build_fixture
from template_support import copy_template

from hubtui.store import open_store


@pytest.fixture(scope="session")
def rapp_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rapp") / "rapp.db"
    store = open_store(path, advisor="Test Advisor")
    try:
        build_fixture(store)
    finally:
        store.close()
    return path


@pytest.fixture
def rapp(rapp_template: Path, db_path: Path) -> Iterator[Fixture]:
    """The hand-counted project in this test's own database (`db_path`, as `run_cli` uses)."""
    copy_template(rapp_template, db_path)
    store = open_store(db_path, advisor="Test Advisor")
    yield Fixture(store)
    store.close()
