"""A restored or copied database continues as a new device, so nothing it or its peers wrote is
lost or hidden; and two hubtuis opening one empty team database at once migrate it once."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sync_helpers import ACME, BETA, GAMMA, ok, orgs, run

from hubtui.store import migrate, open_store
from hubtui.store.models import LocalState

STATE = LocalState.__table__  # type: ignore[attr-defined]


def employees(db: str) -> dict[str, int | None]:
    return {o["orgnr"]: o["employees"] for o in orgs(db)}


def device_of(db: str) -> str:
    store = open_store(db)
    try:
        return store.origin
    finally:
        store.close()


def test_restore_from_a_backup_loses_nothing_through_a_folder(tmp_path: Path) -> None:
    a, b, folder = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "shared"
    folder.mkdir()
    ok(run(a, "org", "add", "--name", "Acme Verkstad AB", "--orgnr", ACME, "--employees", "1"))
    ok(run(a, "sync", "--folder", str(folder)))
    ok(run(b, "sync", "--folder", str(folder)))
    backup = tmp_path / "a-backup.db"
    ok(run(a, "backup", "--out", str(backup)))
    before = device_of(a)
    # after the backup: A edits and sends it; B adds a company of its own
    ok(run(a, "org", "edit", ACME, "--employees", "2"))
    ok(run(a, "sync", "--folder", str(folder)))
    ok(run(b, "org", "add", "--name", "Beta Plast AB", "--orgnr", BETA))
    ok(run(b, "sync", "--folder", str(folder)))
    restored = ok(run(a, "restore", str(backup)))
    assert "new device" in restored.stdout
    assert device_of(a) != before
    ok(run(a, "org", "add", "--name", "Gamma Data AB", "--orgnr", GAMMA, "--employees", "3"))
    ok(run(a, "sync", "--folder", str(folder)))
    ok(run(b, "sync", "--folder", str(folder)))
    ok(run(a, "sync", "--folder", str(folder)))
    expected = {ACME: 2, BETA: None, GAMMA: 3}  # A's pre-restore edit came back from the folder
    assert employees(a) == expected and employees(b) == expected
    assert orgs(a) == orgs(b)
    for db in (a, b):
        ok(run(db, "sync", "verify", str(folder)))


@pytest.mark.postgres
def test_restore_from_a_backup_loses_nothing_through_postgresql(
    pg_url: str, tmp_path: Path
) -> None:
    a, c = str(tmp_path / "a.db"), str(tmp_path / "c.db")
    ok(run(a, "org", "add", "--name", "Acme Verkstad AB", "--orgnr", ACME, "--employees", "1"))
    ok(run(a, "sync", "--with", pg_url))
    backup = tmp_path / "a-backup.db"
    ok(run(a, "backup", "--out", str(backup)))
    ok(run(a, "org", "edit", ACME, "--employees", "2"))  # only the team database keeps this
    ok(run(a, "sync", "--with", pg_url))
    ok(run(a, "restore", str(backup)))
    assert employees(a) == {ACME: 1}
    ok(run(a, "org", "add", "--name", "Beta Plast AB", "--orgnr", BETA, "--employees", "5"))
    ok(run(a, "sync", "--with", pg_url))
    ok(run(c, "sync", "--with", pg_url))
    expected = {ACME: 2, BETA: 5}
    assert employees(a) == expected and employees(c) == expected and employees(pg_url) == expected
    for db in (a, c):
        ok(run(db, "sync", "verify", pg_url))


def copy_of(original: str, path: Path) -> str:
    shutil.copyfile(original, path)
    return str(path)


def test_a_copied_database_becomes_a_new_device_and_says_so_once(tmp_path: Path) -> None:
    a = str(tmp_path / "a.db")
    ok(run(a, "org", "add", "--name", "Acme Verkstad AB", "--orgnr", ACME))
    original = device_of(a)
    copy = copy_of(a, tmp_path / "new-laptop.db")
    first = ok(run(copy, "org", "list"))
    assert "is a copy" in first.stderr and "new device" in first.stderr
    assert device_of(copy) != original
    assert device_of(a) == original  # the original keeps its id
    again = ok(run(copy, "org", "list"))
    assert "copy" not in again.stderr  # said once
    store = open_store(copy)
    with store.read() as conn:
        earlier = dict(
            conn.execute(
                select(STATE.c.key, STATE.c.value).where(STATE.c.key.like("device.%"))
            ).all()
        )
    store.close()
    # the original's id is not one of its own (the original goes on under it)
    assert earlier["device.copied_from"] == original and earlier["device.previous"] == ""


def test_a_copy_of_a_blank_database_gets_its_own_id_silently(tmp_path: Path) -> None:
    a = tmp_path / "a.db"
    open_store(a).close()
    copy = copy_of(str(a), tmp_path / "b.db")
    store = open_store(copy)
    assert store.notice is None and store.origin != device_of(str(a))
    store.close()


def test_a_copy_and_its_original_exchange_changes_through_a_folder(tmp_path: Path) -> None:
    a, folder = str(tmp_path / "a.db"), tmp_path / "shared"
    folder.mkdir()
    ok(run(a, "org", "add", "--name", "Acme Verkstad AB", "--orgnr", ACME))
    ok(run(a, "sync", "--folder", str(folder)))
    copy = copy_of(a, tmp_path / "copy.db")
    ok(run(a, "org", "edit", ACME, "--employees", "7"))
    ok(run(copy, "org", "add", "--name", "Beta Plast AB", "--orgnr", BETA))
    for db in (a, copy, a):
        ok(run(db, "sync", "--folder", str(folder)))
    assert len([d for d in folder.iterdir() if d.is_dir()]) == 2  # two devices, two outboxes
    assert orgs(a) == orgs(copy)
    assert employees(copy) == {ACME: 7, BETA: None}
    ok(run(copy, "sync", "--folder", str(folder)))  # a has written nothing new since
    for db in (a, copy):
        ok(run(db, "sync", "verify", str(folder)))


@pytest.mark.postgres
def test_a_copy_and_its_original_exchange_changes_through_postgresql(
    pg_url: str, tmp_path: Path
) -> None:
    a = str(tmp_path / "a.db")
    ok(run(a, "org", "add", "--name", "Acme Verkstad AB", "--orgnr", ACME))
    ok(run(a, "sync", "--with", pg_url))
    copy = copy_of(a, tmp_path / "copy.db")
    ok(run(a, "org", "edit", ACME, "--employees", "7"))
    ok(run(copy, "org", "add", "--name", "Beta Plast AB", "--orgnr", BETA))
    for db in (a, copy, a):
        ok(run(db, "sync", "--with", pg_url))
    assert employees(a) == employees(copy) == employees(pg_url) == {ACME: 7, BETA: None}
    ok(run(copy, "sync", "--with", pg_url))
    for db in (a, copy):
        ok(run(db, "sync", "verify", pg_url))


@pytest.mark.postgres
def test_two_first_opens_of_an_empty_team_database_migrate_it_once(pg_url: str) -> None:
    start = threading.Barrier(3)
    errors: list[BaseException] = []
    origins: list[str] = []

    def open_it() -> None:
        try:
            start.wait()
            store = open_store(pg_url)
            origins.append(store.origin)
            store.close()
        except BaseException as e:  # reported below, with the test's failure
            errors.append(e)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(origins)) == 1  # one team database, one device id
    store = open_store(pg_url)
    with store.read() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        versions = conn.execute(text("SELECT count(*) FROM alembic_version")).scalar()
        ids = conn.execute(
            select(func.count()).select_from(STATE).where(STATE.c.key == "device_id")
        ).scalar()
    store.close()
    assert versions == 1 and ids == 1
