"""Turning change records into rows. Each field of a row takes the value of its change with
the greatest (clock, origin, change id); an insert record (field "*") sets every field: those
it carries, and the default of those it leaves out. A row appears once its insert record and
every parent row it points at are here; until then it waits in `sync_pending` and is tried
again after every later import.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, bindparam, delete, insert, select

from hubtui.store import Writer, tables
from hubtui.store.bulk import id_params, ids_in, is_sqlite
from hubtui.store.codec import (
    converters,
    insert_defaults,
    insert_values,
    recorded_columns,
    recorded_set,
)
from hubtui.store.models import ENTITIES
from hubtui.store.tables import column_default, synced_table
from hubtui.sync.identity import merge_duplicates, release_unique_values
from hubtui.sync.records import CHANGE, parsed_value

Key = tuple[str, str]  # (entity, row id)
Stamp = tuple[str, str, str]  # (clock, origin, change id): the merge order
PENDING = tables.SYNC_PENDING
_IN_CHUNK = 500


@dataclass
class RebuildStats:
    rows_touched: int = 0
    conflicts: int = 0
    merged: int = 0
    pending: set[Key] = field(default_factory=set)
    # each field conflict: (table, row id, field, kept value, its device, lost value, its device)
    conflict_details: list[tuple[str, str, str, Any, str, Any, str]] = field(default_factory=list)
    merge_notes: list[str] = field(default_factory=list)  # values a merged-away copy gave up
    kept_apart: list[str] = field(default_factory=list)  # one orgnr, different names: both kept


def chunks(items: Iterable[Any], size: int = _IN_CHUNK) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Fresh:
    """A record being imported, as rebuild reads it (like a row of the change table), with
    its value already read from JSON."""

    __slots__ = ("entity", "entity_id", "field", "hlc", "id", "origin", "parsed", "value")

    def __init__(self, record: Mapping[str, Any]) -> None:
        self.id, self.entity, self.entity_id = record["id"], record["entity"], record["entity_id"]
        self.field, self.value = record["field"], record["value"]
        self.hlc, self.origin = record["hlc"], record["origin"]
        self.parsed = parsed_value(record)


@cache
def _keyed_query(sqlite: bool, bounded: bool) -> Any:
    columns = [CHANGE.c[n] for n in ("id", "entity", "entity_id", "field", "value")]
    query = select(*columns, CHANGE.c.hlc, CHANGE.c.origin).where(
        CHANGE.c.entity == bindparam("entity"), CHANGE.c.entity_id.in_(ids_in(sqlite))
    )
    return query.where(CHANGE.c.seq <= bindparam("up_to")) if bounded else query


def load_keyed(
    conn: Connection, keys: Collection[Key], up_to: int | None = None
) -> dict[Key, list[Any]]:
    """Every change record of the given rows (that arrived at or before arrival number
    `up_to`, if given), grouped by (entity, row id); by entity, so the (entity, entity_id,
    field) index finds them."""
    out: dict[Key, list[Any]] = {}
    if up_to is not None and up_to <= 0:
        return out  # nothing arrived before the first arrival
    by_entity: dict[str, list[str]] = {}
    for entity, row_id in keys:
        by_entity.setdefault(entity, []).append(row_id)
    query = _keyed_query(is_sqlite(conn), up_to is not None)
    for entity, ids in by_entity.items():
        for params in id_params(conn, ids):
            if up_to is not None:
                params["up_to"] = up_to
            for row in conn.execute(query, {**params, "entity": entity}):
                out.setdefault((entity, row.entity_id), []).append(row)
    return out


def field_values(entity: str, record: Any) -> dict[str, Any]:
    """The JSON values a record sets, by column: an insert record every column (those it
    leaves out at their default), a record of no column (an erasure notice) none."""
    if record.field != "*" and record.field not in recorded_set(entity):
        return {}
    value = record.parsed if type(record) is Fresh else json.loads(record.value)
    if record.field == "*":
        return insert_values(entity, value)
    return {record.field: value}


def winning_state(
    entity: str,
    records: Iterable[Any],
    new_ids: Collection[str] = (),
    details: list[tuple[str, Any, str, Any, str]] | None = None,
) -> tuple[dict[str, Any] | None, int]:
    """The row the records add up to (None without an insert record), and how many fields
    were edited on more than one device with different values (conflicts) counting only
    fields that records in `new_ids` edit. Every losing value of each conflict (the latest new
    edit of each other device, and the latest edit held before) is added to `details` as
    (field, kept value, its device, lost value, its device)."""
    best: dict[str, tuple[Stamp, Any]] = {}
    known: dict[str, tuple[Stamp, Any]] = {}  # field -> latest edit held before this import
    fresh: dict[tuple[str, str], tuple[Stamp, Any]] = {}  # (field, device) -> latest new edit
    has_insert = False
    for record in records:
        stamp: Stamp = (record.hlc, record.origin, record.id)
        has_insert = has_insert or record.field == "*"
        for name, value in field_values(entity, record).items():
            if name not in best or stamp > best[name][0]:
                best[name] = (stamp, value)
            if record.field == "*":
                continue
            if record.id in new_ids:
                slot = (name, record.origin)
                if slot not in fresh or stamp > fresh[slot][0]:
                    fresh[slot] = (stamp, value)
            elif name not in known or stamp > known[name][0]:
                known[name] = (stamp, value)
    conflicts = 0
    edits: dict[str, list[tuple[Stamp, Any]]] = {}
    for (name, _origin), edit in fresh.items():
        edits.setdefault(name, []).append(edit)
    for name, candidates in edits.items():
        if name in known:
            candidates.append(known[name])
        won = max(candidates, key=lambda c: c[0])
        lost = [c for c in candidates if c[0][1] != won[0][1] and c[1] != won[1]]
        if lost:
            conflicts += 1
        if details is not None:
            details += [(name, won[1], won[0][1], v, s[1]) for s, v in sorted(lost, reverse=True)]
    if not has_insert:
        return None, conflicts
    state = {}
    for name, convert, default in _columns_of(entity):
        found = best.get(name)
        if found is None:  # a column newer than the insert record
            state[name] = default
        else:
            state[name] = None if found[1] is None else convert(found[1])
    return state, conflicts


@cache
def _columns_of(entity: str) -> tuple[tuple[str, Any, Any], ...]:
    """Each recorded column of `entity`: its name, the converter of its JSON values, and its
    default."""
    table, convert = synced_table(entity), converters(entity)
    return tuple((n, convert[n], column_default(table.c[n])) for n in recorded_columns(entity))


@cache
def _inserted_default(entity: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The row an insert record carrying no values makes (each column's default, converted
    as `_inserted` converts it), and the converter of each recorded column."""
    convert = converters(entity)
    row = {
        name: None if value is None else convert[name](value)
        for name, value in insert_defaults(entity).items()
    }
    return row, {name: convert[name] for name in row}


