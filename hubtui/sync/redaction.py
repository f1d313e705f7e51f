"""Erasure in the sync folders (the sync half of erasure; the database half is
`hubtui.store.erasure`): this device's own change files lose an erased person's data.

A change file written before an erasure still holds the person's values. Each device owns the
files in its outbox (`<folder>/<device id>/`), so each rewrites only its own: when it erases
someone, and when a sync brings it an erasure. A rewritten file keeps its name, so devices that
imported it already do not import it again; a new device imports the redacted version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from hubtui.files import write_atomically
from hubtui.store import tables
from hubtui.store.device import COPIED_FROM, PREVIOUS, ids
from hubtui.store.erasure import ERASED_FIELD, PERSONAL_ENTITIES, erased_ids, redacted_value
from hubtui.store.store import Store
from hubtui.sync.files import SUFFIX, RejectedFile, encode_file, read_change_file
from hubtui.sync.peers import FOLDER_KEY, folder_tag
from hubtui.sync.snapshot_format import snapshot_keys

_CHANGE = tables.CHANGE
_STATE = tables.LOCAL_STATE
_FILE = tables.SYNC_FILE
_DONE_KEY = "safety.erasures_in_sync_files"  # how many erasures the files already reflect


def redact_records(
    records: list[dict[str, Any]], erased: dict[str, set[str]]
) -> list[dict[str, Any]]:
    """The records with the personal values of erased rows replaced."""
    out = []
    for record in records:
        entity, field = record["entity"], record["field"]
        if record["entity_id"] in erased.get(entity, ()) and field != ERASED_FIELD:
            record = {**record, "value": redacted_value(entity, field, record["value"])}
        out.append(record)
    return out


def scrub_sync_folders(store: Store, *, force: bool = False) -> int:
    """Rewrite this device's change files that hold erased people's data; how many it did.

    Cheap when nothing was erased since the last time (unless `force`)."""
    with store.read() as conn:
        keys = conn.execute(select(_STATE.c.key).where(_STATE.c.key.like(f"{FOLDER_KEY}%")))
        folders = [Path(key.removeprefix(FOLDER_KEY)) for key in keys.scalars()]
        erased = {entity: erased_ids(conn, entity) for entity in PERSONAL_ENTITIES}
        count = conn.execute(
            select(func.count()).where(_CHANGE.c.field == ERASED_FIELD)
        ).scalar_one()
        done = conn.execute(select(_STATE.c.value).where(_STATE.c.key == _DONE_KEY)).scalar()
        earlier = conn.execute(
            select(_STATE.c.value).where(_STATE.c.key.in_([PREVIOUS, COPIED_FROM]))
        ).scalars()
        # this device's own files, those it wrote under an earlier id (before a restore), and
        # those of the database it is a copy of (which may have stopped syncing: an erased
        # person's data must not stay in its files)
        owned = [store.origin, *(i for text in earlier for i in ids(text or ""))]
    if not force and str(count) == (done or "0"):
        return 0
    rewritten = 0
    for folder in folders:
        for path in sorted(p for origin in owned for p in (folder / origin).glob(f"*{SUFFIX}")):
            try:
                change_file = read_change_file(path)
            except RejectedFile:
                continue  # not a file this device can read: nothing of ours to clean
            records = [dict(r) for r in change_file.records]
            clean = redact_records(records, erased)
            if clean == records:
                continue
            data, checksum = encode_file(
                clean,
                origin=change_file.origin,
                name=change_file.name,
                rewritten="erasure",
                extra=snapshot_keys(change_file.header),
            )
            write_atomically(path, data)
            with store.write() as writer:
                writer.conn.execute(
                    update(_FILE)
                    .where(
                        _FILE.c.origin == path.parent.name,
                        _FILE.c.name == f"{folder_tag(folder)}/{path.name}",
                    )
                    .values(checksum=checksum)
                )
            rewritten += 1
    with store.write() as writer:
        state = writer.conn.execute(
            update(_STATE).where(_STATE.c.key == _DONE_KEY).values(value=str(count))
        )
        if not state.rowcount:
            writer.conn.execute(_STATE.insert().values(key=_DONE_KEY, value=str(count)))
    return rewritten
