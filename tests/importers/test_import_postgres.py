"""Imports on a real PostgreSQL database (skipped, with the reason, when no server answers)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from hubtui.importers import prepare, run_import
from hubtui.services.activity_queries import list_activities
from hubtui.store import Store

pytestmark = pytest.mark.postgres


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