def _inserted(entity: str, stored: Any) -> dict[str, Any]:
    """What `winning_state` makes of a row whose only record is its insert record, of value
    `stored` (read from JSON): a row being created by an import, the common case, taken the
    short way. An insert record carries only the values that differ from the default: the
    row starts as the default row and takes those (as `insert_values`, then converted)."""
    default, convert = _inserted_default(entity)
    row = dict(default)  # its values are immutable: dates, numbers, text
    if isinstance(stored, dict):
        for name, value in stored.items():
            if name in convert:
                row[name] = None if value is None else convert[name](value)
    return row


@cache
def _rows_query(entity: str, sqlite: bool) -> Any:
    table = synced_table(entity)
    return select(table).where(table.c.id.in_(ids_in(sqlite)))


@cache
def _present_query(table: Table, sqlite: bool) -> Any:
    return select(table.c.id).where(table.c.id.in_(ids_in(sqlite)))


def _existing(conn: Connection, entity: str, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    query = _rows_query(entity, is_sqlite(conn))
    out: dict[str, dict[str, Any]] = {}
    for params in id_params(conn, ids):
        for row in conn.execute(query, params).mappings():
            out[row["id"]] = dict(row)
    return out


def _missing_parents(
    conn: Connection,
    entity: str,
    states: Mapping[str, dict[str, Any]],
    written: Mapping[str, set[str]],
) -> set[str]:
    """Rows of `states` that point at a parent row this database does not have (yet).
    `written`: rows (by table) this rebuild has just written, so present without asking."""
    waiting: set[str] = set()
    for fk in synced_table(entity).foreign_keys:
        name, parent = fk.parent.name, fk.column.table
        present: set[str | None] = {None, *written.get(parent.name, ())}  # None: no parent
        wanted = {s[name] for s in states.values() if s.get(name) not in present}
        query = _present_query(parent, is_sqlite(conn))
        for params in id_params(conn, list(wanted)):
            present.update(conn.execute(query, params).scalars())
        waiting.update(i for i, s in states.items() if s.get(name) not in present)
    return waiting


def _by_entity(keys: Iterable[Key]) -> list[tuple[str, list[str]]]:
    """`keys` in sorted order, as (entity, its row ids): sorting each entity's ids alone
    compares strings, quicker than comparing (entity, id) pairs."""
    ids: dict[str, list[str]] = {}
    for entity, row_id in keys:
        ids.setdefault(entity, []).append(row_id)
    return [(entity, sorted(ids[entity])) for entity in sorted(ids)]


def rebuild(
    writer: Writer,
    keys: Collection[Key],
    new_ids: Collection[str] = (),
    fresh: tuple[int, Iterable[Mapping[str, Any]]] | None = None,
) -> RebuildStats:
    """Bring the rows `keys` in line with their change records, parents before children.
    `fresh`: (the arrival number before the records being imported, those records): they are
    taken as they are instead of being read back."""
    stats = RebuildStats()
    held = load_keyed(writer.conn, keys, fresh[0] if fresh else None)
    arriving: dict[Key, list[Mapping[str, Any]]] = {}
    for record in fresh[1] if fresh else ():
        key = (record["entity"], record["entity_id"])
        if key in keys:
            arriving.setdefault(key, []).append(record)
    states: dict[str, dict[str, dict[str, Any]]] = {}
    for entity, row_ids in _by_entity(keys):  # rows go into their tables in key order
        made = states[entity] = {}
        for row_id in row_ids:
            key = (entity, row_id)
            new = arriving.get(key, ())
            state = None
            if len(new) == 1 and key not in held and new[0]["field"] == "*":
                state = _inserted(entity, parsed_value(new[0]))
            if state is None:
                mine = [*held.get(key, ()), *(Fresh(record) for record in new)]
                found: list[tuple[str, Any, str, Any, str]] = []
                state, conflicts = winning_state(entity, mine, new_ids, found)
                stats.conflicts += conflicts
                stats.conflict_details += [(entity, row_id, *detail) for detail in found]
            if state is None:
                stats.pending.add(key)
            else:
                made[row_id] = state
    written: dict[str, set[str]] = {}
    for entity in ENTITIES:  # declared parents first
        batch = states.get(entity)
        if not batch:
            continue
        for row_id in _missing_parents(writer.conn, entity, batch, written):
            stats.pending.add((entity, row_id))
            del batch[row_id]
        existing = _existing(writer.conn, entity, list(batch))
        stats.merged += merge_duplicates(writer, entity, batch, stats.merge_notes, stats.kept_apart)
        release_unique_values(writer, entity, batch, existing)
        created = {i: state for i, state in batch.items() if i not in existing}
        writer.create_remote(entity, created)
        stats.rows_touched += len(created)
        updates = {}
        for row_id, current in existing.items():
            changed = {k: v for k, v in batch[row_id].items() if current.get(k) != v}
            if changed:
                updates[row_id] = (current, changed)
        writer.update_remote(entity, updates)
        stats.rows_touched += len(updates)
        written[entity] = set(batch)
    return stats


def pending_keys(conn: Connection) -> set[Key]:
    return {(r.entity, r.entity_id) for r in conn.execute(select(PENDING))}


def save_pending(conn: Connection, keys: Collection[Key]) -> None:
    conn.execute(delete(PENDING))
    rows = [{"entity": e, "entity_id": i} for e, i in keys]
    for batch in chunks(rows, 5_000):
        conn.execute(insert(PENDING), batch)
