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


def from_json_value(entity: str, field: str, value: Any) -> Any:
    """A JSON value from a change record as the Python value for the column."""
    column = _column_types(entity).get(field)
    if value is None or column is None:  # not a column: an erasure record (hubtui.safety)
        return value
    kind = getattr(column, "impl", column)
    if isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, Float):
        return float(value)
    return str(value)


def decode(entity: str, field: str, text: str) -> Any:
    return from_json_value(entity, field, json.loads(text))


def decode_row(entity: str, text: str) -> dict[str, Any]:
    """The values of an insert record (field "*")."""
    raw = json.loads(text)
    columns = set(recorded_columns(entity))
    return {k: from_json_value(entity, k, v) for k, v in raw.items() if k in columns}
