"""What marks a change file as a snapshot: its name and the keys of its header.

A snapshot is an ordinary change file (any hubtui that reads change files reads it) named
`snapshot-NNNNNNNN.hubsync` in its device's folder, whose header also says what it covers:
`covers` (every change file, "device/name" -> checksum, whose records the snapshot's device
held when it wrote it) and `covered` (the version vector of everything that device held: per
device, the greatest clock stamp).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from hubtui.sync.files import SUFFIX

SNAPSHOT_NAME = re.compile(r"^snapshot-(\d{8})" + re.escape(SUFFIX) + "$")
KIND = "snapshot"
ACKS = "acks.json"  # in each device's folder: the snapshots that device has imported or written


def snapshot_keys(header: Mapping[str, Any]) -> dict[str, Any]:
    """The snapshot keys of a header (empty for an ordinary change file)."""
    if header.get("kind") != KIND:
        return {}
    return {key: header[key] for key in ("kind", "covers", "covered") if key in header}


def covers(header: Mapping[str, Any] | None) -> dict[str, str]:
    """The files a snapshot's header says it covers ("device/name" -> checksum)."""
    found = (header or {}).get("covers")
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items()}


def covered_vector(header: Mapping[str, Any] | None) -> dict[str, str]:
    found = (header or {}).get("covered")
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items()}
