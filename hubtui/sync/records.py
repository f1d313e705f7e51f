"""Change records as sync exchanges them: reading them from a database and checking ones that
came from outside (a file, another database) before they go anywhere near the tables."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from json.scanner import make_scanner
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection, select

from hubtui.store import tables
from hubtui.store.codec import converters, recorded_columns, recorded_set, text_value
from hubtui.store.erasure import accepts_erasure_record
from hubtui.store.models import ENTITIES
from hubtui.store.tables import synced_table

CHANGE = tables.CHANGE
FIELDS = ("id", "entity", "entity_id", "field", "value", "hlc", "origin", "advisor", "recorded_at")
_HLC = re.compile(r"^\d{13}\.\d{6}$")
_ID_MAX = 36
READ_CHUNK = 20_000

Record = dict[str, Any]
"""One change record: the FIELDS above (recorded_at a timezone-aware datetime); one read from
outside also carries its value read from JSON under PARSED."""
PARSED = "_parsed"


class BadRecord(ValueError):
    """A change record from outside that hubtui cannot accept."""


def changes_after(
    conn: Connection, seq: int, *, skip_origins: Iterable[str] = (), limit: int | None = None
) -> list[Record]:
    """Change records that arrived after arrival number `seq`, in arrival order (with `seq`)."""
    query = select(*[CHANGE.c[name] for name in FIELDS], CHANGE.c.seq).where(CHANGE.c.seq > seq)
    skip = list(skip_origins)
    if skip:
        query = query.where(CHANGE.c.origin.not_in(skip))
    query = query.order_by(CHANGE.c.seq)
    if limit is not None:
        query = query.limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def iter_changes_after(
    conn: Connection, seq: int, *, skip_origins: Iterable[str] = ()
) -> Iterator[list[Record]]:
    """`changes_after` in chunks, so a big database never sits in memory at once."""
    while True:
        chunk = changes_after(conn, seq, skip_origins=skip_origins, limit=READ_CHUNK)
        if not chunk:
            return
        yield chunk
        seq = chunk[-1]["seq"]


def to_plain(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record as JSON-ready values (for a file)."""
    out = {name: record[name] for name in FIELDS}
    stamp = out["recorded_at"]
    if isinstance(stamp, dt.datetime):
        if stamp.tzinfo is None:  # SQLite hands back naive UTC
            stamp = stamp.replace(tzinfo=dt.UTC)
        out["recorded_at"] = stamp.isoformat()
    return out


@cache
def _columns(entity: str) -> tuple[tuple[str, bool], ...]:
    """Each recorded column of `entity` with whether a row needs a value in it."""
    table = synced_table(entity)
    return tuple((name, _required(table.c[name])) for name in recorded_columns(entity))


def _check_values(entity: str, values: Mapping[str, Any], *, whole_row: bool) -> None:
    """Each value must fit its column (kind, and not empty where a row needs it), so that a
    well-formed file with a wrong value is rejected instead of failing half-way."""
    convert = converters(entity)
    for name, required in _columns(entity):
        if name not in values:
            if whole_row and required:
                raise BadRecord(f"an insert record for {entity} lacks {name}")
            continue
        value = values[name]
        if value is None:
            if required:
                raise BadRecord(f"a change record leaves {entity}.{name} empty")
            continue
        if type(value) is str and convert[name] is text_value:
            continue  # text for a text column: nothing to check
        try:
            convert[name](value)
        except (ValueError, TypeError, AttributeError, OverflowError):
            raise BadRecord(
                f"a change record has a value of the wrong kind for {entity}.{name}"
            ) from None


@cache
def _kinds(entity: str) -> tuple[frozenset[str], dict[str, Any]]:
    """The columns of `entity` a row needs a value in, and each column's converter."""
    return frozenset(n for n, required in _columns(entity) if required), converters(entity)


def _fits(entity: str, values: Mapping[str, Any], *, whole_row: bool) -> bool:
    """Whether `_check_values` finds nothing wrong with these values (of columns only),
    without building its messages."""
    required, convert = _kinds(entity)
    if whole_row and not required <= values.keys():
        return False
    for name, value in values.items():
        if value is None:
            if name in required:
                return False
            continue
        check = convert[name]
        if check is text_value and type(value) is str:
            continue
        try:
            check(value)
        except (ValueError, TypeError, AttributeError, OverflowError):
            return False
    return True


