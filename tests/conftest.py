"""Shared fixtures: every test runs with its own config, data folder and database."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result
from pg_support import PG_URL, require_pg
from sqlalchemy.engine import make_url

from hubtui.store import Store, open_store

# No animations in tests: a scroll that animates is caught half-way by a snapshot on a loaded
# machine. Textual reads the setting when textual.constants is first imported, which a pytest
# plugin may already have done, so the module's value is set too.
os.environ["TEXTUAL_ANIMATIONS"] = "none"
if "textual.constants" in sys.modules:
    sys.modules["textual.constants"].TEXTUAL_ANIMATIONS = "none"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`slow` tests run only when asked for: pytest -m slow (or a -m expression naming it)."""
    if "slow" in (config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with pytest -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep tests away from the user's real config and data."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HUBTUI_CONFIG", str(home / "config" / "hubtui" / "config.toml"))
    monkeypatch.setenv("HUBTUI_ADVISOR", "Test Advisor")
    # The command line's messages in English, as the tests read them (Swedish is the default:
    # tests/cli/test_error_language.py).
    monkeypatch.setenv("HUBTUI_LANGUAGE", "en")
    monkeypatch.delenv("HUBTUI_DB", raising=False)
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)  # exports default to the documents
    return home


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    """The catalogue's language is the process's: a test that runs a command in Swedish
    leaves it English for the next test."""
    yield
    from hubtui.i18n import set_language

    set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "hub.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path, advisor="Test Advisor")
    yield s
    s.close()


@pytest.fixture
def run_cli(db_path: Path):  # type: ignore[no-untyped-def]
    """Run `hubtui --db <db_path> ARGS…`; returns click's Result (stdout, stderr, exit_code)."""
    from hubtui.cli.root import cli

    def run(*args: str, input: str | None = None, db: Path | str | None = None) -> Result:
        target = str(db or db_path)
        return CliRunner().invoke(cli, ["--db", target, *args], input=input)

    return run


# --- PostgreSQL: a fresh schema per use, dropped after the test ---------------------------


@pytest.fixture
def pg_schema_url() -> Iterator[Callable[[], str]]:
    """A factory of URLs, each on its own fresh schema; all dropped after the test."""
    require_pg()
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
