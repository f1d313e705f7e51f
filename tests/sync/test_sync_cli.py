"""`hubtui sync` mistakes and edges: one sentence and exit 2, never a traceback; a second sync
of the same database waits its turn; a restored laptop gets its lost work back."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from sync_helpers import state

from hubtui.errors import UserError
from hubtui.store import Store, open_store
from hubtui.sync import folder as folder_sync
from hubtui.sync.folder import sync_folder


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sync",), "Say where to sync"),
        (("sync", "--folder", "/nowhere/at/all"), "does not exist"),
        (("sync", "--folder", "f", "--with", "postgresql://x/y"), "not both"),
        (("sync", "import", "/nowhere/file.hubsync"), "There is no file"),
        (("sync", "history", "payroll", "x"), "is not a kind of record"),
        (("sync", "history", "organisation", "x"), "There is no history"),
        (("sync", "--with", "not a url"), "not a PostgreSQL URL"),
        (("sync", "--with", "postgresql://postgres@127.0.0.1:1/test"), "Cannot connect"),
    ],
)
def test_mistakes_are_one_sentence(run_cli: Any, args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_sync_folder_from_the_config(run_cli: Any, tmp_path: Path, isolated_home: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    config = isolated_home / "config" / "hubtui" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'sync_folder = "{shared}"\n', encoding="utf-8")
    run_cli("org", "add", "--name", "Acme AB")
    result = run_cli("sync")
    assert result.exit_code == 0, result.stderr
    assert "(1 change(s))" in result.stdout
    assert len(list(shared.glob("*/*.hubsync"))) == 1


def test_a_second_sync_of_the_same_database_is_refused(
    new_device: Callable[[str], Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = new_device("laptop")
    shared = tmp_path / "shared"
    shared.mkdir()
    monkeypatch.setattr(folder_sync, "LOCK_TIMEOUT_S", 0.1)
    assert laptop.path is not None
    held = FileLock(laptop.path.with_name(laptop.path.name + ".sync.lock"))
    with held, pytest.raises(UserError, match="Another sync of this database is running"):
        sync_folder(laptop, shared)


def test_a_laptop_restored_from_an_old_copy_gets_its_own_files_back(
    new_device: Callable[[str], Store], tmp_path: Path
) -> None:
    laptop = new_device("laptop")
    shared = tmp_path / "shared"
    shared.mkdir()
    assert laptop.path is not None
    old_copy = tmp_path / "old-copy.db"
    shutil.copyfile(laptop.path, old_copy)
    with laptop.write() as writer:
        writer.insert("organisation", {"name": "Entered after the copy"})
    sync_folder(laptop, shared)
    before = state(laptop)
    laptop.close()
    shutil.copyfile(old_copy, laptop.path)  # the disk died; yesterday's copy comes back
    for suffix in ("-wal", "-shm"):
        Path(str(laptop.path) + suffix).unlink(missing_ok=True)
    restored = open_store(laptop.path)
    try:
        report = sync_folder(restored, shared)
        assert report.total.new == 1
        assert state(restored) == before
    finally:
        restored.close()


def test_a_full_sync_folder_is_one_sentence_and_loses_nothing(
    new_device: Callable[[str], Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = new_device("laptop")
    shared = tmp_path / "shared"
    shared.mkdir()
    with laptop.write() as writer:
        writer.insert("organisation", {"name": "Acme AB"})

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(folder_sync, "write_atomically", full)
        with pytest.raises(UserError, match="No space left on device"):
            sync_folder(laptop, shared)
    report = sync_folder(laptop, shared)  # space again: the same change goes now
    assert [count for _, count in report.written] == [1]


def test_history_of_an_erased_person_shows_the_erasure(
    new_device: Callable[[str], Store], run_cli: Any
) -> None:
    from hubtui.safety.erasure import erase_contact
    from hubtui.store.erasure import ERASED_TEXT

    laptop = new_device("laptop")
    with laptop.write() as writer:
        contact = writer.insert("contact", {"name": "Eva Ek", "email": "eva@example.se"})
    erase_contact(laptop, contact)
    assert laptop.path is not None
    result = run_cli("sync", "history", "contact", contact, "--format", "json", db=laptop.path)
    assert result.exit_code == 0, result.stderr
    assert "Eva Ek" not in result.stdout and ERASED_TEXT in result.stdout
    assert "!erased" in result.stdout


def test_export_then_import_by_file(run_cli: Any, tmp_path: Path, new_device: Any) -> None:
    run_cli("org", "add", "--name", "Acme AB")
    out = tmp_path / "hub.hubsync"
    first = run_cli("sync", "export", "--out", str(out))
    assert first.exit_code == 0 and "Wrote 1 change(s)" in first.stdout
    again = run_cli("sync", "export", "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run_cli("sync", "export", "--out", str(out), "--force").exit_code == 0
    other = new_device("other")
    assert other.path is not None
    imported = run_cli("sync", "import", str(out), db=other.path)
    assert imported.exit_code == 0, imported.stderr
    assert "1 new change(s) of 1; 1 record(s) updated" in imported.stdout


def test_a_file_that_cannot_be_applied_is_skipped_and_the_rest_import(
    new_device: Callable[[str], Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import IntegrityError

    shared = tmp_path / "shared"
    shared.mkdir()
    for name in ("first", "second"):
        source = new_device(name)
        with source.write() as writer:
            writer.insert("organisation", {"name": f"Org of {name}"})
        sync_folder(source, shared)
    target = new_device("target")
    real = folder_sync.import_changes
    calls: list[int] = []

    def fails_once(writer: Any, records: Any) -> Any:
        calls.append(1)
        result = real(writer, records)
        if len(calls) == 1:
            raise IntegrityError("INSERT …", {}, Exception("UNIQUE constraint failed: x"))
        return result

    monkeypatch.setattr(folder_sync, "import_changes", fails_once)
    report = sync_folder(target, shared)
    assert len(report.rejected) == 1 and "could not be applied" in report.rejected[0][1]
    assert len(report.imported) == 1
    assert len(state(target)["organisation"]) == 1  # the failed file left nothing behind


def test_the_folder_given_is_remembered_once(
    run_cli: Any, tmp_path: Path, isolated_home: Path
) -> None:
    from hubtui.config import load_config

    shared = tmp_path / "shared"
    shared.mkdir()
    config = isolated_home / "config" / "hubtui" / "config.toml"
    first = run_cli("sync", "--folder", str(shared))
    assert first.exit_code == 0, first.stderr
    assert f"Remembered {shared.resolve()} as the sync folder" in first.stdout
    assert load_config(config).sync_folder == str(shared.resolve())
    again = run_cli("sync", "--folder", str(shared))
    assert again.exit_code == 0, again.stderr
    assert "Remembered" not in again.stdout
    alone = run_cli("sync")
    assert alone.exit_code == 0, alone.stderr
    assert "Remembered" not in alone.stdout


def test_history_of_an_organisation_by_its_orgnr_in_words_and_in_swedish(
    run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def out(*args: str) -> str:
        result = run_cli(*args)
        assert result.exit_code == 0, result.stderr
        return str(result.stdout)

    out("org", "add", "--name", "Acme AB", "--orgnr", "556036-0793")
    out("org", "edit", "556036-0793", "--employees", "12")
    table = out("sync", "history", "556036-0793")
    assert "(created)" in table and "employees" in table and "current" in table
    assert out("sync", "history", "organisation", "Acme") == table
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    table = out("sync", "history", "556036-0793")
    assert "(skapad)" in table and "anställda" in table and "gällande" in table
