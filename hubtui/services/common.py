"""Small helpers shared by the services: tables, a project's rows, value checks, LIKE patterns."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import RowMapping, Table, select

from hubtui.domain import bounds
from hubtui.domain.errors import InvalidValue, Term, about
from hubtui.domain.periods import parse_date
from hubtui.store import Store

E = TypeVar("E", bound=StrEnum)


def project_rows(store: Store, rows: Table, project_id: str, *order: str) -> list[RowMapping]:
    """The live rows of a table that belong to a project (by id), sorted by `order` columns."""
    query = (
        select(rows)
        .where(rows.c.project_id == project_id, rows.c.deleted.is_(False))
        .order_by(*(rows.c[name] for name in order))
    )
    with store.read() as conn:
        return list(conn.execute(query).mappings())


def as_date(value: dt.date | str, what: str = "Date", *, field: str | None = None) -> dt.date:
    """A date given as a date or as YYYY-MM-DD text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        with about(field or "date"):
            return parse_date(value)
    raise InvalidValue(
        "{what} {value!r} is not a date; write it as YYYY-MM-DD.",
        field=field,
        what=Term(what),
        value=value,
    )


def count_value(
    value: Any, what: str, bound: str = "attendance", *, field: str | None = None
) -> int:
    """A whole number within `bound` (see hubtui.domain.bounds); errors name `field`."""
    return bounds.check_int(bound, value, what, at=field)


def number_value(
    value: Any,
    what: str,
    *,
    allow_none: bool = True,
    bound: str = "hours",
    field: str | None = None,
) -> float | None:
    """A finite number within `bound` (hours, amounts); None if allowed."""
    if value is None and allow_none:
        return None
    return bounds.check_float(bound, value, what, at=field)


def choice(value: str | StrEnum, enum: type[E], what: str, *, field: str | None = None) -> E:
    """A member of a StrEnum from its id, with the valid ids in the error."""
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        valid = ", ".join(m.value for m in enum)
        raise InvalidValue(
            "'{value}' is not {what}; use one of {valid}.",
            field=field,
            value=value,
            what=Term(what),
            valid=valid,
        ) from None


def required_text(value: Any, what: str, *, field: str | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue("{what} is empty; fill it in.", field=field, what=Term(what))
    return value.strip()


def optional_text(value: Any, what: str, *, field: str | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidValue(
            "{what} must be text; got {value!r}.", field=field, what=Term(what), value=value
        )
    return value.strip()


def like_escape(text: str) -> str:
    """Escape LIKE wildcards so user text matches literally (use with escape='\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
