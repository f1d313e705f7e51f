"""Erasing a person leaves no trace of their name or e-mail in any file; export shows all."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from safety_data import PERSON_EMAIL, PERSON_NAME, Filled, database_files, raw_bytes_contain
from sqlalchemy import select

from hubtui.safety.erasure import erase_contact
from hubtui.services.contacts import update_contact
from hubtui.services.history import history
from hubtui.store import open_store, tables
from hubtui.store.backups import backup_database, list_backups
from hubtui.store.erasure import (
    ERASED_FIELD,
    REDACTED,
    accepts_erasure_record,
    erased_ids,
    settle_erasures,
)

RunCli = Callable[..., Result]
CHANGE = tables.CHANGE


def all_files(db: Path) -> list[Path]:
    return database_files(db) + [info.path for info in list_backups(db)]


def test_erase_removes_every_byte_of_the_person(run_cli: RunCli, filled: Filled) -> None:
    store = open_store(filled.path)
    # Older versions of the record linger in free space and the WAL unless erased for real.
    update_contact(store, filled.contact_id, role="Styrelseordförande", phone="+46 70 999 99 99")
    store.close()
    backup_database(filled.path)
    assert raw_bytes_contain(all_files(filled.path), PERSON_NAME)

    result = run_cli("contact", "erase", filled.contact_id, "--yes")
    assert result.exit_code == 0, result.output
    assert "1 backup(s) and 0 sync file(s) cleaned" in result.stdout

    backup_database(filled.path)  # a new backup after the erasure
    files = all_files(filled.path)
    assert len(list_backups(filled.path)) == 2
    for text in (PERSON_NAME, PERSON_EMAIL, "Quarnstr", "wilhelmina"):
        assert raw_bytes_contain(files, text) == []
    assert raw_bytes_contain([filled.path], "Olle Kvar")  # the other contact stays


def test_erasure_is_recorded_and_history_redacted(filled: Filled) -> None:
    store = open_store(filled.path)
    update_contact(store, filled.contact_id, role="Styrelseordförande", phone="+46 70 999 9999")
    result = erase_contact(store, filled.contact_id)
    assert result.records_redacted == 3
    with store.read() as conn:
        assert erased_ids(conn) == {filled.contact_id}
        rows = conn.execute(
            select(CHANGE.c.field, CHANGE.c.value).where(CHANGE.c.entity_id == filled.contact_id)
        ).all()
        remaining = conn.exec_driver_sql(
            "SELECT count(*) FROM contact WHERE id = ?", (filled.contact_id,)
        ).scalar()
    assert remaining == 0
    records = dict(rows)
    assert set(records) == {"*", "role", "phone", ERASED_FIELD}
    assert records["role"] == records["phone"] == REDACTED
    inserted = json.loads(records["*"])
    assert inserted["name"] == inserted["email"] == inserted["role"] == "[erased]"
    assert inserted["organisation_id"] == filled.organisation_id  # not about the person
    shown = history(store, "contact", filled.contact_id)  # the history still reads
    assert len(shown) == 4
    again = erase_contact(store, filled.contact_id)  # idempotent: nothing more to redact
    assert again.records_redacted == 0
    store.close()


def test_sync_helpers_erase_what_arrives(filled: Filled) -> None:
    store = open_store(filled.path)
    erase_contact(store, filled.contact_id)
    with store.write() as writer:  # a late record about the person arrives from elsewhere
        writer.conn.execute(
            CHANGE.insert().values(
                id="late-record",
                entity="contact",
                entity_id=filled.contact_id,
                field="email",
                value=json.dumps("new@example.se"),
                hlc="9999999999999.000000",
                origin="other-device",
                advisor="",
                recorded_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                seq=10_000,
            )
        )
        left = settle_erasures(
            writer.conn, {("contact", filled.contact_id), ("organisation", filled.organisation_id)}
        )
        assert left == {("organisation", filled.organisation_id)}
        late = writer.conn.execute(
            select(CHANGE.c.value).where(CHANGE.c.id == "late-record")
        ).scalar()
    assert late == REDACTED
    assert accepts_erasure_record("contact", ERASED_FIELD)
    assert not accepts_erasure_record("contact", "email")
    assert not accepts_erasure_record("organisation", ERASED_FIELD)
    store.close()


def test_restore_of_an_old_backup_keeps_the_person_erased(
    run_cli: RunCli, filled: Filled, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.db"
    backup_database(filled.path, outside)  # not in the backups folder: erasure can't clean it
    assert run_cli("contact", "erase", filled.contact_id, "--yes").exit_code == 0
    result = run_cli("restore", str(outside))
    assert result.exit_code == 0, result.output
    assert raw_bytes_contain(database_files(filled.path), PERSON_NAME) == []
    listed = run_cli("contact", "list", "--format", "json")
    names = [c["name"] for c in json.loads(listed.stdout)]
    assert names == ["Olle Kvar"]


def test_export_holds_everything_and_is_private(
    run_cli: RunCli, filled: Filled, tmp_path: Path
) -> None:
    out = tmp_path / "access.json"
    result = run_cli("contact", "export", filled.contact_id, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["contact"]["name"] == PERSON_NAME
    assert data["contact"]["email"] == PERSON_EMAIL
    assert data["organisation"]["name"] == "Exempel AB"
    assert data["history"][0]["what"] == "created"
    assert data["history"][0]["value"]["name"] == PERSON_NAME

    again = run_cli("contact", "export", filled.contact_id, "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.stderr
    forced = run_cli("contact", "export", filled.contact_id, "--out", str(out), "--force")
    assert forced.exit_code == 0


def test_erase_and_export_refuse_unknown_and_erased(run_cli: RunCli, filled: Filled) -> None:
    unknown = run_cli("contact", "erase", "no-such-id", "--yes")
    assert unknown.exit_code == 2 and "no contact" in unknown.stderr
    assert run_cli("contact", "erase", filled.contact_id, "--yes").exit_code == 0
    exported = run_cli("contact", "export", filled.contact_id)
    assert exported.exit_code == 2 and "erased" in exported.stderr


def test_erase_asks_first(run_cli: RunCli, filled: Filled) -> None:
    declined = run_cli("contact", "erase", filled.contact_id, input="n\n")
    assert declined.exit_code == 1
    assert raw_bytes_contain([filled.path], PERSON_NAME)
