"""Change records whose time stamp (`recorded_at`) is no time: month 13, not a date at all.
Only a damaged SQLite file (or a write around hubtui) holds one; PostgreSQL keeps real times.

Sync does not send such a record (a peer would refuse the whole file) nor any later one of the
same device's files (see hubtui.sync.folder). `hubtui doctor` finds them; `--repair` sets each
from the wall-clock part of its clock stamp, the time it was made on the device that made it
(the clock stamp, which decides the order of changes, is left as it is)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple

from sqlalchemy import update

from hubtui.store import tables
from hubtui.store.store import Store
from hubtui.sync.outgoing import stamp_damaged

_CHANGE = tables.CHANGE
_SCAN = "SELECT seq, entity, entity_id, recorded_at, hlc FROM change ORDER BY seq"


class DamagedStamp(NamedTuple):
    seq: int
    entity: str
    entity_id: str
    stored: object
    hlc: str


def damaged_stamps(conn: sqlite3.Connection) -> list[DamagedStamp]:
    """The change records of an SQLite database whose time stamp is damaged."""
    return [DamagedStamp(*row) for row in conn.execute(_SCAN) if stamp_damaged(row[3])]


def _from_clock(hlc: str) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(int(hlc[:13]) / 1000, dt.UTC)
    except (ValueError, OverflowError, OSError):
        return dt.datetime.now(dt.UTC)  # the clock stamp is damaged too: at least a time


def mend_stamps(store: Store) -> int:
    """Set every damaged time stamp from its record's clock stamp; how many."""
    if not store.is_sqlite:
        return 0
    with store.write() as writer:
        raw = writer.conn.exec_driver_sql(_SCAN).all()
        found = [DamagedStamp(*row) for row in raw if stamp_damaged(row[3])]
        for record in found:
            writer.conn.execute(
                update(_CHANGE)
                .where(_CHANGE.c.seq == record.seq)
                .values(recorded_at=_from_clock(record.hlc))
            )
    return len(found)
