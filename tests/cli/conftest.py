"""Fixtures for the command-line tests: a seeded database and the user-error check."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from template_support import forget_location

from hubtui.cli.root import cli

GOALS_FILE = Path(__file__).parent.parent / "services" / "kaim_goals.toml"


def dump(path: Path) -> list[str]:
    """The whole content of a SQLite database file as SQL statements."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def ok(result: Result) -> str:
    """The stdout of a command that must have succeeded."""
    assert result.exit_code == 0, (result.stderr, result.exception)
    return result.stdout


SEED_ORGS = {
    "abb": ["--name", "ABB Aktiebolag", "--orgnr", "556036-0793", "--county", "19"],
    "energi": ["--name", "Mälarenergi AB", "--orgnr", "5567037485", "--municipality", "1980"],
}


@pytest.fixture
def goals_file() -> Path:
    return GOALS_FILE


@pytest.fixture
def run_ok(run_cli: Callable[..., Result]) -> Callable[..., str]:
    """Run a command that must succeed; returns its stdout."""

    def run(*args: str) -> str:
        return ok(run_cli(*args))

    return run


@pytest.fixture(scope="session")
def seed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Built once: a database with the KAIM project and two organisations."""
    folder = tmp_path_factory.mktemp("seed")
    path = folder / "seed.db"
    env = {
        "HOME": str(folder / "home"),
        "HUBTUI_CONFIG": str(folder / "config.toml"),
        "HUBTUI_ADVISOR": "Test Advisor",
        "HUBTUI_DB": None,
    }

    def run(*args: str) -> str:
        return ok(CliRunner().invoke(cli, ["--db", str(path), *args], env=env))

    run("project", "import", str(GOALS_FILE))
    ids = {
        key: run("org", "add", *args, "--employees", "12").strip()
        for key, args in SEED_ORGS.items()
    }
    run("org", "edit", "energi", "--employees", "600")
    return path, ids


@pytest.fixture
def seeded(seed_template: tuple[Path, dict[str, str]], db_path: Path) -> dict[str, str]:
    """A copy of the seeded database at `db_path`; returns the organisation ids by short name."""
    template, ids = seed_template
    source, target = sqlite3.connect(template), sqlite3.connect(db_path)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    db_path.chmod(0o600)
    forget_location(db_path)
    return ids


@pytest.fixture
def refused(run_cli: Callable[..., Result], db_path: Path) -> Callable[..., str]:
    """Run a command that must fail as a user error: exit 2, one line on stderr, no writes."""

    def check(*args: str) -> str:
        before = dump(db_path) if db_path.exists() else None
        result = run_cli(*args)
        lines = result.stderr.splitlines()
        assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
        assert len(lines) == 1, lines
        assert lines[0].startswith("hubtui: ")
        if before is not None:
            assert dump(db_path) == before
        return lines[0]

    return check
