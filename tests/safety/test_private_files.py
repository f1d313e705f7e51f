"""Every file that can hold personal data is 0600 and every folder hubtui creates 0700, with
any umask; the TUI's error log keeps no personal data and rotates."""

from __future__ import annotations

import csv
import logging
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from openpyxl import Workbook
from sqlalchemy import text

from hubtui.store import open_store
from hubtui.sync.folder import sync_lock
from hubtui.ui import errors as error_log

RunCli = Callable[..., Result]
PERSON = "Wilhelmina Quarnström"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The loosest umask: what hubtui makes private, it makes private itself."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_rejected_rows_and_saved_mapping_are_private(run_cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "kontakter.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(
            [["Företag", "Org.nr"], ["Bra AB", "556036-0793"], [PERSON, "556036-0794"]]
        )
    sheet.chmod(0o644)
    mapping = tmp_path / "new" / "folder" / "mapping.toml"
    result = run_cli("import", str(sheet), "--save-mapping", str(mapping))
    assert result.exit_code == 0, result.stderr
    rejected = sheet.with_name("kontakter.rejected.csv")
    assert PERSON in rejected.read_text(encoding="utf-8-sig")
    assert mode(rejected) == 0o600 and mode(mapping) == 0o600
    assert mode(mapping.parent) == 0o700 and mode(mapping.parent.parent) == 0o700

    book = tmp_path / "kontakter.xlsx"
    workbook = Workbook()
    workbook.active.append(["Företag", "Org.nr"])  # type: ignore[union-attr]
    workbook.active.append([PERSON, "556036-0794"])  # type: ignore[union-attr]
    workbook.save(book)
    assert run_cli("import", str(book)).exit_code == 0
    assert mode(book.with_name("kontakter.rejected.xlsx")) == 0o600


def test_database_folders_and_lock_files_are_private(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "hub.db"
    store = open_store(path)
    try:
        with sync_lock(store):
            lock = path.with_name("hub.db.sync.lock")
            assert mode(lock) == 0o600
    finally:
        store.close()
    assert mode(path) == 0o600
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700


def test_the_error_log_holds_no_personal_data_and_rotates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "logs" / "deep" / "hubtui.log"
    monkeypatch.setattr(error_log, "log_path", lambda: log)
    monkeypatch.setattr(error_log, "LOG_BYTES", 4000)
    for handler in list(error_log._logger.handlers):
        error_log._logger.removeHandler(handler)
    store = open_store(tmp_path / "hub.db")
    try:
        with store.write() as writer:
            writer.insert("organisation", {"name": "Bra AB", "orgnr": "556036-0793"})
        try:
            with store.write() as writer:  # a statement whose parameters name a person
                writer.conn.execute(
                    text("INSERT INTO organisation (id, name, orgnr) VALUES (:id, :n, :o)"),
                    {"id": "x", "n": PERSON, "o": "556036-0793"},
                )
        except Exception as e:  # the unexpected error the app would log
            caught: BaseException = e
    finally:
        store.close()
    try:
        raise RuntimeError(f"something about {PERSON}") from caught
    except RuntimeError as outer:
        for _ in range(10):
            error_log.log_unexpected(outer)
    for handler in error_log._logger.handlers:
        handler.flush()
    files = sorted(log.parent.iterdir())
    assert [f.name for f in files] == ["hubtui.log", *(f"hubtui.log.{n}" for n in (1, 2, 3))]
    for file in files:
        assert mode(file) == 0o600
        content = file.read_text(encoding="utf-8")
        assert PERSON not in content and "556036-0793" not in content
    content = log.read_text(encoding="utf-8")
    assert "INSERT INTO organisation (id, name, orgnr) VALUES (?, ?, ?)" in content
    assert "IntegrityError" in content and error_log.LEFT_OUT in content
    assert mode(log.parent) == 0o700 and mode(log.parent.parent) == 0o700
    for handler in list(error_log._logger.handlers):
        handler.close()
        error_log._logger.removeHandler(handler)
    logging.getLogger("hubtui.ui").handlers.clear()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--db", "", "org", "list"], "--db is empty"),
        (["--db", "  ", "org", "list"], "--db is empty"),
        (["--db", "{missing}/hub.db", "org", "list"], "does not exist; create it first"),
        (["--db", "{missing}/hub.db", "backup"], "does not exist; create it first"),
    ],
)
def test_db_option_blank_or_in_a_missing_folder_is_refused(
    run_cli: RunCli, tmp_path: Path, args: list[str], words: str
) -> None:
    missing = tmp_path / "no" / "such"
    result = run_cli(*(a.replace("{missing}", str(missing)) for a in args), db="")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert words in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "no").exists()
