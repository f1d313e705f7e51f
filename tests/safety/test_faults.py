"""Faults around backups and restores: another process writing during a restore, and a
backup or restore killed at a random point. Nothing acknowledged is lost, no partial file
passes for a backup, and the copies a killed process leaves are removed on the next open.

Each test runs HUBTUI_FAULT_ROUNDS rounds (default 2); the `slow` variants run
HUBTUI_FAULT_LONG_ROUNDS (default 40): pytest -m slow tests/safety/test_faults.py
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from crash_support import Writer, integrity, stored_ids
from safety_data import PERSON_NAME, checkpoint, fill, raw_bytes_contain
from template_support import copy_template

from hubtui.paths import backups_dir
from hubtui.safety.erasure import erase_contact
from hubtui.safety.restore import restore_database
from hubtui.store import open_store
from hubtui.store.backups import backup_database, list_backups
from hubtui.store.leftovers import find_leftovers

RUNNER = Path(__file__).with_name("fault_runner.py")
ROUNDS = int(os.environ.get("HUBTUI_FAULT_ROUNDS", "2"))
LONG_ROUNDS = int(os.environ.get("HUBTUI_FAULT_LONG_ROUNDS", "40"))
ACTIVITIES = 1500  # a database of a few MB: copies take long enough to be cut short


def _restores_while_writing(db: Path, project: str, org: str, rounds: int, seed: int) -> int:
    """Restore `rounds` times while two processes write; returns the writes checked."""
    chance = random.Random(seed)
    source = backup_database(db, db.with_name("source.db"))
    writers = [Writer(db, project, org, f"restore{n}") for n in range(2)]
    kept: list[Path] = []
    try:
        for writer in writers:
            writer.wait_for_acks(3)
        for _ in range(rounds):
            time.sleep(chance.uniform(0.0, 0.3))
            result = restore_database(db, source)
            assert result.kept_as is not None
            kept.append(result.kept_as)
        for writer in writers:
            writer.wait_for_acks(len(writer.acked) + 3)  # they go on writing afterwards
            assert writer.process.poll() is None, writer.finish()[1]
    finally:
        for writer in writers:
            writer.kill()
    acknowledged = {i for writer in writers for i in writer.acked}
    assert integrity(db) == ["ok"]
    somewhere = stored_ids(db).union(*(stored_ids(path) for path in kept))
    lost = acknowledged - somewhere
    assert not lost, f"{len(lost)} of {len(acknowledged)} acknowledged writes were lost"
    return len(acknowledged)


def test_restore_while_another_process_writes_loses_nothing(
    db_path: Path, project_and_org: tuple[str, str]
) -> None:
    assert _restores_while_writing(db_path, *project_and_org, ROUNDS, seed=ROUNDS) > 0


@pytest.mark.slow
def test_restore_while_writing_many_rounds(db_path: Path, project_and_org: tuple[str, str]) -> None:
    checked = _restores_while_writing(db_path, *project_and_org, LONG_ROUNDS, seed=7)
    print(f"restore under writers: {LONG_ROUNDS} restores, {checked} acknowledged writes kept")


# --- killed backups and restores ----------------------------------------------------------
@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database of a few MB with a contact person, and an older backup of it."""
    folder = tmp_path_factory.mktemp("big")
    path = folder / "hub.db"
    store = open_store(path)
    fill(store)
    with store.write() as writer:
        project = writer.insert(
            "project",
            {
                "code": "BIG",
                "name": "Big",
                "start": dt.date(2026, 1, 1),
                "end": dt.date(2026, 12, 31),
            },
        )
        for n in range(ACTIVITIES):
            writer.insert(
                "activity",
                {"project_id": project, "type": "visit", "date": dt.date(2026, 2, 1),
                 "title": f"visit {n}", "note": "anteckning " * 200},
            )  # fmt: skip
    store.close()
    checkpoint(path)
    return path


def _copy_template(template: Path, db: Path) -> None:
    copy_template(template, db)
    shutil.rmtree(backups_dir(db), ignore_errors=True)


