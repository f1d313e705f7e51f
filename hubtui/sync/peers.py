"""What a database remembers about syncing: its peers (when each last synced), its cursors
(in local_state) and the change files it has imported or written. None of it is synced."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, insert, select, update

from hubtui.store import Store, tables
from hubtui.sync.merge import ImportResult

STATE = tables.LOCAL_STATE
PEER = tables.SYNC_PEER
FILE = tables.SYNC_FILE


@dataclass(frozen=True)
class PeerView:
    origin: str
    name: str
    last_synced_at: dt.datetime | None
    last_hlc: str
    changes_imported: int


def get_state(conn: Connection, key: str, default: str = "") -> str:
    value = conn.execute(select(STATE.c.value).where(STATE.c.key == key)).scalar()
    return default if value is None else str(value)


def set_state(conn: Connection, key: str, value: str) -> None:
    done = conn.execute(update(STATE).where(STATE.c.key == key).values(value=value))
    if done.rowcount == 0:
        conn.execute(insert(STATE).values(key=key, value=value))


def note_peer(conn: Connection, origin: str, name: str, result: ImportResult) -> None:
    """Record that this database has just synced with `origin`."""
    now = dt.datetime.now(dt.UTC)
    row = conn.execute(select(PEER).where(PEER.c.origin == origin)).mappings().first()
    if row is None:
        conn.execute(
            insert(PEER).values(
                origin=origin,
                name=name,
                last_synced_at=now,
                last_hlc=result.last_hlc,
                changes_imported=result.new,
            )
        )
        return
    conn.execute(
        update(PEER)
        .where(PEER.c.origin == origin)
        .values(
            name=name or row["name"],
            last_synced_at=now,
            last_hlc=max(row["last_hlc"], result.last_hlc),
            changes_imported=row["changes_imported"] + result.new,
        )
    )


def list_peers(store: Store) -> list[PeerView]:
    """Every device or team database this one has synced with, most recent first."""
    with store.read() as conn:
        rows = conn.execute(select(PEER)).mappings().all()
    peers = [
        PeerView(
            origin=r["origin"],
            name=r["name"],
            last_synced_at=_aware(r["last_synced_at"]),
            last_hlc=r["last_hlc"],
            changes_imported=r["changes_imported"],
        )
        for r in rows
    ]
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(peers, key=lambda p: p.last_synced_at or oldest, reverse=True)


def _aware(stamp: dt.datetime | None) -> dt.datetime | None:
    if stamp is not None and stamp.tzinfo is None:  # SQLite hands back naive UTC
        return stamp.replace(tzinfo=dt.UTC)
    return stamp


def known_files(conn: Connection) -> set[tuple[str, str]]:
    return {(r.origin, r.name) for r in conn.execute(select(FILE.c.origin, FILE.c.name))}


def note_file(conn: Connection, origin: str, name: str, checksum: str, records: int) -> None:
    conn.execute(
        insert(FILE).values(
            origin=origin,
            name=name,
            checksum=checksum,
            records=records,
            imported_at=dt.datetime.now(dt.UTC),
        )
    )
