"""`hubtui doctor`: healthy on a good database, a list of findings (exit 1) on a bad one."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from safety_data import Filled, checkpoint, sha256

from hubtui.safety.doctor import DoctorReport, _check_sqlite_library, run_doctor
from hubtui.store import open_store
from hubtui.store.backups import backup_database, list_backups

RunCli = Callable[..., Result]
GOALS = Path(__file__).parents[1] / "services" / "kaim_goals.toml"


def test_healthy_on_the_demo_database(run_cli: RunCli, db_path: Path) -> None:
    from hubtui.demo import generate_demo

    store = open_store(db_path)
    generate_demo(store, seed=3, activities=400, organisations=40, today=dt.date(2026, 5, 4))
    store.close()
    result = run_cli("doctor")
    assert result.exit_code == 0, result.output  # no backup yet is only a warning
    assert "Healthy." in result.stdout and "no backup yet" in result.stdout
    backup_database(db_path)
    checkpoint(db_path)
    before = sha256(db_path)
    result = run_cli("doctor")
    assert result.exit_code == 0, result.output
    assert "Healthy." in result.stdout
    for passed in ("integrity check: ok", "foreign-key check", "schema revision", "latest backup"):
        assert passed in result.stdout
    assert sha256(db_path) == before  # looking changes nothing


def test_findings_on_a_damaged_database(run_cli: RunCli, filled: Filled) -> None:
    backup = backup_database(filled.path)
    conn = sqlite3.connect(filled.path)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("UPDATE contact SET organisation_id = 'gone'")  # a broken reference
    conn.commit()
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='ix_organisation_name'")
    index_page = root.fetchone()[0]
    conn.close()
    checkpoint(filled.path)
    with filled.path.open("r+b") as f:  # garble the index's keys: only a full check sees it
        f.seek(index_page * 4096 - 40)
        f.write(b"Q" * 40)
    os.chmod(filled.path, 0o644)

    result = run_cli("doctor")
    assert result.exit_code == 1
    out = result.stdout
    assert "Not healthy" in out, out
    assert "integrity check found damage" in out and f"hubtui restore {backup}" in out
    assert "refer to rows that do not exist" in out
    assert "can be read by other users" in out and "chmod 0600" in out


def test_broken_config_and_missing_database(run_cli: RunCli, tmp_path: Path) -> None:
    config = Path(os.environ["HUBTUI_CONFIG"])
    config.parent.mkdir(parents=True)
    config.write_text("backups_keep = 'many'\n", encoding="utf-8")
    result = run_cli("doctor", db=tmp_path / "nothing-here.db")
    assert result.exit_code == 1
    assert "backups_keep" in result.stdout
    assert "There is no database" in result.stdout


def test_foreign_and_newer_databases(tmp_path: Path, filled: Filled) -> None:
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    assert any("another program" in f.text for f in run_doctor(str(foreign)).findings)
    conn = sqlite3.connect(filled.path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    report = run_doctor(str(filled.path))
    assert not report.healthy
    assert any("newer hubtui" in f.text for f in report.findings)


def test_stale_backup_of_a_changed_database_is_a_problem(filled: Filled) -> None:
    made = backup_database(filled.path)
    made.rename(made.with_name(made.name.replace(made.name.split("-")[1], "20200101")))
    assert list_backups(filled.path)[0].taken_at.year == 2020
    report = run_doctor(str(filled.path))
    assert any("days old" in f.text and f.severity == "problem" for f in report.findings)


def test_old_sqlite_library_is_a_warning_with_advice() -> None:
    report = DoctorReport("x")
    _check_sqlite_library(report, (3, 40, 1))
    (finding,) = report.findings
    assert finding.severity == "warning" and "3.51.3" in finding.text
    assert report.healthy
    fixed = DoctorReport("x")
    _check_sqlite_library(fixed, (3, 51, 3))
    assert fixed.findings == [] and [str(p) for p in fixed.passed] == ["SQLite library 3.51.3"]


def test_rows_written_around_hubtui_are_found_and_repaired(run_cli: RunCli, filled: Filled) -> None:
    backup_database(filled.path)
    conn = sqlite3.connect(filled.path)
    with conn:  # two rows written with SQL, around the write path
        conn.execute(
            "INSERT INTO organisation (id, deleted, name, kind, sni_codes, sni_version, "
            "leader_gender, personal_number, website, notes, manufacturing, name_key) VALUES "
            "('sql-1', 0, 'Smugglad AB', 'company', '', 'SNI2007', 'unknown', 0, '', '', 0, "
            "'smugglad ab'), ('sql-2', 0, 'Smugglad Två AB', 'company', '', 'SNI2007', "
            "'unknown', 0, '', '', 0, 'smugglad två ab')"
        )
    conn.close()
    found = run_cli("doctor")
    assert found.exit_code == 1
    assert "Rows without a change record (organisation: 2)" in found.stdout
    assert "hubtui doctor --repair" in found.stdout
    repaired = run_cli("doctor", "--repair")
    assert "Recorded the rows that had no change record (organisation: 2)." in repaired.stdout
    assert repaired.exit_code == 0, repaired.stdout
    assert "every row has its change record" in repaired.stdout
    conn = sqlite3.connect(filled.path)
    try:
        records = conn.execute(
            "SELECT entity_id, value FROM change WHERE field = '*' AND entity_id LIKE 'sql-%'"
        ).fetchall()
    finally:
        conn.close()
    assert sorted(r[0] for r in records) == ["sql-1", "sql-2"]
    assert "Smugglad AB" in dict(records)["sql-1"]
    again = run_cli("doctor", "--repair")
    assert "Every row already had its change record." in again.stdout


def test_numbers_outside_their_bounds_are_found(run_cli: RunCli, filled: Filled) -> None:
    backup_database(filled.path)
    conn = sqlite3.connect(filled.path)
    with conn:  # as an older hubtui (or SQL by hand) could have stored them
        conn.execute("UPDATE organisation SET employees = ? WHERE id = ?",
                     (2**62, filled.organisation_id))  # fmt: skip
    conn.close()
    found = run_cli("doctor")
    assert found.exit_code == 1
    assert "Numbers outside their bounds (organisation, employees: 1)" in found.stdout
    conn = sqlite3.connect(filled.path)
    with conn:
        conn.execute("UPDATE organisation SET employees = 10000000 WHERE employees > 100")
    conn.close()
    fine = run_cli("doctor")
    assert "every number within its bounds" in fine.stdout, fine.stdout


def test_sni_codes_outside_sni_2007_are_a_warning(run_cli: RunCli, filled: Filled) -> None:
    """An older hubtui checked only an SNI code's form; the doctor names the codes that are
    not in SNI 2007 now (a warning: nothing breaks, but the form refuses them)."""
    backup_database(filled.path)
    conn = sqlite3.connect(filled.path)
    with conn:
        conn.execute("UPDATE organisation SET sni_codes = '25110,25190,04' WHERE id = ?",
                     (filled.organisation_id,))  # fmt: skip
    conn.close()
    found = run_cli("doctor")
    assert found.exit_code == 0, found.stdout
    assert "SNI codes that are not in SNI 2007 (04 (1), 25190 (1):" in found.stdout
    done = run_cli("org", "edit", filled.organisation_id, "--sni", "25110")
    assert done.exit_code == 0, done.output
    assert "every SNI code in SNI 2007" in run_cli("doctor").stdout