def _run_and_kill(args: list[str], delay: float) -> bool:
    """Start the runner, kill it `delay` seconds after it says "go"; True if it finished."""
    process = subprocess.Popen(
        [sys.executable, str(RUNNER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"go\n", process.stderr.read() if process.stderr else ""
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate()
    assert b"Traceback" not in err, err.decode()
    return b"done" in out


def _duration(args: list[str]) -> float:
    """How long the runner's work takes when nobody kills it."""
    process = subprocess.Popen(
        [sys.executable, str(RUNNER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stdout.readline() == b"go\n"
    start = time.monotonic()
    done = process.stdout.readline()
    took = time.monotonic() - start
    _, err = process.communicate()
    assert process.returncode == 0 and done == b"done\n", err.decode()
    return took


def _killed_backups(template: Path, db: Path, rounds: int, seed: int) -> tuple[int, int]:
    """Kill `rounds` backups at random points; returns (rounds cut short, leftovers removed)."""
    chance = random.Random(seed)
    _copy_template(template, db)
    took = _duration(["backup", str(db)])
    cut = removed = 0
    for _ in range(rounds):
        finished = _run_and_kill(["backup", str(db)], chance.uniform(0.0, took * 1.2))
        cut += not finished
        for info in list_backups(db):  # whatever is listed is a whole, healthy backup
            assert integrity(info.path) == ["ok"], info.path
        leftovers = find_leftovers(db)
        store = open_store(db)
        store.close()
        if leftovers:
            removed += len(leftovers)
            assert any("interrupted restore or backup" in str(note) for note in store.notes)
        assert find_leftovers(db) == []
    return cut, removed


def test_killed_backup_leaves_no_partial_backup_and_erasure_still_works(
    big_template: Path, db_path: Path
) -> None:
    _killed_backups(big_template, db_path, ROUNDS, seed=ROUNDS)
    store = open_store(db_path)
    try:
        person = _person_id(store)
        result = erase_contact(store, person)
    finally:
        store.close()
    assert result.backups_failed == ()
    files = [db_path, *backups_dir(db_path).iterdir()]
    assert raw_bytes_contain(files, PERSON_NAME) == []


def test_erasure_skips_and_reports_a_damaged_backup(big_template: Path, db_path: Path) -> None:
    _copy_template(big_template, db_path)
    good = backup_database(db_path, reason="manual")
    cut_short = good.with_name(good.name.replace("manual", "daily"))
    cut_short.write_bytes(good.read_bytes()[: 3 * 4096])  # the head of a backup only
    store = open_store(db_path)
    try:
        result = erase_contact(store, _person_id(store))
    finally:
        store.close()
    assert result.backups_failed == (cut_short,)
    assert result.backups_cleaned == 1
    assert raw_bytes_contain([db_path, good], PERSON_NAME) == []


def _person_id(store: object) -> str:
    from hubtui.services.contacts import list_contacts

    [person] = [c for c in list_contacts(store) if c.name == PERSON_NAME]  # type: ignore[arg-type]
    return person.id


def _killed_restores(template: Path, db: Path, rounds: int, seed: int) -> tuple[int, int]:
    """Kill `rounds` restores at random points; returns (rounds cut short, leftovers removed)."""
    chance = random.Random(seed)
    _copy_template(template, db)
    before = stored_ids(db)
    source = db.with_name("older.db")
    conn_source = backup_database(db, source)
    store = open_store(db)
    with store.write() as writer:  # the older backup lacks this activity
        project = writer.conn.exec_driver_sql("SELECT id FROM project").scalar_one()
        writer.insert(
            "activity",
            {"project_id": project, "type": "visit", "date": dt.date(2026, 3, 1), "title": "n"},
        )
    store.close()
    checkpoint(db)
    current = db.with_name("current.db")
    shutil.copyfile(db, current)
    took = _duration(["restore", str(db), str(conn_source)])
    assert stored_ids(db) == before
    cut = removed = 0
    for _ in range(rounds):
        shutil.copyfile(current, db)
        finished = _run_and_kill(["restore", str(db), str(source)], chance.uniform(0, took * 1.2))
        cut += not finished
        assert integrity(db) == ["ok"]
        after = stored_ids(db)
        assert after in (before, stored_ids(current)), "a restore left half of each"
        if finished:
            assert after == before
        leftovers = find_leftovers(db)
        store = open_store(db)
        store.close()
        if leftovers:
            removed += len(leftovers)
            assert any("held personal data" in str(note) for note in store.notes)
        assert find_leftovers(db) == []
        assert not [p for p in db.parent.iterdir() if ".restoring-" in p.name]
    return cut, removed


def test_killed_restore_is_all_or_nothing_and_leaves_no_copy(
    big_template: Path, db_path: Path
) -> None:
    _killed_restores(big_template, db_path, ROUNDS, seed=ROUNDS)


@pytest.mark.slow
def test_killed_backups_and_restores_many_rounds(big_template: Path, db_path: Path) -> None:
    backups = _killed_backups(big_template, db_path, LONG_ROUNDS, seed=11)
    restores = _killed_restores(big_template, db_path, LONG_ROUNDS, seed=13)
    print(
        f"killed backups: {LONG_ROUNDS} rounds, {backups[0]} cut short, {backups[1]} leftovers "
        f"removed; killed restores: {LONG_ROUNDS} rounds, {restores[0]} cut short, "
        f"{restores[1]} leftovers removed"
    )
