"""What a database remembers about syncing: its peers (when each last synced), its cursors
(in local_state) and the change files it has imported or written. None of it is synced."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

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
    """Record that this database has just synced with `origin`: only when something new
    came (a repeated import, or a sync that brought nothing, changes no "last synced")."""
    if not result.new:
        return
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


def folder_tag(folder: Path) -> str:
    """A short name for a sync folder, so files of two folders never share a name here."""
    return hashlib.sha256(str(folder).encode()).hexdigest()[:12]


def known_files(conn: Connection, folder: Path) -> dict[tuple[str, str], str]:
    """(device, file name) -> checksum of every file of `folder` imported or written here."""
    prefix = f"{folder_tag(folder)}/"
    rows = conn.execute(
        select(FILE.c.origin, FILE.c.name, FILE.c.checksum).where(FILE.c.name.like(f"{prefix}%"))
    )
    return {(r.origin, r.name.removeprefix(prefix)): r.checksum for r in rows}


def note_file(
    conn: Connection, folder: Path, origin: str, name: str, checksum: str, records: int
) -> None:
    key = f"{folder_tag(folder)}/{name}"
    values = {"checksum": checksum, "records": records, "imported_at": dt.datetime.now(dt.UTC)}
    done = conn.execute(
        update(FILE).where(FILE.c.origin == origin, FILE.c.name == key).values(**values)
    )
    if done.rowcount == 0:
        conn.execute(insert(FILE).values(origin=origin, name=key, **values))


def span_key(folder: Path, name: str) -> str:
    """The local_state key holding which arrival numbers one of this device's files covers."""
    return f"sync.span:{folder_tag(folder)}/{name}"


FOLDER_KEY = "sync.folder:"  # + path: the export cursor of each folder this device syncs to
FOLDER_AT_KEY = "sync.folder-at:"  # + path: when it last synced there


@dataclass(frozen=True)
class FolderView:
    path: str
    last_synced_at: dt.datetime | None
    files_written: int
    files_imported: int


def list_folders(store: Store) -> list[FolderView]:
    """Every sync folder this database has used, most recently synced first."""
    with store.read() as conn:
        rows: dict[str, str] = dict(
            conn.execute(
                select(STATE.c.key, STATE.c.value).where(
                    STATE.c.key.like(f"{FOLDER_KEY}%") | STATE.c.key.like(f"{FOLDER_AT_KEY}%")
                )
            ).all()
        )
        own = get_state(conn, "device_id")
        counts: dict[tuple[str, bool], int] = {}
        for origin, name in conn.execute(select(FILE.c.origin, FILE.c.name)):
            slot = (name.partition("/")[0], origin == own)
            counts[slot] = counts.get(slot, 0) + 1
    views = []
    for key in rows:
        if not key.startswith(FOLDER_KEY):
            continue
        path = key.removeprefix(FOLDER_KEY)
        at = rows.get(f"{FOLDER_AT_KEY}{path}")
        tag = folder_tag(Path(path))
        views.append(
            FolderView(
                path=path,
                last_synced_at=dt.datetime.fromisoformat(at) if at else None,
                files_written=counts.get((tag, True), 0),
                files_imported=counts.get((tag, False), 0),
            )
        )
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(views, key=lambda v: v.last_synced_at or oldest, reverse=True)
