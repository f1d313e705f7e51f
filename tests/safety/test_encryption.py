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
keyring = pytest.importorskip("keyring", reason="the encryption extra is not installed")
keyring_backend = pytest.importorskip("keyring.backend")

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


def _plain_database(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(encryption.KEY_ENV)
    assert run_cli("org", "add", "--name", "Hemliga Verkstaden AB").exit_code == 0
    added = run_cli("contact", "add", "--org", "Hemliga Verkstaden AB", "--name", "Greta Gömd")
    assert added.exit_code == 0, added.output
    assert run_cli("backup").exit_code == 0
    monkeypatch.setenv(encryption.KEY_ENV, KEY)


def _readable(path: Path) -> bool:
    raw = path.read_bytes()
    return raw.startswith(b"SQLite format 3") or "Gömd".encode() in raw


def test_encrypt_then_decrypt_in_place(
    run_cli: RunCli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _plain_database(run_cli, monkeypatch)
    done = run_cli("encrypt")
    assert done.exit_code == 0, done.output
    assert "Encrypted" in done.stdout and "before-encrypt" in done.stdout
    backups = [b.path for b in list_backups(db_path)]
    assert {b.reason for b in list_backups(db_path)} >= {"before-encrypt", "manual"}
    for path in (db_path, *backups):  # the plain bytes are gone from every copy
        assert not _readable(path), path
    assert not [p for p in db_path.parent.rglob("*") if ".partial-" in p.name]
    listed = json.loads(run_cli("contact", "list", "--format", "json").stdout)
    assert [c["name"] for c in listed] == ["Greta Gömd"]
    doctor = run_cli("doctor")
    assert "integrity check: ok" in doctor.stdout, doctor.output
    again = run_cli("encrypt")
    assert again.exit_code == 2 and "already encrypted" in again.stderr

    undone = run_cli("decrypt")
    assert undone.exit_code == 0, undone.output
    monkeypatch.delenv(encryption.KEY_ENV)
    assert db_path.read_bytes().startswith(b"SQLite format 3")
    for info in list_backups(db_path):
        assert info.path.read_bytes().startswith(b"SQLite format 3"), info.path
    listed = json.loads(run_cli("contact", "list", "--format", "json").stdout)
    assert [c["name"] for c in listed] == ["Greta Gömd"]


def test_encrypt_refuses_while_another_hubtui_has_it_open(
    run_cli: RunCli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hubtui.store import open_store

    _plain_database(run_cli, monkeypatch)
    before = sha256(db_path)
    monkeypatch.delenv(encryption.KEY_ENV)
    other = open_store(db_path)  # a plain hubtui that has the database open
    try:
        with other.read() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM organisation").scalar()
        monkeypatch.setenv(encryption.KEY_ENV, KEY)
        refused = run_cli("encrypt")
    finally:
        other.close()
    assert refused.exit_code == 2 and "Another hubtui has the database" in refused.stderr
    assert sha256(db_path) == before


def test_encrypt_without_a_key_is_refused(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    _plain_database(run_cli, monkeypatch)
    monkeypatch.delenv(encryption.KEY_ENV)
    refused = run_cli("encrypt")
    assert refused.exit_code == 2 and "There is no key" in refused.stderr


class MemoryKeyring(keyring_backend.KeyringBackend):  # type: ignore[misc]
    """A keyring that keeps its passwords in memory (a test backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


def test_the_key_from_the_keyring(
    run_cli: RunCli, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(encryption.KEY_ENV)
    backend = MemoryKeyring()
    backend.set_password(encryption.KEYRING_SERVICE, encryption.KEYRING_NAME, KEY)
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    encryption._keyring_key.cache_clear()
    try:
        assert run_cli("org", "add", "--name", "Hemliga Verkstaden AB").exit_code == 0
        raw = db_path.read_bytes()
        assert not raw.startswith(b"SQLite format 3") and b"Hemliga" not in raw
        listed = json.loads(run_cli("org", "list", "--format", "json").stdout)
        assert [o["name"] for o in listed] == ["Hemliga Verkstaden AB"]
        backend.set_password(encryption.KEYRING_SERVICE, encryption.KEYRING_NAME, "fel")
        encryption._keyring_key.cache_clear()
        wrong = run_cli("org", "list")
        assert wrong.exit_code == 2 and "the key is wrong" in wrong.stderr
    finally:
        keyring.set_keyring(previous)
        encryption._keyring_key.cache_clear()
