"""This database's identity as a sync device, and noticing when it has become a copy.

Every database syncs as one device (`device_id` in local_state). Two files with one id would
be two writers under one name: through PostgreSQL neither would ever receive the other's
changes, and in a shared folder both would write the same file names. So a database also
records where it was last opened (the file's absolute path and the machine's name). A file
found somewhere else is a copy (a new laptop set up by copying hub.db, a backup opened
directly, a restore) and continues as a new device: a fresh id, its sync cursors back at the
start so that its next sync sends everything it holds again, and the old id remembered.

Two kinds of old id are kept apart. After a restore the database continues the same laptop
under a new id: the old id was its own (`device.previous`), nobody writes under it any more,
and this database cleans up what it wrote there (its files in a sync folder go once a
snapshot covers them, its acknowledgements are said for it). A copy is another database
than the one it was copied from, which may well go on syncing under its id: that id goes to
`device.copied_from`, and the copy leaves its files and acknowledgements to it (it only
redacts them when someone is erased). The earlier ids of the original (`device.previous`
before the copy) were its own before the copy and nobody's now: the copy keeps them as its
own too.
"""

from __future__ import annotations

import socket
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import Connection, insert, select, update

from hubtui.domain.errors import UserError
from hubtui.store import tables
from hubtui.store.ids import new_id

DEVICE = "device_id"
HOST = "device.host"
PATH = "device.path"
PREVIOUS = "device.previous"  # earlier ids of this database, oldest first, comma-separated
COPIED_FROM = "device.copied_from"  # ids of the databases this one is a copy of, likewise
AFTER_DELETE = "sync.after_delete"  # "seq:count" (hubtui.sync.after_delete)
# Reset in a copy or a restore: they count from its change records, not the original's
# (also hubtui.sync.superseded's counts).
CURSOR_PREFIXES = ("sync.folder:", "sync.push:", "sync.pull:", AFTER_DELETE, "sync.superseded")
_KEEP_PREVIOUS = 20
_STATE = tables.LOCAL_STATE


def location(path: Path) -> dict[str, str]:
    """Where a database file is now: this machine's name and the file's absolute path."""
    return {HOST: socket.gethostname(), PATH: str(path.resolve())}


def moved(state: Mapping[str, str], path: Path) -> bool:
    """True when the database recorded another place than `path` on this machine."""
    if HOST not in state or PATH not in state:
        return False  # never recorded (a database from before this check)
    return any(state[key] != value for key, value in location(path).items())


def ids(text: str) -> list[str]:
    """The ids of `device.previous` or `device.copied_from`."""
    return [p for p in text.split(",") if p]


def forked(state: Mapping[str, str], path: Path | None, *, copied: bool) -> dict[str, str]:
    """The local state of a database that continues as a new device (the keys that change):
    after a restore (its id was its own: `copied` False) or as a copy of another database."""
    previous, copied_from = ids(state.get(PREVIOUS, "")), ids(state.get(COPIED_FROM, ""))
    if state.get(DEVICE):
        (copied_from if copied else previous).append(state[DEVICE])
    out = {
        DEVICE: new_id(),
        PREVIOUS: ",".join(previous[-_KEEP_PREVIOUS:]),
        COPIED_FROM: ",".join(copied_from[-_KEEP_PREVIOUS:]),
    }
    out.update({key: "0" for key in state if key.startswith(CURSOR_PREFIXES)})
    if path is not None:
        out.update(location(path))
    return out


def read_state(conn: Connection) -> dict[str, str]:
    return {k: v for k, v in conn.execute(select(_STATE.c.key, _STATE.c.value)).all()}


def save_state(conn: Connection, values: Mapping[str, str]) -> None:
    for key, value in values.items():
        done = conn.execute(update(_STATE).where(_STATE.c.key == key).values(value=value))
        if done.rowcount == 0:
            conn.execute(insert(_STATE).values(key=key, value=value))


def copy_notice(state: Mapping[str, str], new_state: Mapping[str, str]) -> UserError:
    return UserError(
        "This database was last opened as {path} on {host}, so it is a copy: it now syncs as a "
        "new device ({device}) and its next sync sends everything it holds again, so that no "
        "change is lost.",
        path=state.get(PATH, "?"),
        host=state.get(HOST, "?"),
        device=new_state[DEVICE][-12:],
    )
