"""Compaction of a sync folder: snapshots, acknowledgements, and removing what they cover.

A snapshot holds the change records that decide the current state of everything its device
holds: every insert record, every record of no column (an erasure notice), and for each
field of each row its latest edit; of an erased person only the erasure notice. Overwritten
edits are left out, so it is much smaller than the files it covers, and because each field
takes the value of its latest change, the records it leaves out never decide anything again:
a database that imports the snapshot has the same rows as one that imported every file.

Each device writes `acks.json` in its own folder: the snapshots it has imported or written.
A device removes a file of its own once a snapshot covers it and every device with a folder
there has acknowledged that snapshot; the file's name stays noted (as compacted) so it is
never written again or reported missing. A device that imports a snapshot notes the files it
covers as imported and skips those still present (a new laptop starts from the snapshot).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import update

from hubtui.errors import UserError
from hubtui.files import write_atomically
from hubtui.store import Store, Writer, tables
from hubtui.store.codec import recorded_columns
from hubtui.store.device import PREVIOUS, ids
from hubtui.store.erasure import ERASED_FIELD, PERSONAL_ENTITIES, erased_ids
from hubtui.sync.acks import FORGOTTEN, acks_body, counts, read_acks, read_forgotten
from hubtui.sync.files import SUFFIX, encode_file, read_header
from hubtui.sync.peers import folder_tag, get_state, known_files, note_file
from hubtui.sync.records import Record, iter_changes_after
from hubtui.sync.snapshot_format import ACKS, KIND, SNAPSHOT_NAME, covers
from hubtui.sync.superseded import note_snapshot

COMPACTED = "compacted"  # the checksum noted for an own file removed by compaction
FILE = tables.SYNC_FILE


def snapshot_records(writer: Writer) -> tuple[list[Record], dict[str, str]]:
    """The records that decide this database's state (see the module text), and the version
    vector of every record it holds."""
    erased = {e: erased_ids(writer.conn, e) for e in PERSONAL_ENTITIES}
    latest: dict[tuple[str, str, str], Record] = {}
    kept: list[Record] = []
    held: dict[str, str] = {}
    for chunk in iter_changes_after(writer.conn, 0):
        for record in chunk:
            origin, stamp = record["origin"], record["hlc"]
            if stamp > held.get(origin, ""):
                held[origin] = stamp
            entity, field = record["entity"], record["field"]
            if record["entity_id"] in erased.get(entity, ()):
                if field == ERASED_FIELD:
                    kept.append(record)
                continue
            if field == "*" or field not in recorded_columns(entity):
                kept.append(record)
                continue
            key = (entity, record["entity_id"], field)
            best = latest.get(key)
            if best is None or (stamp, origin, record["id"]) > (
                best["hlc"],
                best["origin"],
                best["id"],
            ):
                latest[key] = record
    return kept + list(latest.values()), held


def _own_numbers(names: Iterable[str]) -> int:
    return max((int(m.group(1)) for n in names if (m := SNAPSHOT_NAME.match(n))), default=0)


def write_snapshot(writer: Writer, store: Store, folder: Path, name: str = "") -> tuple[str, int]:
    """Write a snapshot of this database into its folder in `folder` (under `name`, or the
    next number); returns its "device/name" and how many records it holds."""
    known = known_files(writer.conn, folder)
    outbox = folder / store.origin
    if not name:
        own = [n for o, n in known if o == store.origin]
        present = [p.name for p in outbox.iterdir()] if outbox.is_dir() else []
        name = f"snapshot-{_own_numbers([*own, *present]) + 1:08d}{SUFFIX}"
    try:
        records, held = snapshot_records(writer)
    except ValueError:  # a record's time cannot be read: a damaged database
        raise UserError(
            "A change record here has a damaged time stamp, so no snapshot can be written; run "
            "hubtui doctor --repair to mend it."
        ) from None
    # Files removed already are listed too (as compacted): a laptop starting from this
    # snapshot then knows them and does not report them missing.
    covered = {
        f"{origin}/{file}": checksum
        for (origin, file), checksum in known.items()
        if (origin, file) != (store.origin, name)
    }
    extra = {"kind": KIND, "covers": covered, "covered": held}
    data, checksum = encode_file(records, origin=store.origin, name=store.advisor, extra=extra)
    write_atomically(outbox / name, data)
    note_file(writer.conn, folder, store.origin, name, checksum, len(records))
    note_snapshot(writer.conn, folder, f"{store.origin}/{name}")
    return f"{store.origin}/{name}", len(records)


def write_acks(store: Store, folder: Path) -> None:
    """Say in this device's folder which snapshots it has imported or written (and when)."""
    with store.read() as conn:
        known = known_files(conn, folder)
        previous = get_state(conn, PREVIOUS)
    labels = [f"{o}/{n}" for (o, n) in known if SNAPSHOT_NAME.match(n)]
    body = acks_body(store.origin, store.advisor, labels)
    write_atomically(folder / store.origin / ACKS, body)
    # The folders this database wrote under an earlier device id of its own (before a restore)
    # would otherwise hold compaction back for ever: they acknowledge the same. Not the folder
    # of a database this one is a copy of: that one says for itself what it has imported.
    for old in ids(previous):
        if (folder / old).is_dir():
            write_atomically(folder / old / ACKS, body)


