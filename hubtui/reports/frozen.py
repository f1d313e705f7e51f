"""A report as data that can be stored and read back exactly (JSON), for submissions.

`to_data` turns the report model (frozen dataclasses of numbers, dates and texts) into plain
JSON values; `from_data` rebuilds the same objects from them, guided by the type hints, so a
submitted report renders exactly as it was sent. Nothing is executed on reading (not pickle):
a submission arrives from other laptops through sync.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal


def to_data(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(kind: Any, data: Any) -> Any:
    """The value of type `kind` that `to_data` made `data` from."""
    origin = typing.get_origin(kind)
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = _hints(kind)
        names = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{k: from_data(hints[k], v) for k, v in data.items() if k in names})
    if origin in (typing.Union, types.UnionType):
        return _union(typing.get_args(kind), data)
    if origin is Literal:
        return data
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_data(args[0], v) for v in data)
        return tuple(from_data(a, v) for a, v in zip(args, data, strict=True))
    if origin in (dict, Mapping, typing.Mapping) or kind in (dict, Mapping):
        args = typing.get_args(kind) or (str, Any)
        return {k: from_data(args[1], v) for k, v in data.items()}
    if kind is dt.date:
        return dt.date.fromisoformat(data)
    if kind is float:
        return float(data)
    return data


def _union(options: tuple[Any, ...], data: Any) -> Any:
    if data is None:
        return None
    for option in options:  # the exact JSON type first: Cell = int | str, float | None
        if option is type(data) or (option is float and isinstance(data, int | float)):
            return from_data(option, data)
    for option in options:
        if option is not type(None):
            try:
                return from_data(option, data)
            except (TypeError, ValueError, AttributeError):
                continue
    return data
