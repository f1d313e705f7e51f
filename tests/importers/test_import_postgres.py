"""Imports on a real PostgreSQL database (skipped, with the reason, when no server answers)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from hubtui.importers import prepare, run_import
from hubtui.services.activities import list_activities
from hubtui.store import Store, open_store

pytestmark = pytest.mark.postgres
SERVER = os.environ.get("HUBTUI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture
def pg_store() -> Iterator[Store]:
    """A store on a fresh schema of the test server, dropped afterwards."""
    admin = sa.create_engine(SERVER, connect_args={"connect_timeout": 3})
    schema = f"hubtui_import_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError as e:
        admin.dispose()
        pytest.skip(f"no PostgreSQL server at {SERVER}: {type(e).__name__}")
    url = make_url(SERVER).update_query_dict({"options": f"-csearch_path={schema}"})
    store = open_store(url.render_as_string(hide_password=False), advisor="Test Advisor")
    try:
        yield store
    finally:
        store.close()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def test_events_import_and_reimport_on_postgres(
    pg_store: Store,
    add_project: Callable[[Store], str],
    write_xlsx: Callable[..., Path],
    count_changes: Callable[[Store], int],
) -> None:
    add_project(pg_store)
    day = dt.datetime(2025, 4, 3)
    path = write_xlsx("narvaro.xlsx", [
        ["Datum", "Typ", "Titel", "Företag", "Org.nr", "Kvinnor", "Män"],
        [day, "Seminarium", "AI-dag", "Mälarplast AB", "556036-0793", 2, 1],
        [day, "Seminarium", "AI-dag", "Köping AB", "5567037485", 1, 3],
    ])  # fmt: skip
    result = run_import(pg_store, prepare(path), project="KAIM")
    assert (result.plan.totals.created, result.plan.totals.new_organisations) == (1, 2)
    (seminar,) = list_activities(pg_store)
    assert (seminar.women, seminar.men, len(seminar.organisations)) == (3, 4, 2)
    before = count_changes(pg_store)
    again = run_import(pg_store, prepare(path), project="KAIM")
    assert again.plan.totals.unchanged == 1 and count_changes(pg_store) == before
