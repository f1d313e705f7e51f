"""Shared fixtures: every test runs with its own config, data folder and database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hubtui.store import Store, open_store


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep tests away from the user's real config and data."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("HUBTUI_CONFIG", str(home / "config" / "hubtui" / "config.toml"))
    monkeypatch.setenv("HUBTUI_ADVISOR", "Test Advisor")
    monkeypatch.delenv("HUBTUI_DB", raising=False)
    return home


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
