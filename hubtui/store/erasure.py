"""Erasing a person's data in the database and its backups (GDPR article 17), below every feature.

An erasure deletes the contact row outright (no tombstone), replaces every personal value in
its change records (name, role, e-mail, phone) with "[erased]", and appends one change record
of its own (field `ERASED_FIELD`) that says only that the person was erased. That record
travels with sync like any other; a device that imports it calls `settle_erasures`, which
erases there too. `compact` rewrites the file (VACUUM, then a WAL checkpoint that truncates
the WAL) with `secure_delete` on, so the person's name and e-mail are no longer anywhere in
the database file or its WAL; `erase_in_backups` gives the backups the same treatment.

This is the one place that rewrites change records; it bypasses the write path on purpose.
The use case that ties it together is `hubtui.safety.erasure.erase_contact`; the sync folders
are redacted by `hubtui.sync.redaction`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, create_engine, delete, event, inspect, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from hubtui.errors import DatabaseError
from hubtui.store import tables
from hubtui.store.backups import list_backups
from hubtui.store.encryption import SQLITE_ERRORS
from hubtui.store.engine import file_connection, read_only_connection
from hubtui.store.store import Store
from hubtui.store.tables import synced_table

ERASED_FIELD = "!erased"  # the field of the change record that announces an erasure
ERASED_VALUE = "true"
ERASED_TEXT = "[erased]"  # what an erased person's values read as in the history
REDACTED = json.dumps(ERASED_TEXT)  # the JSON value of a redacted field record
# rows that describe a natural person, and the fields that identify them
PERSONAL_FIELDS: dict[str, tuple[str, ...]] = {"contact": ("name", "role", "email", "phone")}
PERSONAL_ENTITIES = frozenset(PERSONAL_FIELDS)
_CHANGE = tables.CHANGE
_CLEANING_FAILURES: tuple[type[Exception], ...] = (
    *SQLITE_ERRORS,
    SQLAlchemyError,
    DatabaseError,
    OSError,
)


def erased_ids(conn: Connection, entity: str = "contact") -> set[str]:
    """The ids of `entity` rows erased in this database (sync skips records about them)."""
    rows = conn.execute(
        select(_CHANGE.c.entity_id).where(
            _CHANGE.c.entity == entity, _CHANGE.c.field == ERASED_FIELD
        )
    )
    return set(rows.scalars())


def apply_erasure(conn: Connection, entity: str, entity_id: str) -> int:
    """Delete the row and redact its change records, inside the caller's transaction.

    The erasure record itself is left as it is. Returns how many records were redacted.
    """
    if entity not in PERSONAL_ENTITIES:
        raise ValueError(f"{entity} rows are not erased, only {sorted(PERSONAL_ENTITIES)}")
    table = synced_table(entity)
    conn.execute(delete(table).where(table.c.id == entity_id))
    if "sync_pending" in inspect(conn).get_table_names():  # absent before schema 0002
        conn.execute(
            text("DELETE FROM sync_pending WHERE entity = :entity AND entity_id = :id"),
            {"entity": entity, "id": entity_id},
        )
    personal = PERSONAL_FIELDS[entity]
    of_row = (_CHANGE.c.entity == entity, _CHANGE.c.entity_id == entity_id)
    done = conn.execute(
        update(_CHANGE)
        .where(*of_row, _CHANGE.c.field.in_(personal), _CHANGE.c.value != REDACTED)
        .values(value=REDACTED)
    )
    redacted = int(done.rowcount or 0)
    inserts = conn.execute(
        select(_CHANGE.c.id, _CHANGE.c.value).where(*of_row, _CHANGE.c.field == "*")
    )
    for record_id, text_value in inserts.all():
        clean = redacted_value(entity, "*", text_value)
        if clean != text_value:
            conn.execute(update(_CHANGE).where(_CHANGE.c.id == record_id).values(value=clean))
            redacted += 1
    return redacted


def redacted_value(entity: str, field: str, value: str) -> str:
    """The value (JSON text) of a change record of an erased row, without the personal data."""
    personal = PERSONAL_FIELDS[entity]
    if field in personal:
        return REDACTED
    if field != "*":
        return value
    values = json.loads(value)
    if not isinstance(values, dict):
        return value
    clean = {k: ERASED_TEXT if k in personal and v else v for k, v in values.items()}
    return (
        value if clean == values else json.dumps(clean, ensure_ascii=False, separators=(",", ":"))
    )


def compact(store: Store) -> None:
    """Rewrite the SQLite file without free pages and empty its WAL, so deleted bytes go."""
    error: Exception | None = None
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        try:
            raw.execute("PRAGMA secure_delete=ON")
            raw.execute("VACUUM")
            busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except SQLITE_ERRORS as e:
            busy, error = 1, e
    if busy:
        if error:
            raise DatabaseError(
                "The person is erased, but {label} could not be compacted while another hubtui "
                "is using it ({reason}); close it and run the same erase command again to clear "
                "the old bytes.",
                label=store.label,
                reason=error,
            )
        raise DatabaseError(
            "The person is erased, but {label} could not be compacted while another hubtui is "
            "using it; close it and run the same erase command again to clear the old bytes.",
            label=store.label,
        )


def _erasure_records(path: Path) -> list[dict[str, Any]]:
    conn = read_only_connection(path)
    try:
        cursor = conn.execute("SELECT * FROM change WHERE field = ?", (ERASED_FIELD,))
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    finally:
        conn.close()
    return [dict(zip(names, row, strict=True)) for row in rows]


def copy_erasures(source: Path, target: Path) -> int:
    """Apply every erasure recorded in `source` to the database file `target`."""
    records = _erasure_records(source)
    if records:
        _erase_in_file(target, records)
    return len(records)


def count_erasures(path: Path) -> int:
    """How many erasure records the database file at `path` holds."""
    conn = read_only_connection(path)
    try:
        return int(
            conn.execute("SELECT count(*) FROM change WHERE field = ?", (ERASED_FIELD,)).fetchone()[
                0
            ]
        )
    finally:
        conn.close()


def erase_in_backups(db_path: Path) -> tuple[int, list[Path]]:
    """Apply the database's erasures to each backup in its backups folder."""
    records = _erasure_records(db_path)
    cleaned, failed = 0, []
    for info in list_backups(db_path):
        try:
            _check_backup(info.path)
            _erase_in_file(info.path, records)
            cleaned += 1
        except _CLEANING_FAILURES:
            # a damaged copy (kept aside, or cut short) cannot be rewritten: skip and report it
            failed.append(info.path)
    return cleaned, failed


