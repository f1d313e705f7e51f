"""A row's full history with what sync made of it: for every change record, whether its value
is the one in effect now or was overwritten (by a later edit, or by losing a conflict).

Edit after delete: a deleted record stays deleted. An edit made later than the delete (on a
laptop that had not seen it yet) changes nothing visible; it is kept in the history, marked
`after_delete`, and `edits_after_delete` lists every such edit for the user to look at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, select

from hubtui.errors import UserError
from hubtui.i18n.fields import writer_words
from hubtui.store import Store
from hubtui.store.codec import from_json_value
from hubtui.store.models import ENTITIES
from hubtui.sync.materialize import Stamp, chunks, field_values
from hubtui.sync.records import CHANGE


@dataclass(frozen=True)
class HistoryEntry:
    change_id: str
    field: str  # "*" for the record that created the row
    value: Any  # a dict of every field for "*"
    hlc: str
    origin: str
    advisor: str
    recorded_at: dt.datetime
    current: bool  # its value (or one of them, for "*") is in effect now
    after_delete: bool = False  # an edit made after the delete that keeps the record deleted


NOT_EDITS = frozenset({"*", "deleted", "merged_into"})  # records that are not a user's edit


def record_history(store: Store, entity: str, entity_id: str) -> list[HistoryEntry]:
    """Every change record of one row, in clock order, each marked current or overwritten."""
    if entity not in ENTITIES:
        raise UserError(
            "'{entity}' is not a kind of record; use one of {entities}.",
            entity=entity,
            entities=", ".join(ENTITIES),
        )
    with store.read() as conn:
        rows = conn.execute(
            select(CHANGE)
            .where(CHANGE.c.entity_id == entity_id, CHANGE.c.entity == entity)
            .order_by(CHANGE.c.hlc, CHANGE.c.origin, CHANGE.c.id)
        ).all()
    if not rows:
        raise UserError(
            "There is no history for {entity} {entity_id}.",
            entity=entity.replace("_", " "),
            entity_id=entity_id,
        )
    return _entries(entity, rows)


def _entries(entity: str, rows: Sequence[Any]) -> list[HistoryEntry]:
    """A row's change records (in clock order) as history entries."""
    winner: dict[str, Stamp] = {}
    for row in rows:
        stamp: Stamp = (row.hlc, row.origin, row.id)
        for name in field_values(entity, row):
            winner[name] = max(winner.get(name, stamp), stamp)
    winning_ids = {stamp[2] for stamp in winner.values()}
    by_id = {row.id: row for row in rows}
    deleted_at = winner.get("deleted")
    if deleted_at is not None:
        deleting = by_id[deleted_at[2]]
        if field_values(entity, deleting).get("deleted") is not True:
            deleted_at = None  # the record is in use: nothing was edited after a delete
    entries = []
    for row in rows:
        decoded = {k: from_json_value(entity, k, v) for k, v in field_values(entity, row).items()}
        value: Any = decoded if row.field == "*" else decoded.get(row.field, row.value)
        recorded_at = row.recorded_at
        if recorded_at.tzinfo is None:
            recorded_at = recorded_at.replace(tzinfo=dt.UTC)
        entries.append(
            HistoryEntry(
                change_id=row.id,
                field=row.field,
                value=value,
                hlc=row.hlc,
                origin=row.origin,
                advisor=row.advisor,
                recorded_at=recorded_at,
                current=row.id in winning_ids,
                after_delete=deleted_at is not None
                and row.field not in NOT_EDITS
                and (row.hlc, row.origin, row.id) > deleted_at,
            )
        )
    return entries


def history_of(store: Store, ref: str) -> tuple[str, list[HistoryEntry]]:
    """The kind of record `ref` names, and its history: `ref` is a record's id, or an
    organisation's orgnr or name (what a user knows it by)."""
    from hubtui.services.organisations import resolve_organisation

    ref = ref.strip()
    with store.read() as conn:
        entity = conn.execute(
            select(CHANGE.c.entity)
            .where(CHANGE.c.entity.in_(list(ENTITIES)), CHANGE.c.entity_id == ref)
            .limit(1)
        ).scalar()
    if entity is not None:
        return entity, record_history(store, entity, ref)
    try:
        org = resolve_organisation(store, ref)
    except UserError:
        raise UserError(
            "There is no record with id {entity_id}, nor an organisation by that orgnr or "
            "name; copy the id exactly.",
            entity_id=ref,
        ) from None
    return "organisation", record_history(store, "organisation", org.id)


@dataclass(frozen=True)
class AfterDelete:
    """An edit of a record that was deleted (elsewhere) before it: kept in the history only."""

    entity: str
    entity_id: str
    edit: HistoryEntry
    deleted_by: str  # the advisor and device that deleted it


def edits_after_delete(store: Store) -> list[AfterDelete]:
    """Every edit made after its record was deleted, newest first."""
    with store.read() as conn:
        found = all_late_edits(conn)
    return sorted(found, key=lambda a: (a.edit.hlc, a.edit.change_id), reverse=True)


def all_late_edits(conn: Connection) -> list[AfterDelete]:
    """Every edit made after its record was deleted (in no particular order)."""
    deleted: dict[str, list[str]] = {}
    query = select(CHANGE.c.entity, CHANGE.c.entity_id).where(deletes()).distinct()
    for entity, entity_id in conn.execute(query):
        deleted.setdefault(entity, []).append(entity_id)
    return late_edits(conn, deleted)


def deletes(table: FromClause = CHANGE) -> ColumnElement[bool]:
    """The change records that delete their row (what makes later edits of it "after delete")."""
    return (table.c.field == "deleted") & (table.c.value == "true")


def late_edits(
    conn: Connection, rows: Mapping[str, Iterable[str]], up_to: int | None = None
) -> list[AfterDelete]:
    """The edits after delete among the given rows (kind -> ids), as their change records up
    to arrival number `up_to` (None: all of them) decide."""
    found = []
    for entity, ids in rows.items():
        if entity not in ENTITIES:
            continue
        for batch in chunks(ids):
            query = select(CHANGE).where(CHANGE.c.entity == entity, CHANGE.c.entity_id.in_(batch))
            if up_to is not None:
                query = query.where(CHANGE.c.seq <= up_to)
            by_row: dict[str, list[Any]] = {}
            for row in conn.execute(query.order_by(CHANGE.c.hlc, CHANGE.c.origin, CHANGE.c.id)):
                by_row.setdefault(row.entity_id, []).append(row)
            for entity_id, records in by_row.items():
                found += _late(entity, entity_id, _entries(entity, records))
    return found


def _late(entity: str, entity_id: str, history: list[HistoryEntry]) -> list[AfterDelete]:
    late = [e for e in history if e.after_delete]
    if not late:
        return []
    delete = max(
        (e for e in history if e.field == "deleted" and e.value is True),
        key=lambda e: (e.hlc, e.origin, e.change_id),
    )
    by = writer_words(delete.advisor, delete.origin)
    return [AfterDelete(entity, entity_id, e, by) for e in late]
