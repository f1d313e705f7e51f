"""The state of a sync folder as compaction sees it: its files, its newest snapshot, which
devices have not acknowledged that yet (so hold compaction back, and since when), and whether
a new snapshot is due.

Compaction is due when no snapshot awaits acknowledgement and, beyond the newest snapshot every
device has acknowledged, the folder holds more than `Limits.files` change files, or more than
`Limits.superseded` change records that a snapshot would leave out because a later one of the
same field overwrote them (hubtui.sync.superseded): how much smaller the folder would get, not
how much it holds, so a database's first sync of many records does not write a snapshot as
big as the files it just wrote (0 switches a measure off).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from hubtui.config import Config
from hubtui.errors import UserError
from hubtui.store import Store, tables
from hubtui.store.device import PREVIOUS, ids
from hubtui.sync.acks import counts, read_acks, read_forgotten, write_forgotten
from hubtui.sync.files import SUFFIX
from hubtui.sync.folder import check_folder
from hubtui.sync.peers import folder_tag, get_state
from hubtui.sync.snapshot import acknowledged, snapshot_headers
from hubtui.sync.superseded import superseded_beyond

FILE = tables.SYNC_FILE
PEER = tables.SYNC_PEER


@dataclass(frozen=True)
class Limits:
    """When compaction is due (config `compact_after_files`, `compact_after_superseded`) and
    when a device that holds it back has been silent long enough to be named
    (`peer_silent_days`)."""

    files: int = 200
    superseded: int = 100_000
    silent_days: int = 14

    @classmethod
    def of(cls, config: Config) -> Limits:
        return cls(
            config.compact_after_files, config.compact_after_superseded, config.peer_silent_days
        )


@dataclass(frozen=True)
class Device:
    origin: str
    name: str  # its advisor's name, "" when unknown
    last_synced: dt.datetime | None  # when it last synced in this folder
    files: int  # its change files (snapshots included) in the folder
    forgotten: dt.datetime | None  # when it was forgotten (None: it counts)
    mine: bool  # this database, now or under an earlier device id of its own (not a copy's)


@dataclass(frozen=True)
class FolderState:
    folder: Path
    devices: list[Device]
    files: int  # change files in the folder, snapshots included
    latest: str  # the newest snapshot, "device/name" ("" when none)
    latest_at: dt.datetime | None
    acknowledged: str  # the newest snapshot every device has acknowledged ("" when none)
    beyond_files: int  # change files the acknowledged snapshot does not cover
    beyond_records: int  # the change records they hold
    superseded: int  # change records a snapshot now would leave out, gathered since then
    holders: list[Device]  # devices that have not acknowledged the newest snapshot yet

    @property
    def pending(self) -> bool:
        """A snapshot waits for some device to acknowledge it."""
        return bool(self.latest) and self.latest != self.acknowledged

    def over(self, limits: Limits) -> bool:
        """Enough has gathered beyond the acknowledged snapshot for a new one."""
        files = 0 < limits.files < self.beyond_files
        return files or 0 < limits.superseded < self.superseded

    def due(self, limits: Limits) -> bool:
        return not self.pending and self.over(limits)

    def silent(self, limits: Limits, now: dt.datetime | None = None) -> list[Device]:
        """The holders that have not synced for `limits.silent_days` (or never said when)."""
        since = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=limits.silent_days)
        return [d for d in self.holders if d.last_synced is None or d.last_synced < since]


def _devices(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _numbered(name: str) -> bool:
    return name.endswith(SUFFIX) and not name.startswith(".")


def folder_state(store: Store, folder: Path) -> FolderState:
    """Read the folder (file names, acknowledgements, snapshot headers) and this database's
    record of what it imported there."""
    folder = check_folder(folder)
    directories = _devices(folder)
    forgotten = read_forgotten(directories)
    prefix = f"{folder_tag(folder)}/"
    with store.read() as conn:
        names = {r.origin: r.name for r in conn.execute(select(PEER.c.origin, PEER.c.name))}
        mine = {store.origin, *ids(get_state(conn, PREVIOUS))}
        rows = conn.execute(
            select(FILE.c.origin, FILE.c.name, FILE.c.records).where(FILE.c.name.like(f"{prefix}%"))
        )
        records = {f"{r.origin}/{r.name.removeprefix(prefix)}": r.records or 0 for r in rows}
    headers = snapshot_headers(folder, directories)
    acked = acknowledged(folder, directories)
    latest = headers[0][0] if headers else ""
    covered = acked[0][1] if acked else {}
    devices: list[Device] = []
    holders: list[Device] = []
    present: list[str] = []
    for directory in directories:
        files = sorted(p.name for p in directory.iterdir() if _numbered(p.name))
        present += [f"{directory.name}/{name}" for name in files]
        acks = read_acks(directory)
        device = Device(
            origin=directory.name,
            name=acks.name or names.get(directory.name, ""),
            last_synced=acks.written_at,
            files=len(files),
            forgotten=None if counts(acks, forgotten) else forgotten[directory.name],
            mine=directory.name in mine,
        )
        devices.append(device)
        held_back = latest and latest not in acks.snapshots and device.forgotten is None
        if held_back and not device.mine:
            holders.append(device)
    snapshots = {label for label, _header in headers}
    beyond = [label for label in present if label not in covered and label not in snapshots]
    created = str(headers[0][1].get("created_at", "")) if headers else ""
    return FolderState(
        folder=folder,
        devices=devices,
        files=len(present),
        latest=latest,
        latest_at=_stamp(created),
        acknowledged=acked[0][0] if acked else "",
        beyond_files=len(beyond),
        beyond_records=sum(records.get(label, 0) for label in beyond),
        superseded=superseded_beyond(store, folder, acked[0][0] if acked else ""),
        holders=holders,
    )


def _stamp(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def find_device(state: FolderState, who: str) -> Device:
    """The device of the folder named `who`: its device id (or the end of it shown in lists,
    at least 8 characters) or its advisor's name; a UserError when none or several match."""
    wanted = who.strip().casefold()
    by_id = [d for d in state.devices if len(wanted) >= 8 and d.origin.endswith(wanted)]
    found = by_id or [d for d in state.devices if d.name.casefold() == wanted]
    if not found:
        raise UserError(
            "No device syncing in {folder} is called {who}; hubtui sync peers lists them.",
            folder=state.folder,
            who=who,
        )
    if len(found) > 1:
        raise UserError(
            "Several devices in {folder} are called {who}; give the device id instead: {ids}.",
            folder=state.folder,
            who=who,
            ids=", ".join(d.origin for d in found),
        )
    return found[0]


def forget_peer(store: Store, folder: Path, who: str) -> Device:
    """Forget a device of the folder: its acknowledgements no longer hold compaction back
    (until it syncs there again); its files go once a snapshot covers them."""
    device = find_device(folder_state(store, folder), who)
    if device.mine:
        raise UserError(
            "{who} is this database (or it under an earlier device id); it cannot forget itself.",
            who=who,
        )
    write_forgotten(check_folder(folder) / store.origin, device.origin)
    return device