def _required(column: Any) -> bool:
    return not column.nullable and column.default is None and column.server_default is None


def parsed_value(record: Mapping[str, Any]) -> Any:
    """The JSON value of a record (read once by check_record, kept under PARSED)."""
    if PARSED in record:
        return record[PARSED]
    return json.loads(record["value"])


# What json.loads scans with, without its wrappers (typeshed has make_scanner take a scanner;
# it takes the decoder whose settings it follows).
_scan = make_scanner(cast(Any, json.JSONDecoder()))
_take = itemgetter(*FIELDS)


def loads(text: str) -> Any:
    """json.loads(text), quicker for text that is one JSON value and nothing around it (as
    hubtui writes them); any other text goes to json.loads itself, errors and all."""
    try:
        value, end = _scan(text, 0)
    except (StopIteration, ValueError):
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def check_record(raw: Any) -> Record:
    """A record read from outside, checked field by field; BadRecord says what is wrong."""
    try:
        values = _take(raw)
        "".join(values)  # TypeError unless every field is text
    except (KeyError, TypeError):
        _refuse_shape(raw)  # raises
        raise
    if not isinstance(raw, dict):
        _refuse_shape(raw)
    record_id, entity, entity_id, field, text, stamp, origin, advisor, recorded = values
    if entity not in ENTITIES:
        raise BadRecord(f"a change record names an unknown kind of row '{entity[:40]}'")
    columns = recorded_set(entity)
    if field != "*" and field not in columns and not accepts_erasure_record(entity, field):
        raise BadRecord(f"a change record names an unknown field {entity}.{field[:40]}")
    if not (
        0 < len(record_id) <= _ID_MAX
        and 0 < len(entity_id) <= _ID_MAX
        and 0 < len(origin) <= _ID_MAX
    ):
        for name, given in (("id", record_id), ("entity_id", entity_id), ("origin", origin)):
            if not given or len(given) > _ID_MAX:
                raise BadRecord(f"a change record has an invalid {name}")
    if not _HLC.match(stamp):
        raise BadRecord("a change record has an invalid clock stamp")
    try:
        value = loads(text)
        recorded_at = _moment(recorded)
    except ValueError:
        raise BadRecord("a change record's value or time cannot be read") from None
    if field == "*":
        if not (isinstance(value, dict) and value.keys() <= columns):
            raise BadRecord(f"an insert record for {entity} carries unknown fields")
        if not _fits(entity, value, whole_row=True):
            _check_values(entity, value, whole_row=True)
    elif field in columns and not _fits(entity, {field: value}, whole_row=False):
        _check_values(entity, {field: value}, whole_row=False)  # not an erasure record
    return {
        "id": record_id,
        "entity": entity,
        "entity_id": entity_id,
        "field": field,
        "value": text,
        "hlc": stamp,
        "origin": origin,
        "advisor": advisor,
        "recorded_at": recorded_at,
        PARSED: value,
    }


_MOMENTS: dict[str, dt.datetime] = {}
_MOMENTS_KEPT = 4096


def _moment(text: str) -> dt.datetime:
    """The time of recording `text` stands for (UTC when it names no zone); the records of
    one batch share a time, read once, and the same object lets a bulk insert convert it once."""
    found = _MOMENTS.get(text)
    if found is None:
        found = dt.datetime.fromisoformat(text)
        if found.tzinfo is None:
            found = found.replace(tzinfo=dt.UTC)
        if len(_MOMENTS) >= _MOMENTS_KEPT:
            _MOMENTS.clear()
        _MOMENTS[text] = found
    return found


def _refuse_shape(raw: Any) -> None:
    """Why `raw` is not a record of text fields (the first problem, in FIELDS order)."""
    if not isinstance(raw, dict):
        raise BadRecord("a line is not a change record")
    missing = [name for name in FIELDS if name not in raw]
    if missing:
        raise BadRecord(f"a change record lacks {', '.join(missing)}")
    for name in FIELDS:
        if not isinstance(raw[name], str):
            raise BadRecord(f"a change record's {name} is not text")
