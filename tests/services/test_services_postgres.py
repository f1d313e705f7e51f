"""The services on a real PostgreSQL database (skipped with a reason if none is reachable)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from hubtui.domain.goals import GoalsFile, dump_goals
from hubtui.services.activities import list_activities, log_activity, update_activity
from hubtui.services.history import history
from hubtui.services.organisations import add_organisation, search_organisations
from hubtui.services.projects import export_goals, import_goals
from hubtui.store import Store, open_store

pytestmark = pytest.mark.postgres
SERVER = os.environ.get("HUBTUI_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def pg_store() -> Iterator[Store]:
    """A throw-away database on the server, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    url = make_url(SERVER)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"hubtui_services_{os.getpid()}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as e:
        pytest.skip(f"no PostgreSQL server at {url.render_as_string()}: {e}")
    store = open_store(
        url.set(drivername="postgresql+psycopg", database=name).render_as_string(
            hide_password=False
        )
    )
    try:
        yield store
    finally:
        store.close()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")


def test_services_on_postgres(pg_store: Store, goals: GoalsFile) -> None:
    import_goals(pg_store, goals)
    assert dump_goals(export_goals(pg_store, "kaim")) == dump_goals(goals)
    abb = add_organisation(pg_store, name="ABB Aktiebolag", orgnr="5560360793", county="19")
    energi = add_organisation(pg_store, name="Mälarenergi AB", orgnr="556703-7485")
    assert [o.id for o in search_organisations(pg_store, "556036")] == [abb.id]
    assert [o.id for o in search_organisations(pg_store, "MÄLAR")] == [energi.id]
    act = log_activity(
        pg_store,
        project="KAIM",
        type="seminar",
        date="2025-05-02",
        organisation_ids=[abb.id, energi.id],
        women=2,
    )
    update_activity(pg_store, act.id, organisation_ids=[energi.id], women=3)
    listed = list_activities(pg_store, project_id="KAIM", period="2025Q2")
    assert [o.id for o in listed[0].organisations] == [energi.id]
    fields = [c.field for c in history(pg_store, "activity", act.id)]
    assert fields == ["*", "women"]
