"""Fixtures for sync tests: laptops made from a template database."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from hubtui.store import Store, open_store


@pytest.fixture(scope="session")
def blank_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, migrated SQLite database to copy (migrating each one would be slow)."""
    path = tmp_path_factory.mktemp("template") / "blank.db"
    open_store(path).close()
    return path


@pytest.fixture
def new_device(blank_database: Path, tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    """Make a laptop: its own SQLite file and device id. Closed after the test."""
    stores: list[Store] = []

    def make(name: str) -> Store:
        path = tmp_path / f"{name}.db"
        shutil.copyfile(blank_database, path)
        path.chmod(0o600)
        engine = sa.create_engine(f"sqlite:///{path}")
        with engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE local_state SET value = :v WHERE key = 'device_id'"),
                {"v": str(uuid.uuid4())},
            )
        engine.dispose()
        store = open_store(path, advisor=name)
        stores.append(store)
        return store

    yield make
    for store in stores:
        store.close()


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    """An empty shared sync folder."""
    folder = tmp_path / "shared"
    folder.mkdir()
    return folder


@pytest.fixture
def no_gc_callbacks() -> Iterator[None]:
    """No garbage-collector callbacks (Hypothesis registers one) during a test that presses
    ctrl+c: a KeyboardInterrupt raised while one runs is lost as "Exception ignored", so the
    press would go unseen. The command line itself registers none."""
    import gc

    kept = list(gc.callbacks)
    gc.callbacks.clear()  # the list the collector holds: cleared in place, not rebound
    try:
        yield
    finally:
        gc.callbacks[:] = kept
