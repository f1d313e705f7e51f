"""The shared rules of `hubtui.domain` as SQL expressions, for counting in the database.

Each function mirrors one rule of the domain (same name, same meaning) over a table's columns,
so the dashboard, the KPI engine, the reports and the screens count the same rows:
`attendance_total`/`is_group_event` (`hubtui.domain.attendance`),
`effective_category` (`hubtui.domain.attendance.effective_category`) and `live_in_window`
(not deleted, of the project, dated inside the window).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, FromClause, and_, case, false, literal_column, or_

from hubtui.domain.activity_types import ACTIVITY_TYPES
from hubtui.store import tables

_ALWAYS_GROUP = tuple(sorted(t.id for t in ACTIVITY_TYPES.values() if t.mode == "group"))
_EITHER = tuple(sorted(t.id for t in ACTIVITY_TYPES.values() if t.mode == "either"))


def attendance_total(rows: FromClause = tables.ACTIVITY) -> ColumnElement[int]:
    """women + men + other + not stated."""
    c = rows.c
    return c.women + c.men + c.other + c.unstated


def is_group_event(rows: FromClause = tables.ACTIVITY) -> ColumnElement[bool]:
    """The activity is a group event (see `hubtui.domain.attendance.is_group_event`)."""
    return or_(
        rows.c.type.in_(_ALWAYS_GROUP),
        and_(rows.c.type.in_(_EITHER), attendance_total(rows) > 0),
    )


def effective_category(rows: FromClause = tables.ACTIVITY) -> ColumnElement[str]:
    """The activity's EDIH category: its own, or its type's default when left empty.

    The defaults are literal SQL (no bound parameters), so the expression can be grouped by
    and used inside CTEs on every database."""
    by_type = case(
        *(
            (rows.c.type == literal_column(f"'{t.id}'"), literal_column(f"'{t.default_category}'"))
            for t in ACTIVITY_TYPES.values()
        ),
        else_=literal_column("''"),
    )
    return case((rows.c.category == "", by_type), else_=rows.c.category)


def live(rows: FromClause) -> ColumnElement[bool]:
    """The row is not deleted (a tombstone keeps it for history and sync only)."""
    return rows.c.deleted == false()


def live_in_window(
    rows: FromClause, project_id: str, start: dt.date, end: dt.date
) -> ColumnElement[bool]:
    """A live row of the project dated from `start` to `end`, both included."""
    return and_(
        rows.c.project_id == project_id, live(rows), rows.c.date >= start, rows.c.date <= end
    )
