"""The peers as `hubtui sync peers` and the Sync screen list them: every device or team
database this one has received changes from, and (given the sync folder's state) every device
syncing in that folder, with whether it holds compaction back or was forgotten."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hubtui.sync.folder_state import Device, FolderState
from hubtui.sync.peers import PeerView


@dataclass(frozen=True)
class PeerRow:
    origin: str
    name: str
    last_synced: dt.datetime | None  # when something new last came from it
    changes_imported: int
    device: Device | None  # the device in the sync folder (None: not syncing there)
    holds_back: bool  # it has not imported the folder's newest snapshot (and is not forgotten)

    @property
    def last_seen(self) -> dt.datetime | None:
        """When it last synced in the folder (what it says there), else when something new
        last came from it (a file of a silent laptop may arrive here long after)."""
        if self.device is not None and self.device.last_synced is not None:
            return self.device.last_synced
        return self.last_synced

    @property
    def mine(self) -> bool:
        """This database itself (now or under an earlier device id)."""
        return self.device is not None and self.device.mine


def peer_rows(
    peers: list[PeerView], state: FolderState | None, *, mine: bool = False
) -> list[PeerRow]:
    """The peers (most recent first), then the folder's devices this database has never
    received anything from; this database's own devices in the folder only with `mine`."""
    devices = {d.origin: d for d in state.devices} if state is not None else {}
    holders = {d.origin for d in state.holders} if state is not None else set()
    rows = [
        PeerRow(
            p.origin,
            p.name,
            p.last_synced_at,
            p.changes_imported,
            devices.get(p.origin),
            p.origin in holders,
        )
        for p in peers
    ]
    listed = {p.origin for p in peers}
    rows += [
        PeerRow(d.origin, d.name, None, 0, d, d.origin in holders)
        for d in devices.values()
        if d.origin not in listed and (mine or not d.mine)
    ]
    return rows
