"""Fixtures for the state aid tests: two projects with an [aid] table, a group of companies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from aid_fixture import ALFA, BETA, DELTA, GAMMA, P1, P2, ok
from click.testing import Result


@pytest.fixture
def hub(run_cli: Callable[..., Result], tmp_path: Path) -> Callable[..., str]:
    """A database with P1, P2 and four companies, Beta in Alfa's group; runs commands that
    must succeed."""
    for name, text in (("p1.toml", P1), ("p2.toml", P2)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        ok(run_cli("project", "import", str(tmp_path / name)))
    for name, orgnr in (("Alfa AB", ALFA), ("Beta AB", BETA), ("Gamma AB", GAMMA)):
        ok(run_cli("org", "add", "--name", name, "--orgnr", orgnr))
    ok(run_cli("org", "add", "--name", "Delta AB", "--orgnr", DELTA))
    ok(run_cli("org", "edit", BETA, "--group-of", ALFA))

    def run(*args: str) -> str:
        return ok(run_cli(*args))

    return run
