"""A change record whose stored time stamp is no time (month 13: a damaged database) is not
written into a change file, where the receiving peer would refuse the whole file: the folder
sync writes this device's changes up to it, says which record and what to do, and goes on;
`hubtui doctor` names it and `--repair` mends it, after which everything goes out."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import ok, run, state

from hubtui.store import Store, open_store
from hubtui.sync.folder import sync_folder
from hubtui.sync.verify import verify

MONTH_13 = "2026-13-01 10:00:00.000000"
ORGS = ["Org 0 AB", "Org 1 AB", "Org 2 AB"]


def _three_companies_one_damaged(db: Path) -> list[str]:
    store = open_store(db, advisor="Anna")
    try:
        with store.write() as writer:
            ids = [writer.insert("organisation", {"name": f"Org {n} AB"}) for n in range(3)]
        with store.write() as writer:  # the change records are written as the first one ends
            writer.conn.exec_driver_sql(
                "UPDATE change SET recorded_at = ? WHERE entity_id = ?", (MONTH_13, ids[1])
            )
    finally:
        store.close()
    return ids


def _names(store: Store) -> list[str]:
    with store.read() as conn:
        return sorted(r[0] for r in conn.exec_driver_sql("SELECT name FROM organisation"))


def test_the_damaged_record_waits_with_what_follows_and_doctor_repairs_it(
    tmp_path: Path, shared: Path
) -> None:
    a = tmp_path / "a.db"
    ids = _three_companies_one_damaged(a)
    out = ok(run(str(a), "sync", "--folder", str(shared)))
    warning = f"Warning: The change record of organisation {ids[1]} (its creation, by Anna (device "
    assert warning in out.stdout and MONTH_13 in out.stdout
    assert "run hubtui doctor --repair to mend it, then sync again." in out.stdout
    assert out.stdout.count("damaged time stamp") == 1
    assert "(1 change(s))" in out.stdout  # the record before it went out
    b = open_store(tmp_path / "b.db", advisor="Bo")
    try:
        report = sync_folder(b, shared)
        assert report.rejected == [] and report.missing == []
        assert _names(b) == ["Org 0 AB"]
        again = ok(run(str(a), "sync", "--folder", str(shared)))  # still waiting, once said
        assert again.stdout.count("damaged time stamp") == 1 and "Wrote nothing" in again.stdout
        # A single export file is refused whole: nothing written.
        export = run(str(a), "sync", "export", "--out", str(tmp_path / "all.hubsync"))
        assert export.exit_code == 2 and "so nothing was written" in export.output
        assert not (tmp_path / "all.hubsync").exists()
        # Nor a snapshot: `sync compact` says so (the sync before it stands).
        compact = run(str(a), "sync", "compact", "--folder", str(shared))
        assert compact.exit_code == 2 and "no snapshot can be written" in compact.output
        assert "doctor --repair" in compact.output and "Traceback" not in compact.output
        doctor = run(str(a), "doctor")
        assert doctor.exit_code == 1
        assert f"1 change record(s) have a damaged time stamp (first: organisation {ids[1]}" in (
            doctor.stdout
        )
        repaired = ok_or_unhealthy(run(str(a), "doctor", "--repair"))
        assert "Set the damaged time stamp of 1 change record(s) from its clock stamp." in repaired
        assert "damaged time stamp (first" not in repaired
        done_out = ok(run(str(a), "sync", "--folder", str(shared)))
        assert "damaged time stamp" not in done_out.stdout and "(2 change(s))" in done_out.stdout
        sync_folder(b, shared)
        assert _names(b) == ["Org 0 AB", "Org 1 AB", "Org 2 AB"]
        mended = open_store(a, advisor="Anna")
        try:
            assert state(mended) == state(b)
            assert verify(b, shared).agree and verify(mended, shared).agree
        finally:
            mended.close()
    finally:
        b.close()


def ok_or_unhealthy(result: object) -> str:
    """doctor's output: exit 0, or 1 for a finding unrelated to the stamps (old SQLite)."""
    assert getattr(result, "exit_code", None) in (0, 1)
    return str(getattr(result, "stdout", ""))


def test_what_counts_as_a_damaged_stamp() -> None:
    from hubtui.sync.outgoing import stamp_damaged

    assert not stamp_damaged("2026-12-03 13:45:36.966836")
    assert not stamp_damaged("2026-12-03 13:45:36")  # another shape SQLAlchemy reads
    for damaged in (MONTH_13, "2026-02-30 10:00:00.000000", "yesterday", "", None, 12):
        assert stamp_damaged(damaged), damaged


@pytest.mark.postgres
def test_the_team_database_gets_nothing_from_the_damaged_record_on_and_the_pull_goes_on(
    tmp_path: Path, pg_url: str
) -> None:
    a, b = tmp_path / "a.db", str(tmp_path / "b.db")
    ids = _three_companies_one_damaged(a)
    ok(run(b, "org", "add", "--name", "Bo Konsult AB"))
    ok(run(b, "sync", "--with", pg_url))
    out = ok(run(str(a), "sync", "--with", pg_url)).stdout
    assert f"Warning: The change record of organisation {ids[1]} (its creation" in out
    assert "not sent to the team database" in out and "doctor --repair" in out
    for db, names in ((pg_url, ["Bo Konsult AB"]), (str(a), ["Bo Konsult AB", *ORGS])):
        store = open_store(db)  # the team has nothing of the chunk that holds it; A pulled
        try:
            assert _names(store) == names
        finally:
            store.close()
    ok_or_unhealthy(run(str(a), "doctor", "--repair"))
    out = ok(run(str(a), "sync", "--with", pg_url)).stdout
    assert "damaged time stamp" not in out
    ok(run(b, "sync", "--with", pg_url))
    for db in (str(a), b):
        store = open_store(db)
        try:
            assert _names(store) == ["Bo Konsult AB", *ORGS]
        finally:
            store.close()