def snapshot_headers(folder: Path, devices: Iterable[Path]) -> list[tuple[str, dict[str, Any]]]:
    """Every readable snapshot in the folder, newest first: ("device/name", header)."""
    found = []
    for directory in devices:
        for path in directory.iterdir():
            if SNAPSHOT_NAME.match(path.name):
                header = read_header(path)
                if header is not None and header.get("kind") == KIND:
                    found.append((f"{directory.name}/{path.name}", header))
    return sorted(found, key=lambda item: str(item[1].get("created_at", "")), reverse=True)


def acknowledged(folder: Path, devices: list[Path]) -> list[tuple[str, dict[str, str]]]:
    """Every snapshot that every device whose acknowledgements count (see hubtui.sync.acks)
    has acknowledged, newest first: ("device/name", the files it covers)."""
    forgotten = read_forgotten(devices)
    acks = [a for a in map(read_acks, devices) if counts(a, forgotten)]
    return [
        (label, covers(header))
        for label, header in snapshot_headers(folder, devices)
        if all(label in a.snapshots for a in acks)
    ]


def remove_covered(store: Store, folder: Path, devices: list[Path]) -> list[str]:
    """Remove the files that a snapshot every device has acknowledged covers: this device's
    own, those it wrote under an earlier device id of its own (not those of a database it is a
    copy of: that one removes its own, or rewrites them if they went too early), and those of
    forgotten devices; the "device/name" of each removed."""
    acked = acknowledged(folder, devices)
    if not acked:
        return []
    with store.read() as conn:
        previous = ids(get_state(conn, PREVIOUS))
    forgotten = read_forgotten(devices)
    owners = {store.origin, *previous}
    owners |= {d.name for d in devices if not counts(read_acks(d), forgotten)}
    removed = []
    with store.write() as writer:
        for owner in sorted(owners):
            outbox = folder / owner
            paths = sorted(outbox.iterdir()) if outbox.is_dir() else []
            for path in paths:
                label = f"{owner}/{path.name}"
                if path.name in (ACKS, FORGOTTEN) or not any(
                    label in covered and label != by for by, covered in acked
                ):
                    continue
                try:
                    path.unlink()
                except OSError:
                    continue  # tried again at the next sync
                key = f"{folder_tag(folder)}/{path.name}"
                writer.conn.execute(
                    update(FILE)
                    .where(FILE.c.origin == owner, FILE.c.name == key)
                    .values(checksum=COMPACTED)
                )
                removed.append(label)
    return removed


def note_covered(writer: Writer, folder: Path, header: dict[str, Any]) -> dict[str, str]:
    """After importing a snapshot: note every file it covers as imported here (those not
    noted yet); returns them ("device/name" -> checksum) for the caller to skip."""
    known = known_files(writer.conn, folder)
    fresh = {}
    for label, checksum in covers(header).items():
        origin, _, name = label.partition("/")
        if (origin, name) in known or not name:
            continue
        note_file(writer.conn, folder, origin, name, checksum, 0)
        fresh[label] = checksum
    return fresh
