"""Turning column values into the JSON kept in change records, and back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer

from hubtui.store.models import DERIVED
from hubtui.store.tables import column_default, synced_table


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value")


# made once (json.dumps with arguments makes an encoder on every call); dates as ISO text
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_iso)


def encode(value: Any) -> str:
    return _JSON.encode(value)


def _object_encoder() -> Callable[[dict[str, Any]], str]:
    """`encode` for a dict, calling the C encoder `_JSON` would make directly: `encode`
    makes a new one on every call, a fifth of the time of a small record's."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator
        return _JSON.encode
    chunks = make(
        {}, _iso, json.encoder.encode_basestring, None, ":", ",", False, False, True
    )  # as _JSON: ensure_ascii=False, compact separators, NaN allowed, keys as given

    def encode_object(value: dict[str, Any]) -> str:
        return "".join(chunks(value, 0))

    return encode_object


_encode_object = _object_encoder()


@cache
def recorded_columns(entity: str) -> tuple[str, ...]:
    """The columns a change record carries for `entity` (not the key, not derived ones)."""
    table = synced_table(entity)
    skip = {"id"} | DERIVED.get(entity, frozenset())
    return tuple(c.name for c in table.columns if c.name not in skip)


@cache
def recorded_set(entity: str) -> frozenset[str]:
    """`recorded_columns` as a set."""
    return frozenset(recorded_columns(entity))


@cache
def _column_types(entity: str) -> dict[str, Any]:
    table = synced_table(entity)
    return {c.name: c.type for c in table.columns}


def _identity(value: Any) -> Any:
    return value


def text_value(value: Any) -> str:
    return value if type(value) is str else str(value)


@cache
def converters(entity: str) -> dict[str, Any]:
    """Per column of `entity`, the function turning its JSON value into the Python value."""
    out: dict[str, Any] = {}
    for name, column in _column_types(entity).items():
        kind = getattr(column, "impl", column)
        if isinstance(kind, DateTime):
            out[name] = dt.datetime.fromisoformat
        elif isinstance(kind, Date):
            out[name] = dt.date.fromisoformat
        elif isinstance(kind, Boolean):
            out[name] = bool
        elif isinstance(kind, Integer):
            out[name] = int
        elif isinstance(kind, Float):
            out[name] = float
        else:
            out[name] = text_value
    return out


def from_json_value(entity: str, field: str, value: Any) -> Any:
    """A JSON value from a change record as the Python value for the column."""
    if value is None:
        return None
    # not a column: an erasure record (hubtui.safety), passed through
    return converters(entity).get(field, _identity)(value)


def decode(entity: str, field: str, text: str) -> Any:
    return from_json_value(entity, field, json.loads(text))


def decode_row(entity: str, text: str) -> dict[str, Any]:
    """The values of every recorded column of the row an insert record (field "*") made."""
    return {
        k: from_json_value(entity, k, v) for k, v in insert_values(entity, json.loads(text)).items()
    }


# --- insert records ----------------------------------------------------------------------
# An insert record (field "*") holds the JSON values of the new row's recorded columns that
# differ from the column's default; a column it leaves out had its default. Older insert
# records hold every column and read the same. The models' column defaults are therefore
# part of the change log's format: tests/store/test_lean_inserts.py keeps them as they are.


@cache
def insert_defaults(entity: str) -> dict[str, Any]:
    """Per recorded column of `entity`, the JSON value an insert record that leaves the
    column out stands for: its scalar default, else null."""
    table = synced_table(entity)
    return {name: to_json_value(column_default(table.c[name])) for name in recorded_columns(entity)}


def encode_insert(entity: str, row: Mapping[str, Any]) -> str:
    """The value of the insert record of a new row, from its recorded columns (Python or
    JSON values): those not at their default, as compact JSON."""
    return insert_encoder(entity)(row)


@cache
def insert_encoder(entity: str) -> Callable[[Mapping[str, Any]], str]:
    """`encode_insert` for one entity, its defaults looked up once (for rows in bulk)."""
    defaults = insert_defaults(entity)
    kinds = {name: type(value) for name, value in defaults.items()}

    def encode_one(row: Mapping[str, Any]) -> str:
        # 0 and False, 1 and True, 0 and 0.0 are equal in Python but not the same JSON
        return _encode_object(
            {
                name: value
                for name, value in row.items()
                if not (value == defaults[name] and type(value) is kinds[name])
            }
        )

    return encode_one


def insert_values(entity: str, stored: Any) -> dict[str, Any]:
    """The JSON value of every recorded column of the row an insert record made, from the
    record's value (`stored`, read from JSON): the columns it carries, the default of those
    it leaves out. Every reader of insert records goes through this, so a lean record and a
    full one (written before) read alike; names of no column are dropped."""
    full = dict(insert_defaults(entity))
    if isinstance(stored, dict):
        for name, value in stored.items():
            if name in full:
                full[name] = value
    return full
