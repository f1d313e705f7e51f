"""The hand-counted dataset (kpi_dataset.py) on SQLite and on PostgreSQL, once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from kpi_dataset import Dataset, build_dataset, pg_database

from hubtui.store import open_store


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def dataset(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Dataset]:
    if request.param == "sqlite":
        path: Path | str = tmp_path_factory.mktemp("kpi") / "hub.db"
        store = open_store(path, advisor="Test Advisor")
        yield build_dataset(store)
        store.close()
        return
    for url in pg_database():
        store = open_store(url, advisor="Test Advisor")
        try:
            yield build_dataset(store)
        finally:
            store.close()
