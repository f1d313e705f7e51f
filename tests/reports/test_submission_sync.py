"""A report submitted on one laptop is submitted on the other after a sync (a shared folder or
the team's PostgreSQL), frozen with exactly the content that was sent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from report_fixture import Fixture

from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.services.notes import set_notes

RunCli = Callable[..., Result]
PERIOD = ("-p", "RAPP", "--period", "2026Q3")


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stderr or result.stdout
    return result


def _report(run_cli: RunCli, db: Path, out: Path) -> str:
    _ok(run_cli("report", *PERIOD, "--format", "md", "--out", str(out), db=db))
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("through", ["folder", "postgresql"])
def test_a_submission_travels_with_sync_unchanged(
    rapp: Fixture,
    db_path: Path,
    run_cli: RunCli,
    tmp_path: Path,
    through: str,
    request: pytest.FixtureRequest,
) -> None:
    if through == "folder":
        folder = tmp_path / "shared"
        folder.mkdir()
        where = ["--folder", str(folder)]
    else:
        where = ["--with", request.getfixturevalue("pg_url")]
    laptop_a, laptop_b = db_path, tmp_path / "b.db"
    texts = {s: f"Text om {s}." for s in NOTE_SECTIONS}
    set_notes(rapp.store, project="RAPP", period="2026Q3", texts=texts)
    _ok(run_cli("report", "submit", *PERIOD, "--date", "2026-10-10", db=laptop_a))
    sent = _report(run_cli, laptop_a, tmp_path / "a.md")
    assert "Inlämnad 2026-10-10" in sent

    _ok(run_cli("sync", *where, db=laptop_a))
    _ok(run_cli("sync", *where, db=laptop_b))

    listed = _ok(run_cli("report", "submitted", "-p", "RAPP", db=laptop_b)).stdout
    assert "2026-07-01..2026-09-30\tsubmitted 2026-10-10" in listed
    assert _report(run_cli, laptop_b, tmp_path / "b.md") == sent  # byte for byte
    # B cannot submit the period again, and a note rewritten on B leaves the sent text alone.
    again = run_cli("report", "submit", *PERIOD, db=laptop_b)
    assert again.exit_code == 2 and "2026-10-10" in again.stderr
    _ok(run_cli("note", "set", *PERIOD, "--section", "resultat", "--text", "Ny.", db=laptop_b))
    assert _report(run_cli, laptop_b, tmp_path / "b2.md") == sent
