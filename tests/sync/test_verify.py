"""`hubtui sync verify`: exit 0 when this database agrees with the folder or the team database,
1 with what differs (record, field, each side's value and writer) and what to run."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sync_helpers import ACME, BETA, ok, orgs, run


def verify(db: str, target: str | Path) -> tuple[int, str]:
    result = run(db, "sync", "verify", str(target))
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def org_id(db: str, orgnr: str) -> str:
    [org] = [o for o in orgs(db) if o["orgnr"] == orgnr]
    return str(org["id"])


def test_verify_against_a_folder(tmp_path: Path) -> None:
    a, b, folder = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "shared"
    folder.mkdir()
    ok(run(a, "org", "add", "--name", "Acme AB", "--orgnr", ACME, "--employees", "10"))
    for db in (a, b):
        ok(run(db, "sync", "--folder", str(folder)))
    for db in (a, b):
        code, out = verify(db, folder)
        assert code == 0 and out.startswith(f"In agreement with {folder}")
    ok(run(a, "org", "edit", ACME, "--employees", "11"))  # not synced yet
    code, out = verify(a, folder)
    assert code == 1
    assert "here are 1 change(s) of device" in out
    assert f"organisation Acme AB ({ACME}), employees: here 11 (" in out and "there 10 (" in out
    assert f"Run 'hubtui sync --folder {folder}'" in out
    ok(run(a, "sync", "--folder", str(folder)))
    code, out = verify(b, folder)
    assert code == 1 and "it has 1 change(s) of device" in out  # B has not imported it yet
    ok(run(b, "sync", "--folder", str(folder)))
    assert verify(a, folder)[0] == 0 and verify(b, folder)[0] == 0


def test_rows_that_differ_with_the_same_changes_are_found_and_rebuilt(tmp_path: Path) -> None:
    a, b, folder = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "shared"
    folder.mkdir()
    ok(run(a, "org", "add", "--name", "Acme AB", "--orgnr", ACME))
    for db in (a, b):
        ok(run(db, "sync", "--folder", str(folder)))
    conn = sqlite3.connect(b)  # a row changed behind the write path's back
    with conn:
        conn.execute("UPDATE organisation SET name = 'Tampered AB'")
    conn.close()
    code, out = verify(b, folder)
    assert code == 1
    assert "name: here 'Tampered AB' (" in out and "there 'Acme AB' (Test Advisor (device" in out
    assert "hubtui sync rebuild" in out
    assert "1 record(s) changed" in ok(run(b, "sync", "rebuild")).stdout
    assert verify(b, folder)[0] == 0


@pytest.mark.postgres
def test_verify_against_the_team_database(pg_url: str, tmp_path: Path) -> None:
    a = str(tmp_path / "a.db")
    ok(run(a, "org", "add", "--name", "Acme AB", "--orgnr", ACME, "--employees", "10"))
    ok(run(a, "sync", "--with", pg_url))
    code, out = verify(a, pg_url)
    assert code == 0 and "In agreement" in out
    ok(run(pg_url, "org", "edit", ACME, "--employees", "12"))  # someone in team mode
    ok(run(pg_url, "org", "add", "--name", "Beta AB", "--orgnr", BETA))
    code, out = verify(a, pg_url)
    assert code == 1
    assert "it has 2 change(s) of device" in out
    assert "employees: here 10 (" in out and "there 12 (Test Advisor (device" in out
    assert "(whole record): here absent" in out
    assert f"Run 'hubtui sync --with {pg_url}'" in out
    ok(run(a, "sync", "--with", pg_url))
    assert verify(a, pg_url)[0] == 0
    listed = json.loads(ok(run(a, "org", "list", "--format", "json")).stdout)
    assert len(listed) == 2


def test_verify_says_what_to_give(tmp_path: Path) -> None:
    result = run(str(tmp_path / "a.db"), "sync", "verify")
    assert result.exit_code == 2 and "hubtui sync verify PATH" in result.stderr
    result = run(str(tmp_path / "a.db"), "sync", "verify", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_verify_speaks_swedish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    a, folder = str(tmp_path / "a.db"), tmp_path / "shared"
    folder.mkdir()
    ok(run(a, "org", "add", "--name", "Acme AB", "--orgnr", ACME, "--employees", "10"))
    ok(run(a, "sync", "--folder", str(folder)))
    code, out = verify(a, folder)
    assert code == 0 and out.startswith(f"Stämmer överens med {folder}: ")
    ok(run(a, "org", "edit", ACME, "--employees", "11"))  # not synced yet
    code, out = verify(a, folder)
    assert code == 1
    assert out.startswith(f"Stämmer inte överens med {folder}:")
    assert "- här finns 1 ändring(ar) från enhet" in out
    assert f"organisation Acme AB ({ACME}), anställda: här 11 (" in out and "där 10 (" in out
    ok(run(a, "org", "add", "--name", "Beta AB", "--orgnr", BETA))  # a record the folder lacks
    out = verify(a, folder)[1]
    assert (
        f"organisation Beta AB ({BETA}), (hela posten): här finns (Test Advisor (enhet " in out
        and "där saknas (ingen skribent)" in out
    )
    assert f"Kör 'hubtui sync --folder {folder}' här och på de andra datorerna" in out
    assert "In agreement" not in out and " here " not in out
