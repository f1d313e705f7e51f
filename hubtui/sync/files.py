"""Change files: gzip'd JSON lines, a header first (format, version, schema revision, origin,
record count, SHA-256 of the records), written atomically so a reader never sees half a file.
Reading checks everything and rejects the whole file with a reason on the first problem.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hubtui.store import migrate
from hubtui.sync.outgoing import FileRow, lines, rows_of, version_vector
from hubtui.sync.records import BadRecord, Record, check_record, loads

FORMAT = "hubtui-changes"
VERSION = 1
SUFFIX = ".hubsync"
_GZIP_MAGIC = b"\x1f\x8b"


class RejectedFile(Exception):
    """A change file hubtui will not import; str(e) is the reason."""


@dataclass(frozen=True)
class ChangeFile:
    origin: str
    name: str  # the writing device's advisor name, for people reading the peer list
    schema: str
    checksum: str
    created_at: str
    records: list[Record]
    header: Mapping[str, Any] = field(default_factory=dict)  # the whole header, as read


def encode_file(
    records: Sequence[Mapping[str, Any]],
    *,
    origin: str,
    name: str,
    rewritten: str = "",
    extra: Mapping[str, Any] | None = None,
) -> tuple[bytes, str]:
    """The bytes of a change file holding `records`, and the checksum in its header.

    The header also carries the file's version vector (`vector`: per device that made records
    in it, the greatest clock stamp among them) and any `extra` keys (a snapshot's)."""
    return encode_rows(rows_of(records), origin=origin, name=name, rewritten=rewritten, extra=extra)


def encode_rows(
    rows: Sequence[FileRow],
    *,
    origin: str,
    name: str,
    rewritten: str = "",
    extra: Mapping[str, Any] | None = None,
) -> tuple[bytes, str]:
    """`encode_file` for records read as FileRows (`outgoing.rows_after`)."""
    payload = lines(rows).encode()
    checksum = hashlib.sha256(payload).hexdigest()
    header: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "schema": migrate.head_revision(),
        "origin": origin,
        "name": name,
        "records": len(rows),
        "sha256": checksum,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "vector": version_vector(rows),
        **(extra or {}),
    }
    if rewritten:  # the writer replaced a file of its own (an erasure, a lost file) on purpose
        header["rewritten"] = rewritten
    head = json.dumps(header, ensure_ascii=False).encode() + b"\n"
    return gzip.compress(head + payload, compresslevel=6, mtime=0), checksum


MAX_UNPACKED = 1 << 30
"""The most a change file may unpack to (1 GiB): a small file that would inflate to gigabytes
(a gzip bomb) is refused once it passes this, without unpacking the rest."""


def _unpack(raw: bytes) -> bytes:
    if not raw.startswith(_GZIP_MAGIC):
        raise RejectedFile("it is not a hubtui change file")
    out = bytearray()
    data = raw
    try:
        while data.startswith(_GZIP_MAGIC):  # one gzip member after another
            inflate = zlib.decompressobj(wbits=31)
            pending = data
            while not inflate.eof:
                room = MAX_UNPACKED + 1 - len(out)
                out += inflate.decompress(pending, room)
                if len(out) > MAX_UNPACKED:
                    raise RejectedFile(
                        f"it unpacks to more than {MAX_UNPACKED // 2**20} MiB, more than a "
                        "change file can hold (it may be a gzip bomb)"
                    )
                pending = inflate.unconsumed_tail
                if not pending and not inflate.eof:
                    raise RejectedFile("it is cut short (truncated)")
            data = inflate.unused_data
    except zlib.error:
        raise RejectedFile("it is damaged (it cannot be unpacked)") from None
    if data.strip(b"\x00"):
        raise RejectedFile("it is damaged (it has extra bytes at the end)")
    return bytes(out)


HEADER_LIMIT = 16 << 20
"""The longest header line read alone (16 MiB): a snapshot's lists every file it covers, about
a hundred bytes each."""


def read_header(path: Path) -> dict[str, Any] | None:
    """A change file's header alone (None when it cannot be read): cheap, for checking that a
    file is still the one imported under its name."""
    try:
        with gzip.open(path, "rb") as f:
            return _header(f.readline(HEADER_LIMIT))
    except (OSError, EOFError, zlib.error, RejectedFile):
        return None


def _header(line: bytes) -> dict[str, Any]:
    try:
        header = json.loads(line)
    except ValueError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise RejectedFile("it is not a hubtui change file")
    version = header.get("version")
    if not isinstance(version, int):
        raise RejectedFile("it is damaged (its header has no format version)")
    if version > VERSION:
        raise RejectedFile(
            f"it was written by a newer hubtui (file format {version}); upgrade hubtui to import it"
        )
    schema = header.get("schema")
    if not isinstance(schema, str) or schema not in migrate.known_revisions():
        raise RejectedFile(
            f"it was written by a newer hubtui (schema {str(schema)[:20]}); "
            "upgrade hubtui to import it"
        )
    for key, kind in (("origin", str), ("records", int), ("sha256", str)):
        if not isinstance(header.get(key), kind):
            raise RejectedFile(f"it is damaged (its header lacks {key})")
    return header


def decode_file(raw: bytes) -> ChangeFile:
    """Check and read a change file's bytes; RejectedFile says why it cannot be imported."""
    text = _unpack(raw)
    head, _, payload = text.partition(b"\n")
    header = _header(head)
    if hashlib.sha256(payload).hexdigest() != header["sha256"]:
        raise RejectedFile("it is damaged (its checksum does not match)")
    lines = _lines(payload)
    if len(lines) != header["records"]:
        raise RejectedFile("it is damaged (it holds a different number of records than it says)")
    records: list[Record] = []
    for line in lines:
        try:
            records.append(check_record(_line_value(line)))
        except ValueError as e:  # BadRecord is a ValueError, and so is bad JSON
            reason = str(e) if isinstance(e, BadRecord) else "a line is not JSON"
            raise RejectedFile(f"it holds a bad change record ({reason})") from None
    return ChangeFile(
        origin=header["origin"],
        name=str(header.get("name", "")),
        schema=header["schema"],
        checksum=header["sha256"],
        created_at=str(header.get("created_at", "")),
        records=records,
        header=header,
    )


def _lines(payload: bytes) -> list[str] | list[bytes]:
    """The payload's lines (as bytes.splitlines cuts them): as text when it is UTF-8 with
    nothing but newlines between lines (as hubtui writes it), otherwise as bytes."""
    if b"\r" not in payload:
        try:
            text = payload.decode()
        except UnicodeDecodeError:
            return payload.splitlines()
        return text.removesuffix("\n").split("\n") if text else []
    return payload.splitlines()


def _line_value(line: str | bytes) -> Any:
    """The JSON value of a line, exactly as json.loads reads its bytes."""
    if isinstance(line, bytes):
        return json.loads(line)
    try:
        return loads(line)  # quick for what hubtui wrote, json.loads(text) otherwise
    except ValueError:
        return json.loads(line.encode())  # the bytes' own reading (encodings, errors)


def read_change_file(path: Path) -> ChangeFile:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise RejectedFile(f"it cannot be read ({e.strerror})") from None
    return decode_file(raw)
