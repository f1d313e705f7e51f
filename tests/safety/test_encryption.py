"""Encryption at rest (SQLCipher, the `encryption` extra): nothing readable without the key."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from safety_data import sha256

from hubtui.store import encryption
from hubtui.store.backups import list_backups

pytest.importorskip(
    "sqlcipher3", reason="the encryption extra is not installed (pip install 'hubtui[encryption]')"
)

RunCli = Callable[..., Result]
KEY = "korrekt häst batteri ' häftklammer"  # a quote in the key must not break anything


@pytest.fixture(autouse=True)
def key(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(encryption.KEY_ENV, KEY)
    return KEY


def test_encrypted_database_round_trip(run_cli: RunCli, db_path: Path, tmp_path: Path) -> None:
    assert run_cli("org", "add", "--name", "Hemliga Verkstaden AB").exit_code == 0
    added = run_cli("contact", "add", "--org", "Hemliga Verkstaden AB", "--name", "Greta Gömd")
    assert added.exit_code == 0, added.output
    listed = json.loads(run_cli("contact", "list", "--format", "json").stdout)
    assert [c["name"] for c in listed] == ["Greta Gömd"]

    backup = tmp_path / "copy.db"
    assert run_cli("backup", "--out", str(backup)).exit_code == 0
    for path in (db_path, backup):
        raw = path.read_bytes()
        assert not raw.startswith(b"SQLite format 3")
        assert b"Hemliga" not in raw and "Gömd".encode() not in raw

    doctor = run_cli("doctor")
    assert doctor.exit_code == 0, doctor.output
    assert "integrity check: ok" in doctor.stdout and "encrypted (SQLCipher)" in doctor.stdout

    assert run_cli("org", "add", "--name", "Efter AB").exit_code == 0
    assert run_cli("restore", str(backup)).exit_code == 0
    orgs = json.loads(run_cli("org", "list", "--format", "json").stdout)
    assert [o["name"] for o in orgs] == ["Hemliga Verkstaden AB"]
    kept = list_backups(db_path)
    assert {b.reason for b in kept} == {"before-restore", "daily"}
    for info in kept:  # the automatic backups are encrypted with the same key
        assert not info.path.read_bytes().startswith(b"SQLite format 3")


def test_erasure_in_an_encrypted_database(run_cli: RunCli, db_path: Path) -> None:
    run_cli("org", "add", "--name", "Exempel AB")
    contact = run_cli("contact", "add", "--org", "Exempel AB", "--name", "Greta Gömd").stdout
    result = run_cli("contact", "erase", contact.strip(), "--yes")
    assert result.exit_code == 0, result.output
    listed = json.loads(run_cli("contact", "list", "--format", "json").stdout)
    assert listed == []


def test_wrong_key_gets_a_sentence_and_changes_nothing(
    run_cli: RunCli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("org", "add", "--name", "Exempel AB").exit_code == 0
    before = sha256(db_path)
    monkeypatch.setenv(encryption.KEY_ENV, "fel nyckel")
    result = run_cli("org", "list")
    assert result.exit_code == 2
    assert result.stderr.startswith("hubtui: ") and "the key is wrong" in result.stderr
    assert "ERROR" not in result.output and "Traceback" not in result.output
    assert sha256(db_path) == before
    monkeypatch.delenv(encryption.KEY_ENV)
    plain = run_cli("org", "list")  # without a key it is not a database at all
    assert plain.exit_code == 2 and "not a SQLite file" in plain.stderr


def test_key_without_the_extra_installed(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encryption, "_sqlcipher_module", lambda: None)
    result = run_cli("org", "list")
    assert result.exit_code == 2
    assert "hubtui[encryption]" in result.stderr
