"""A row's full history with what sync made of it: for every change record, whether its value
is the one in effect now or was overwritten (by a later edit, or by losing a conflict)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hubtui.errors import UserError
from hubtui.store import Store
from hubtui.store.codec import from_json_value
from hubtui.store.models import ENTITIES
from hubtui.sync.materialize import Stamp, field_values
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


def record_history(store: Store, entity: str, entity_id: str) -> list[HistoryEntry]:
    """Every change record of one row, in clock order, each marked current or overwritten."""
    if entity not in ENTITIES:
        raise UserError(f"'{entity}' is not a kind of record; use one of {', '.join(ENTITIES)}.")
    with store.read() as conn:
        rows = conn.execute(
            select(CHANGE)
            .where(CHANGE.c.entity_id == entity_id, CHANGE.c.entity == entity)
            .order_by(CHANGE.c.hlc, CHANGE.c.origin, CHANGE.c.id)
        ).all()
    if not rows:
        raise UserError(f"There is no history for {entity.replace('_', ' ')} {entity_id}.")
    winner: dict[str, Stamp] = {}
    for row in rows:
        stamp: Stamp = (row.hlc, row.origin, row.id)
        for name in field_values(entity, row):
            winner[name] = max(winner.get(name, stamp), stamp)
    winning_ids = {stamp[2] for stamp in winner.values()}
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
            )
        )
    return entries


def history_of_id(store: Store, entity_id: str) -> tuple[str, list[HistoryEntry]]:
    """The kind of row `entity_id` is, and its history (for a screen given only an id)."""
    with store.read() as conn:
        entity = conn.execute(
            select(CHANGE.c.entity).where(CHANGE.c.entity_id == entity_id.strip()).limit(1)
        ).scalar()
    if entity is None:
        raise UserError(f"There is no record with id {entity_id.strip()}; copy the id exactly.")
    return entity, record_history(store, entity, entity_id.strip())