def _check_backup(path: Path) -> None:
    """Raise DatabaseError unless `path` is a healthy hubtui database with a change log."""
    conn = read_only_connection(path)
    try:
        ok = [row[0] for row in conn.execute("PRAGMA quick_check(1)")] == ["ok"]
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    if not ok or not {"change", "contact"} <= tables:
        raise DatabaseError("The backup {path} is damaged.", path=path)


def _erase_in_file(path: Path, records: Iterable[Mapping[str, Any]]) -> None:
    """Apply erasure records to a SQLite file that is not open elsewhere (a backup or a
    staged restore), then rewrite it so no free page keeps the old bytes."""
    engine = create_engine("sqlite://", creator=lambda: file_connection(path))

    @event.listens_for(engine, "connect")
    def _secure(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA secure_delete=ON")

    try:
        with engine.begin() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("change")}
            present = set(
                conn.execute(select(_CHANGE.c.id).where(_CHANGE.c.field == ERASED_FIELD)).scalars()
            )
            for record in records:
                if record["id"] not in present:
                    _insert_raw_record(conn, record, columns)
                apply_erasure(conn, record["entity"], record["entity_id"])
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            raw.execute("VACUUM")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


def _insert_raw_record(conn: Connection, record: Mapping[str, Any], columns: set[str]) -> None:
    """Copy a change record as stored (text values, no type conversion) into another file."""
    values = {k: v for k, v in record.items() if k in columns and k != "seq"}
    if "seq" in columns:  # the next arrival number in that database
        values["seq"] = (conn.execute(text("SELECT max(seq) FROM change")).scalar() or 0) + 1
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    conn.execute(text(f"INSERT INTO change ({names}) VALUES ({marks})"), values)


def settle_erasures(conn: Connection, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """For sync, after storing imported records: erase each row among `keys` that has an
    erasure record (redacting what just arrived too); returns the keys still to rebuild."""
    keys = set(keys)
    personal = {entity for entity, _ in keys if entity in PERSONAL_ENTITIES}
    erased = {(entity, row_id) for entity in personal for row_id in erased_ids(conn, entity)}
    for entity, row_id in keys & erased:
        apply_erasure(conn, entity, row_id)
    return keys - erased


def accepts_erasure_record(entity: str, field: str) -> bool:
    """For sync's record checks: an erasure record is valid for a personal entity even though
    its field is not a column (redacted records are ordinary records)."""
    return entity in PERSONAL_ENTITIES and field == ERASED_FIELD
