"""Fixtures for sync tests, and PostgreSQL fixtures any area may use.

`pg_url` gives a fresh, empty schema on the test PostgreSQL server (HUBTUI_TEST_PG_URL, or the
local postgresql+psycopg://postgres@127.0.0.1:5432/test), dropped afterwards; the URL sets
`search_path` to it, so hubtui sees an empty database. Tests using it are skipped, with the
reason, when no server answers.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from hubtui.store import Store, open_store

PG_URL = os.environ.get("HUBTUI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@cache
def pg_unreachable() -> str:
    """Why the test PostgreSQL server cannot be used ("" when it can)."""
    engine = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as e:  # any failure means: no server to test against
        return f"no PostgreSQL server at {PG_URL} ({type(e).__name__}); set HUBTUI_TEST_PG_URL"
    finally:
        engine.dispose()
    return ""


@pytest.fixture
def pg_schema_url() -> Iterator[Callable[[], str]]:
    """A factory of URLs, each on its own fresh schema; all dropped after the test."""
    reason = pg_unreachable()
    if reason:
        pytest.skip(reason)
    admin = sa.create_engine(PG_URL)
    schemas: list[str] = []

    def make() -> str:
        schema = f"hubtui_test_{uuid.uuid4().hex[:16]}"
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
        schemas.append(schema)
        url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    yield make
    with admin.begin() as conn:
        for schema in schemas:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_schema_url: Callable[[], str]) -> str:
    """A PostgreSQL URL on a fresh, empty schema (dropped after the test)."""
    return pg_schema_url()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    s = open_store(pg_url, advisor="Test Advisor")
    yield s
    s.close()


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
