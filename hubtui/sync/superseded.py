"""How much smaller a snapshot would make a sync folder: the change records it would leave out
because a later record of the same row and field overwrote them (compaction's measure, see
hubtui.sync.folder_state).

Of the records of one row's field (a "key": kind, row id, field), a snapshot keeps one, the
latest; so every record that is not the first of its key (in arrival order) is one a snapshot
can leave out. Whether a record is the first of its key never changes once it has arrived
(later arrivals come after it), so the count over all records is kept with the arrival number
it was taken at and brought up to date from the records that arrived since (an index search
per record), or counted afresh as all records less all keys (one walk of the (kind, row id,
field) index) when many arrived. For each snapshot the count at the moment it was written or
imported here is noted: what gathered beyond a snapshot is the count now less that one.

Records that create a row and erasure notices are kept whole by a snapshot and not counted;
neither are an erased person's records a snapshot leaves out (an erasure rewrites the files
anyway).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, exists, func, select

from hubtui.store import Store
from hubtui.store.erasure import ERASED_FIELD
from hubtui.sync.peers import folder_tag, get_state, set_state
from hubtui.sync.records import CHANGE

COUNT_KEY = "sync.superseded"  # "seq:count": the count over the records up to seq
AT_PREFIX = "sync.superseded_at:"  # + folder/snapshot: "seq:count" when it came here
_FRESH_BEYOND = 20_000  # more new records than this: count afresh
_KEPT_WHOLE = ("*", ERASED_FIELD)


def _stored(text: str) -> tuple[int, int] | None:
    seq, sep, count = text.partition(":")
    if not sep or not seq.isdigit() or not count.isdigit():
        return None
    return int(seq), int(count)


def _fresh(conn: Connection) -> int:
    """Records less keys (one per key is kept), over every record of a column."""
    of_columns = CHANGE.c.field.not_in(_KEPT_WHOLE)
    records = conn.execute(select(func.count()).where(of_columns)).scalar_one()
    keys = select(CHANGE.c.entity, CHANGE.c.entity_id, CHANGE.c.field).where(of_columns)
    distinct = conn.execute(select(func.count()).select_from(keys.distinct().subquery()))
    return int(records) - int(distinct.scalar_one())


def _since(conn: Connection, since: int) -> int:
    """The records that arrived after `since` and are not the first of their key."""
    earlier = CHANGE.alias("earlier")
    query = select(func.count()).where(
        CHANGE.c.seq > since,
        CHANGE.c.field.not_in(_KEPT_WHOLE),
        exists().where(
            earlier.c.entity == CHANGE.c.entity,
            earlier.c.entity_id == CHANGE.c.entity_id,
            earlier.c.field == CHANGE.c.field,
            earlier.c.seq < CHANGE.c.seq,
        ),
    )
    return int(conn.execute(query).scalar_one())


def _top(conn: Connection) -> int:
    return int(conn.execute(select(func.max(CHANGE.c.seq))).scalar() or 0)


def superseded_now(conn: Connection) -> int:
    """The count over every record held now, brought up to date (and noted) in the caller's
    write transaction."""
    top = _top(conn)
    stored = _stored(get_state(conn, COUNT_KEY))
    if stored is not None and stored[0] == top:
        return stored[1]
    if stored is None or stored[0] > top:
        count = _fresh(conn)
    else:
        waiting = conn.execute(select(func.count()).where(CHANGE.c.seq > stored[0])).scalar_one()
        count = _fresh(conn) if waiting > _FRESH_BEYOND else stored[1] + _since(conn, stored[0])
    if top:
        set_state(conn, COUNT_KEY, f"{top}:{count}")
    return count


def _snapshot_key(folder: Path, label: str) -> str:
    return f"{AT_PREFIX}{folder_tag(folder)}/{label}"


def note_snapshot(conn: Connection, folder: Path, label: str) -> None:
    """A snapshot ("device/name") was written or imported here: note the count as it is."""
    count = superseded_now(conn)
    set_state(conn, _snapshot_key(folder, label), f"{_top(conn)}:{count}")


def superseded_beyond(store: Store, folder: Path, label: str) -> int:
    """The records a snapshot written now would leave out that gathered since the snapshot
    `label` was written or imported here (all of them when `label` is "": no snapshot)."""
    key = _snapshot_key(folder, label) if label else ""
    with store.read() as conn:
        stored = _stored(get_state(conn, COUNT_KEY))
        at = _stored(get_state(conn, key)) if key else (0, 0)
        if stored is not None and at is not None and stored[0] == _top(conn):
            return max(0, stored[1] - at[1])  # the usual sync: nothing new, nothing to count
    if store.read_only:
        return 0
    with store.write() as writer:
        count = superseded_now(writer.conn)
        at = _stored(get_state(writer.conn, key)) if key else (0, 0)
        if at is None:  # a snapshot from before this count (or a restore): count from now on
            at = (_top(writer.conn), count)
            set_state(writer.conn, key, f"{at[0]}:{at[1]}")
    return max(0, count - at[1])
