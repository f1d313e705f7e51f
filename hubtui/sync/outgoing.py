"""Change records on their way into a change file: read from the database as the text the
file holds (no datetime parsed and formatted again, no dict per record) and written as JSON
lines in bulk. The lines are byte for byte what `json.dumps(to_plain(record),
ensure_ascii=False, separators=(",", ":"))` gives, so files read as they always have.

    rows = rows_after(conn, 0)             # FileRow tuples in arrival order
    text = lines(rows)                     # the file's records, one JSON line each
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from json.encoder import encode_basestring  # the C one where there is one
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite

from hubtui.errors import UserError
from hubtui.i18n import _
from hubtui.i18n.fields import entity_words, field_words, writer_words
from hubtui.sync.records import CHANGE, FIELDS, changes_after, to_plain

FileRow = tuple[Any, ...]
"""A record as its file holds it: the FIELDS in order (recorded_at as ISO text with its
offset), then its arrival number `seq` (None for records not read from a database)."""
SEQ = len(FIELDS)
ORIGIN, HLC = FIELDS.index("origin"), FIELDS.index("hlc")

AT = FIELDS.index("recorded_at")
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
    kind = CHANGE.c.recorded_at.type.dialect_impl(conn.dialect)  # as SQLAlchemy reads it
    read = kind.result_processor(conn.dialect, None)
    stamps = [_file_stamp(row[AT], read) for row in rows]
    return [(*row[:AT], stamp, *row[AT + 1 :]) for row, stamp in zip(rows, stamps, strict=True)]


@dataclass(frozen=True)
class Damaged:
    """A recorded_at that is no time (a damaged database: month 13, not a date at all), in
    place of the text a file would hold: it must not reach a file, where the receiving peer
    would refuse the whole file (`lines` fails on it rather than write it)."""

    stored: Any


def _file_stamp(stored: Any, read: Callable[[Any], Any] | None) -> Any:
    """A recorded_at as SQLite holds it (how SQLAlchemy stores a datetime: naive UTC,
    "2026-12-03 13:45:36.966836"), as `to_plain` writes it (ISO with +00:00; no fraction
    when it is zero, as `isoformat` leaves it out). Text in another form is read by the
    column's own type (`read`), as `changes_after` reads it; a stamp that is no time is
    `Damaged`."""
    if isinstance(stored, str) and len(stored) == 26 and stored[10] == " " and stored[19] == ".":
        try:
            dt.datetime.fromisoformat(stored)  # the shape alone lets month 13 through
        except ValueError:
            return Damaged(stored)
        fraction = "" if stored.endswith(".000000") else stored[19:]
        return f"{stored[:10]}T{stored[11:19]}{fraction}+00:00"
    try:
        value = read(stored) if read is not None else stored
    except (ValueError, TypeError):
        return Damaged(stored)
    if not isinstance(value, dt.datetime):
        return Damaged(stored)
    return to_plain({**dict.fromkeys(FIELDS), "recorded_at": value})["recorded_at"]


def first_damaged(rows: Sequence[FileRow]) -> int | None:
    """The index of the first row whose time stamp is damaged (None: none is)."""
    return next((i for i, row in enumerate(rows) if type(row[AT]) is Damaged), None)


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
        return (
            json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        )  # Damaged: fails


def version_vector(rows: Iterable[FileRow]) -> dict[str, str]:
    """Per device that made some of the records, the greatest clock stamp among them."""
    vector: dict[str, str] = {}
    for row in rows:
        origin, hlc = row[ORIGIN], row[HLC]
        if hlc > vector.get(origin, ""):
            vector[origin] = hlc
    return vector


def damaged_stamp(row: FileRow, *, to: str = "folder") -> UserError:
    """What to tell the user of a record not sent because its time stamp is damaged: `to` a
    "folder" (it and what follows wait), a "file" (nothing written) or the "team" database."""
    entity, entity_id, field = row[1], row[2], row[3]
    params = {
        "kind": entity_words(entity),
        "id": entity_id,
        "what": _("its creation") if field == "*" else field_words(field),
        "who": writer_words(row[FIELDS.index("advisor")], row[ORIGIN]),
        "stamp": repr(row[AT].stored if type(row[AT]) is Damaged else row[AT]),
    }
    if to == "file":
        return UserError(
            "The change record of {kind} {id} ({what}, by {who}) has a damaged time stamp "
            "({stamp}), so nothing was written; run hubtui doctor --repair to mend it, then "
            "export again.",
            **params,
        )
    if to == "team":
        return UserError(
            "The change record of {kind} {id} ({what}, by {who}) has a damaged time stamp "
            "({stamp}), so it and the changes after it were not sent to the team database "
            "(they wait, so that no one misses one); run hubtui doctor --repair to mend it, "
            "then sync again.",
            **params,
        )
    return UserError(
        "The change record of {kind} {id} ({what}, by {who}) has a damaged time stamp "
        "({stamp}), so it and the changes after it were not written to the sync folder (they "
        "wait, so that no peer misses one); run hubtui doctor --repair to mend it, then sync "
        "again.",
        **params,
    )


@cache
def _sqlite_read() -> Callable[[Any], Any] | None:
    dialect = sqlite.dialect()
    return CHANGE.c.recorded_at.type.dialect_impl(dialect).result_processor(dialect, None)


def stamp_damaged(stored: Any) -> bool:
    """Whether a recorded_at as SQLite holds it is no time (a record sync will not send)."""
    return type(_file_stamp(stored, _sqlite_read())) is Damaged
