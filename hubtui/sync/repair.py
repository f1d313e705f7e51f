"""Anti-entropy for a sync folder: finding what went missing or changed, and mending it.

- A file imported before is checked against the checksum it had then (its header alone is
  read). A different file under the same name is reported and imported again; a file its
  writer rewrote on purpose (an erasure, a repair: its header says so) is imported again
  without a word.
- A gap in another device's numbering (00000003 absent between 2 and 4, never imported here)
  is reported: that device writes it again at its next sync.
- Each device checks its own files: one missing, damaged or changed is written again, under
  its name, from the range of arrival numbers it covered (recorded when it was written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hubtui.files import write_atomically
from hubtui.store import Store, Writer
from hubtui.sync.files import SUFFIX, encode_file, read_header
from hubtui.sync.peers import FOLDER_KEY, get_state, known_files, note_file, span_key
from hubtui.sync.records import Record, changes_after
from hubtui.sync.snapshot import COMPACTED, write_snapshot
from hubtui.sync.snapshot_format import SNAPSHOT_NAME


def recheck(
    directory: Path, files: list[Path], known: dict[tuple[str, str], str], changed: list[Any]
) -> list[Path]:
    """Files of another device imported before whose content is no longer what was imported;
    appends (file, what is wrong) to `changed` for those that were not rewritten on purpose."""
    again = []
    for path in files:
        checksum = known.get((directory.name, path.name))
        if checksum is None:
            continue
        header = read_header(path)
        label = f"{directory.name}/{path.name}"
        if header is None:
            changed.append(
                (label, "it was damaged after it was imported (what it held is already here)")
            )
        elif header["sha256"] != checksum:
            if not header.get("rewritten"):
                changed.append(
                    (label, "its content differs from what was imported under this name")
                )
            again.append(path)
    return again


def gaps(directory: Path, files: list[Path], known: dict[tuple[str, str], str]) -> list[str]:
    """Files missing from another device's numbering that were never imported here."""
    present = {path.name for path in files}
    numbers = [int(name[:8]) for name in present]
    numbers += [int(n[:8]) for o, n in known if o == directory.name and n[:8].isdigit()]
    missing = []
    for number in range(1, max(numbers, default=0)):
        name = f"{number:08d}{SUFFIX}"
        if name not in present and (directory.name, name) not in known:
            missing.append(f"{directory.name}/{name}")
    return missing


def repair_outbox(
    writer: Writer, store: Store, folder: Path, others: list[str]
) -> list[tuple[str, str]]:
    """Write again each of this device's files in `folder` that is missing, damaged or
    changed; returns (file, why) for each."""
    outbox = folder / store.origin
    repaired = []
    for (origin, name), checksum in known_files(writer.conn, folder).items():
        if origin != store.origin or checksum == COMPACTED:
            continue
        path = outbox / name
        why = _trouble(path, checksum)
        if not why:
            continue
        if SNAPSHOT_NAME.match(name):  # a snapshot: written again from the current state
            write_snapshot(writer, store, folder, name)
            repaired.append((f"{store.origin}/{name}", why))
            continue
        records = _covered(writer, folder, name, others)
        data, new_checksum = encode_file(
            records, origin=store.origin, name=store.advisor, rewritten="repair"
        )
        write_atomically(path, data)
        note_file(writer.conn, folder, store.origin, name, new_checksum, len(records))
        repaired.append((f"{store.origin}/{name}", why))
    return repaired


def _trouble(path: Path, checksum: str) -> str:
    if not path.exists():
        return "it was missing"
    header = read_header(path)
    if header is None:
        return "it was damaged"
    if header["sha256"] != checksum:
        return "its content had been changed"
    return ""


def _covered(writer: Writer, folder: Path, name: str, others: list[str]) -> list[Record]:
    """The records a file of this device covered: its recorded range of arrival numbers, or
    (a file written before ranges were recorded) everything up to the folder's cursor."""
    span = get_state(writer.conn, span_key(folder, name))
    if span:
        low, _, high = span.partition(":")
        start, end = int(low), int(high)
    else:
        start, end = 0, int(get_state(writer.conn, f"{FOLDER_KEY}{folder}", "0"))
    records = changes_after(writer.conn, start, skip_origins=others, limit=max(end - start, 0))
    return [r for r in records if r["seq"] <= end]
