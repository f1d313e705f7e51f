"""The one write path. Every insert, update and delete of a synced table goes through a
`Writer`, which changes the row and appends its change records in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from hubtui.errors import UserError
from hubtui.store import hlc, tables
from hubtui.store.bulk import insert_rows, insert_tuples
from hubtui.store.codec import (
    encode,
    encode_insert,
    insert_encoder,
    recorded_columns,
    to_json_value,
)
from hubtui.store.derive import derived_values
from hubtui.store.ids import new_id
from hubtui.store.models import DERIVED
from hubtui.store.tables import column_defaults, synced_table

_CHANGE = tables.CHANGE
_STATE = tables.LOCAL_STATE
_BULK_CHUNK = 5_000
# A change record as the Writer queues it: a tuple in the change table's column order.
CHANGE_COLUMNS = ("id", "entity", "entity_id", "field", "value", "hlc", "origin", "advisor",
                  "recorded_at", "seq")  # fmt: skip


@cache
def _recorded(entity: str) -> frozenset[str]:
    return frozenset(recorded_columns(entity))


@cache
def _blank_row(entity: str) -> dict[str, Any]:
    """Each recorded column of `entity` with the value a new row takes when not given one."""
    defaults = column_defaults(synced_table(entity))
    return {name: defaults.get(name) for name in recorded_columns(entity)}


@cache
def _remote_fields() -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A change record's values in the change table's column order, up to `seq` (last)."""
    names = [column.name for column in _CHANGE.columns]
    assert names[-1] == "seq"
    return itemgetter(*names[:-1])


def _check_columns(entity: str, values: Mapping[str, Any]) -> None:
    unknown = set(values) - _recorded(entity)
    if unknown:
        raise ValueError(f"{entity} has no recorded column(s) {sorted(unknown)}")


