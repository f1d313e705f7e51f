"""How many edits after delete a database holds (what each sync reports), kept up to date from
the change records that arrived since the last count instead of re-reading every deletion.

Only a row that received a change record can gain or lose an edit after delete: a delete that
arrives makes the row's later edits late, an edit that arrives may be late, a restore ends it.
So the count is stored with the arrival number (`seq`) it was taken at, and each sync
recounts only the deleted rows among those that received records since: what they held then
(their records up to that number) is taken off, what they hold now is added. The first count
(and the first after a restore or a copy, which reset it) reads every deletion, as
hubtui.sync.history.edits_after_delete does.
"""

from __future__ import annotations

from sqlalchemy import Connection, exists, func, select

from hubtui.store import Store
from hubtui.store.device import AFTER_DELETE
from hubtui.sync.history import all_late_edits, deletes, late_edits
from hubtui.sync.peers import get_state, set_state
from hubtui.sync.records import CHANGE


def _stored(text: str) -> tuple[int, int] | None:
    seq, sep, count = text.partition(":")
    if not sep or not seq.isdigit() or not count.isdigit():
        return None  # never counted, or reset by a restore or a copy
    return int(seq), int(count)


def _top(conn: Connection) -> int:
    return int(conn.execute(select(func.max(CHANGE.c.seq))).scalar() or 0)


def count_edits_after_delete(store: Store) -> int:
    """len(edits_after_delete(store)), from the records that arrived since the last count."""
    with store.read() as conn:
        stored = _stored(get_state(conn, AFTER_DELETE))
        top = _top(conn)
        if stored is not None and stored[0] == top:
            return stored[1]  # nothing arrived: the usual sync that found nothing new
        if top == 0:
            return 0  # no records at all: nothing to count, and nothing written
    with store.write() as writer:
        conn = writer.conn
        top = _top(conn)
        stored = _stored(get_state(conn, AFTER_DELETE))
        if stored is None:
            total = len(all_late_edits(conn))
        else:
            since, total = stored
            total += _change_since(conn, since)
        set_state(conn, AFTER_DELETE, f"{top}:{total}")
    return total


def _change_since(conn: Connection, since: int) -> int:
    """How the count changed with the records that arrived after `since`."""
    deleted = CHANGE.alias("deleted")
    # Not DISTINCT: SQLite would then walk the whole (entity, entity_id) index, not `seq`.
    touched = select(CHANGE.c.entity, CHANGE.c.entity_id).where(
        CHANGE.c.seq > since,
        exists().where(
            deleted.c.entity == CHANGE.c.entity,
            deleted.c.entity_id == CHANGE.c.entity_id,
            deletes(deleted),
        ),
    )
    rows: dict[str, set[str]] = {}
    for entity, entity_id in conn.execute(touched):
        rows.setdefault(entity, set()).add(entity_id)
    return len(late_edits(conn, rows)) - len(late_edits(conn, rows, up_to=since))
