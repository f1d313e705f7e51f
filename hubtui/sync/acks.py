"""What each device says in its folder about compaction, and who holds compaction back.

- `acks.json` (written at every sync): the snapshots that device has imported or written,
  when it wrote that (so when it last synced there) and its advisor's name.
- `forgotten.json`: the devices this device was told to forget (`hubtui sync forget-peer`),
  each with when. A forgotten device's acknowledgements no longer hold compaction back (its
  files go once a snapshot every other device has acknowledged covers them) until it syncs
  there again: an `acks.json` written after it was forgotten counts again.

Each device writes only these two files of its own; every device reads everyone's.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from hubtui.files import write_atomically
from hubtui.sync.snapshot_format import ACKS

FORGOTTEN = "forgotten.json"


@dataclass(frozen=True)
class Acks:
    origin: str  # the device (its folder's name)
    snapshots: frozenset[str]  # "device/name" of each snapshot it acknowledged
    written_at: dt.datetime | None  # when it last synced there (None: never said)
    name: str  # its advisor's name ("" when it did not say)


def _parse(stamp: object) -> dt.datetime | None:
    if not isinstance(stamp, str):
        return None
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def _mtime(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:
        return None


def _json(path: Path) -> dict[str, object]:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return body if isinstance(body, dict) else {}


def read_acks(directory: Path) -> Acks:
    """A device's acks.json; when it lacks a time (an older hubtui), the file's own time, or
    (no acks.json at all) that of the newest file in the device's folder."""
    body = _json(directory / ACKS)
    found = body.get("snapshots")
    snapshots = frozenset(str(s) for s in found) if isinstance(found, list) else frozenset()
    when = _parse(body.get("written_at"))
    if when is None and body:
        when = _mtime(directory / ACKS)
    if when is None:
        try:
            times = [t for p in directory.iterdir() if (t := _mtime(p)) is not None]
        except OSError:
            times = []
        when = max(times, default=None)
    name = body.get("name")
    return Acks(directory.name, snapshots, when, name if isinstance(name, str) else "")


def acks_body(origin: str, name: str, labels: Iterable[str]) -> bytes:
    now = dt.datetime.now(dt.UTC).isoformat()
    body = {
        "format": "hubtui-acks",
        "origin": origin,
        "name": name,
        "written_at": now,
        "snapshots": sorted(labels),
    }
    return json.dumps(body).encode()


def read_forgotten(devices: Iterable[Path]) -> dict[str, dt.datetime]:
    """Every device some device here was told to forget, with the latest time it was."""
    out: dict[str, dt.datetime] = {}
    for directory in devices:
        found = _json(directory / FORGOTTEN).get("devices")
        if not isinstance(found, dict):
            continue
        for device, stamp in found.items():
            when = _parse(stamp)
            if when is not None and (device not in out or when > out[str(device)]):
                out[str(device)] = when
    return out


def write_forgotten(outbox: Path, device: str) -> dt.datetime:
    """Note in this device's folder that `device` is forgotten (from now); returns when."""
    body = _json(outbox / FORGOTTEN)
    found = body.get("devices")
    devices = dict(found) if isinstance(found, dict) else {}
    now = dt.datetime.now(dt.UTC)
    devices[device] = now.isoformat()
    data = {"format": "hubtui-forgotten", "origin": outbox.name, "devices": devices}
    write_atomically(outbox / FORGOTTEN, json.dumps(data).encode())
    return now


def counts(acks: Acks, forgotten: Mapping[str, dt.datetime]) -> bool:
    """Whether a device's acknowledgements hold compaction back: not forgotten, or synced
    there again since it was."""
    when = forgotten.get(acks.origin)
    return when is None or (acks.written_at is not None and acks.written_at > when)
