"""Turning column values into the JSON kept in change records, and back."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer

from hubtui.store.models import DERIVED
from hubtui.store.tables import synced_table


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def encode(value: Any) -> str:
    return json.dumps(to_json_value(value), ensure_ascii=False, separators=(",", ":"))


@cache
def recorded_columns(entity: str) -> tuple[str, ...]:
    """The columns a change record carries for `entity` (not the key, not derived ones)."""
    table = synced_table(entity)
    skip = {"id"} | DERIVED.get(entity, frozenset())
    return tuple(c.name for c in table.columns if c.name not in skip)


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
    """The values of an insert record (field "*")."""
    raw = json.loads(text)
    columns = set(recorded_columns(entity))
    return {k: from_json_value(entity, k, v) for k, v in raw.items() if k in columns}
