"""`hubtui doctor --repair`: give rows written around hubtui the change record they lack.

A row inserted with SQL or another program has no change record, so sync never sends it and
its history is empty. Repairing records each such row as it is now, through the write path
(stamped with this device and clock), so it travels like any other row from then on.
"""

from __future__ import annotations

from sqlalchemy import exists, select

from hubtui.store import tables
from hubtui.store.models import ENTITIES
from hubtui.store.store import Store
from hubtui.store.tables import synced_table

_CHANGE = tables.CHANGE


def record_unrecorded(store: Store) -> dict[str, int]:
    """Record every row that has no change record, in one transaction; counts per table."""
    done: dict[str, int] = {}
    with store.write() as writer:
        for entity in ENTITIES:
            table = synced_table(entity)
            recorded = exists().where(_CHANGE.c.entity == entity, _CHANGE.c.entity_id == table.c.id)
            rows = writer.conn.execute(select(table).where(~recorded)).mappings().all()
            for row in rows:
                writer.record_existing(entity, dict(row))
            if rows:
                done[entity] = len(rows)
    return done
