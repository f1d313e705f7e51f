"""Change records on their way into a change file: read from the database as the text the
file holds (no datetime parsed and formatted again, no dict per record) and written as JSON
lines in bulk. The lines are byte for byte what `json.dumps(to_plain(record),
ensure_ascii=False, separators=(",", ":"))` gives, so files read as they always have.

    rows = rows_after(conn, 0)             # FileRow tuples in arrival order
    text = lines(rows)                     # the file's records, one JSON line each
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from json.encoder import encode_basestring  # the C one where there is one
from typing import Any

from sqlalchemy import Connection

from hubtui.sync.records import CHANGE, FIELDS, changes_after, to_plain

FileRow = tuple[Any, ...]
"""A record as its file holds it: the FIELDS in order (recorded_at as ISO text with its
offset), then its arrival number `seq` (None for records not read from a database)."""
SEQ = len(FIELDS)
ORIGIN, HLC = FIELDS.index("origin"), FIELDS.index("hlc")

# How SQLAlchemy stores a datetime in SQLite; it reads it back naive, in UTC.
_SQLITE_STAMP = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
_SELECT = f"SELECT {', '.join(FIELDS)}, seq FROM change WHERE seq > ?"
# One record's line with each field's JSON text put in (the keys in FIELDS' order).
_LINE = "{{" + ",".join(f'"{name}":{{}}' for name in FIELDS) + "}}\n"
_LINE_FORMAT = _LINE.format


def rows_after(
    conn: Connection, seq: int, *, skip_origins: Iterable[str] = (), limit: int | None = None
) -> list[FileRow]:
    """As `records.changes_after` (records that arrived after `seq`, in arrival order), as
    FileRows. On SQLite the rows come straight from the driver."""
    if conn.dialect.name != "sqlite":
        return rows_of(changes_after(conn, seq, skip_origins=skip_origins, limit=limit))
    skip = list(skip_origins)
    sql = _SELECT
    if skip:
        sql += f" AND origin NOT IN ({', '.join('?' * len(skip))})"
    sql += " ORDER BY seq"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql, [seq, *skip])
        rows = cursor.fetchall()
    finally:
        cursor.close()
    at = FIELDS.index("recorded_at")
    kind = CHANGE.c.recorded_at.type.dialect_impl(conn.dialect)  # as SQLAlchemy reads it
    read = kind.result_processor(conn.dialect, None)
    stamps = [_file_stamp(row[at], read) for row in rows]
    return [(*row[:at], stamp, *row[at + 1 :]) for row, stamp in zip(rows, stamps, strict=True)]


def _file_stamp(stored: Any, read: Callable[[Any], Any] | None) -> Any:
    """A recorded_at as SQLite holds it, as `to_plain` writes it (ISO with +00:00; no
    fraction when it is zero, as `isoformat` leaves it out). Text in another form is read
    by the column's own type (`read`), as `changes_after` reads it."""
    if isinstance(stored, str) and _SQLITE_STAMP.fullmatch(stored):
        fraction = "" if stored.endswith(".000000") else stored[19:]
        return f"{stored[:10]}T{stored[11:19]}{fraction}+00:00"
    value = read(stored) if read is not None else stored
    return to_plain({**dict.fromkeys(FIELDS), "recorded_at": value})["recorded_at"]


def rows_of(records: Iterable[Mapping[str, Any]]) -> list[FileRow]:
    """Records (as `changes_after` reads them) as FileRows."""
    out = []
    for record in records:
        plain = to_plain(record)
        out.append((*(plain[name] for name in FIELDS), record.get("seq")))
    return out


def lines(rows: Sequence[FileRow]) -> str:
    """The records' JSON lines, each ending in a newline."""
    try:
        return "".join([_LINE_FORMAT(*map(encode_basestring, row[:SEQ])) for row in rows])
    except TypeError:  # a field that is not text (only from outside hubtui's own tables)
        return "".join(map(_line, rows))


def _line(row: FileRow) -> str:
    try:
        return _LINE_FORMAT(*map(encode_basestring, row[:SEQ]))
    except TypeError:
        record = dict(zip(FIELDS, row, strict=False))
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def version_vector(rows: Iterable[FileRow]) -> dict[str, str]:
    """Per device that made some of the records, the greatest clock stamp among them."""
    vector: dict[str, str] = {}
    for row in rows:
        origin, hlc = row[ORIGIN], row[HLC]
        if hlc > vector.get(origin, ""):
            vector[origin] = hlc
    return vector