class Writer:
    """Writes inside one open transaction; made by `Store.write()`."""

    def __init__(self, conn: Connection, *, origin: str, advisor: str) -> None:
        self.conn = conn
        self.origin = origin
        self.advisor = advisor
        # FOR UPDATE (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers): one
        # writer at a time keeps the clock strictly increasing and makes `seq` (arrival order)
        # match commit order, so a sync cursor on `seq` never skips a late commit.
        self._clock = conn.execute(
            select(_STATE.c.value).where(_STATE.c.key == "hlc").with_for_update()
        ).scalar()
        self._seq: int = conn.execute(select(func.max(_CHANGE.c.seq))).scalar() or 0
        self._pending: list[tuple[Any, ...]] = []  # change records, in the table's column order

    # --- clock and change records -------------------------------------------------------
    def _stamp(self) -> str:
        self._clock = hlc.tick(self._clock)
        return self._clock

    def observe(self, remote: str) -> None:
        """Move the clock past a stamp imported from another device."""
        self._clock = hlc.observe(self._clock, remote)

    def _record(self, entity: str, entity_id: str, field: str, value_json: str) -> None:
        self._pending.append(
            (
                new_id(),
                entity,
                entity_id,
                field,
                value_json,
                self._stamp(),
                self.origin,
                self.advisor,
                dt.datetime.now(dt.UTC),
                self._next_seq(),
            )
        )
        if len(self._pending) >= _BULK_CHUNK:
            self.flush()

    def _record_inserts(self, entity: str, records: list[tuple[str, str]]) -> None:
        """Append the insert records (row id, value) of rows written in bulk: stamped with
        the clock read once and one time of recording, as `_record` would one by one."""
        if not records:
            return
        stamps = hlc.ticks(self._clock, len(records))
        self._clock = stamps[-1]
        now = dt.datetime.now(dt.UTC)
        origin, advisor, seq = self.origin, self.advisor, self._seq
        self._seq += len(records)
        self._pending += [
            (new_id(), entity, row_id, "*", value, stamp, origin, advisor, now, number)
            for (row_id, value), stamp, number in zip(
                records, stamps, range(seq + 1, self._seq + 1), strict=True
            )
        ]
        if len(self._pending) >= _BULK_CHUNK:
            self.flush()

    def _next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def add_remote_changes(self, records: Iterable[Mapping[str, Any]]) -> int:
        """Store change records made on another device as they are (sync only); each gets
        this database's next arrival number. Returns how many were stored."""
        self.flush()
        take = _remote_fields()  # other keys of the records are left out
        rows = [(*take(record), seq) for seq, record in enumerate(records, self._seq + 1)]
        self._seq += len(rows)
        insert_tuples(self.conn, _CHANGE, rows)
        return len(rows)

    def record_notice(self, entity: str, entity_id: str, field: str, value_json: str) -> None:
        """Append a change record that names no column (an erasure notice): stamped with the
        clock, this device and the advisor like every other, so it travels with sync."""
        if field in recorded_columns(entity) or field == "*":
            raise ValueError(f"{field!r} is a column of {entity}; use update()")
        self._record(entity, entity_id, field, value_json)

    def record_only(self, entity: str, entity_id: str, values: Mapping[str, Any]) -> None:
        """Append change records for a row that sync is about to create with `apply_remote`."""
        _check_columns(entity, values)
        for field, value in values.items():
            self._record(entity, entity_id, field, encode(value))

    def record_existing(self, entity: str, row: Mapping[str, Any]) -> None:
        """Append the insert record of a row already in the table but never recorded (written
        around the write path): its recorded columns as they are now."""
        snapshot = {name: to_json_value(row.get(name)) for name in recorded_columns(entity)}
        snapshot["deleted"] = bool(snapshot.get("deleted") or False)
        self._record(entity, row["id"], "*", encode_insert(entity, snapshot))

    def flush(self) -> None:
        """Write queued change records and the clock (called on commit)."""
        if self._pending:
            insert_tuples(self.conn, _CHANGE, self._pending)
            self._pending = []
        if self._clock:
            self._save_clock()

    def _save_clock(self) -> None:
        done = self.conn.execute(
            update(_STATE).where(_STATE.c.key == "hlc").values(value=self._clock)
        )
        if done.rowcount == 0:
            self.conn.execute(insert(_STATE).values(key="hlc", value=self._clock))

    # --- the write operations ------------------------------------------------------------
    def insert(self, entity: str, values: Mapping[str, Any], *, id: str | None = None) -> str:
        """Insert one row; returns its id."""
        return self.insert_many(entity, [values], ids=[id] if id else None)[0]

    def insert_many(
        self, entity: str, rows: Iterable[Mapping[str, Any]], *, ids: list[str] | None = None
    ) -> list[str]:
        """Insert rows in bulk (one statement per chunk), each with its insert record."""
        table = synced_table(entity)
        allowed, blank = _recorded(entity), _blank_row(entity)
        encode_row, derives = insert_encoder(entity), entity in DERIVED
        out: list[str] = []
        batch: list[dict[str, Any]] = []
        records: list[tuple[str, str]] = []
        for index, values in enumerate(rows):
            if not allowed.issuperset(values):
                _check_columns(entity, values)
            row_id = ids[index] if ids and ids[index] else new_id()
            full = {**blank, **values}
            if full["deleted"] is not False:
                full["deleted"] = bool(full["deleted"])
            records.append((row_id, encode_row(full)))
            if derives:
                full.update(derived_values(entity, full))
            full["id"] = row_id
            batch.append(full)
            out.append(row_id)
            if len(batch) >= _BULK_CHUNK:
                insert_rows(self.conn, table, batch)
                self._record_inserts(entity, records)
                batch, records = [], []
        if batch:
            insert_rows(self.conn, table, batch)
            self._record_inserts(entity, records)
        return out

    def get(self, entity: str, entity_id: str) -> dict[str, Any] | None:
        table = synced_table(entity)
        row = self.conn.execute(select(table).where(table.c.id == entity_id)).mappings().first()
        return dict(row) if row else None

    def update(self, entity: str, entity_id: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """Change some fields; returns the fields that really changed (nothing if none did)."""
        _check_columns(entity, values)
        current = self.get(entity, entity_id)
        if current is None:
            raise UserError(
                "There is no {entity} with id {entity_id}.",
                entity=entity.replace("_", " "),
                entity_id=entity_id,
            )
        changed = {k: v for k, v in values.items() if current.get(k) != v}
        if not changed:
            return {}
        merged = {**current, **changed}
        new_values = {**changed, **derived_values(entity, merged)}
        table = synced_table(entity)
        self.conn.execute(update(table).where(table.c.id == entity_id).values(**new_values))
        for field, value in changed.items():
            self._record(entity, entity_id, field, encode(value))
        return changed

    def delete(self, entity: str, entity_id: str) -> bool:
        """Tombstone a row; returns False if it was already deleted."""
        return bool(self.update(entity, entity_id, {"deleted": True}))

    def restore(self, entity: str, entity_id: str) -> bool:
        """Revive a tombstoned row; returns False if it was not deleted."""
        return bool(self.update(entity, entity_id, {"deleted": False}))

    def apply_remote(self, entity: str, entity_id: str, values: Mapping[str, Any]) -> None:
        """Set fields to values that won a merge, without recording new changes (sync only)."""
        current = self.get(entity, entity_id)
        if current is None:
            self.create_remote(entity, {entity_id: values})
        elif values:
            self.update_remote(entity, {entity_id: (current, values)})

    def update_remote(
        self, entity: str, rows: Mapping[str, tuple[Mapping[str, Any], Mapping[str, Any]]]
    ) -> None:
        """Set fields of existing rows (id -> (current row, new values)) that won a merge, in
        bulk, without recording new changes (sync only). Derived columns follow."""
        table = synced_table(entity)
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row_id, (current, values) in rows.items():
            new_values = {**values, **derived_values(entity, {**current, **values})}
            bound = {f"new_{k}": v for k, v in new_values.items()}
            groups.setdefault(tuple(sorted(new_values)), []).append({**bound, "row_id": row_id})
        for names, params in groups.items():
            statement = (
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values({name: bindparam(f"new_{name}") for name in names})
            )
            for start in range(0, len(params), _BULK_CHUNK):
                self.conn.execute(statement, params[start : start + _BULK_CHUNK])

    def create_remote(self, entity: str, rows: Mapping[str, Mapping[str, Any]]) -> None:
        """Create rows (id -> values) that won a merge, in bulk, without recording new
        changes (sync only). Missing columns take their defaults."""
        table = synced_table(entity)
        columns, blank = _recorded(entity), _blank_row(entity)
        batch: list[dict[str, Any]] = []
        for row_id, values in rows.items():
            if values.keys() == columns:  # a whole row, as sync's merge makes them
                full = dict(values)
            else:
                full = {name: values.get(name, default) for name, default in blank.items()}
            full["deleted"] = bool(full.get("deleted") or False)
            full.update(derived_values(entity, full))
            full["id"] = row_id
            batch.append(full)
        insert_rows(self.conn, table, batch)
