"""Fixtures for the service tests: the KAIM project and a few organisations."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from template_support import forget_location

from hubtui.domain.goals import GoalsFile, parse_goals
from hubtui.services.organisations import add_organisation
from hubtui.services.projects import import_goals
from hubtui.store import Store, open_store
from hubtui.store.views import OrganisationView, ProjectView

GOALS_FILE = Path(__file__).with_name("kaim_goals.toml")


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty, fully migrated database, made once (migrating is the slow part of opening)."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_store(path).close()
    return path


@pytest.fixture
def store(empty_template: Path, db_path: Path) -> Iterator[Store]:
    """A fresh database at `db_path`: a copy of the migrated template, opened."""
    source, target = sqlite3.connect(empty_template), sqlite3.connect(db_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    db_path.chmod(0o600)
    forget_location(db_path)
    opened = open_store(db_path, advisor="Test Advisor")
    yield opened
    opened.close()


@pytest.fixture
def goals() -> GoalsFile:
    return parse_goals(GOALS_FILE.read_text(encoding="utf-8"), source=GOALS_FILE.name)


@pytest.fixture
def project(store: Store, goals: GoalsFile) -> ProjectView:
    return import_goals(store, goals)


@pytest.fixture
def abb(store: Store) -> OrganisationView:
    return add_organisation(
        store, name="ABB Aktiebolag", orgnr="556036-0793", county="19", employees=12
    )


@pytest.fixture
def malarenergi(store: Store) -> OrganisationView:
    return add_organisation(
        store, name="Mälarenergi AB", orgnr="5567037485", municipality="1980", employees=600
    )


@pytest.fixture
def written(store: Store) -> Callable[[], tuple[int, ...]]:
    """A callable giving the row counts of the change log and the main tables."""

    def counts() -> tuple[int, ...]:
        with store.read() as conn:
            return tuple(
                int(conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar_one())
                for name in TABLES
            )

    return counts


TABLES = (
    "change",
    "organisation",
    "project",
    "kpi_goal",
    "activity",
    "activity_organisation",
    "contact",
    "testbed",
    "dma_assessment",
    "investment",
    "collaboration",
)
