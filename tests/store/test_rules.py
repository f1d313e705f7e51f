"""The SQL forms of the shared rules (hubtui.store.rules) select exactly what the Python forms
(hubtui.domain.attendance) say, for every activity type and attendance."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import select

from hubtui.domain.activity_types import ACTIVITY_TYPES
from hubtui.domain.attendance import Attendance, effective_category, is_group_event
from hubtui.store import Store, rules, tables

ACT = tables.ACTIVITY


def _project(store: Store) -> str:
    with store.write() as w:
        return w.insert(
            "project",
            {"code": "P", "name": "P", "start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)},
        )


def test_sql_rules_match_the_domain(store: Store) -> None:
    project = _project(store)
    attendances = [Attendance(), Attendance(women=2), Attendance(unstated=3), Attendance(1, 1, 1)]
    categories = ["", "investment_support"]
    with store.write() as w:
        for type_id, a, category in itertools.product(ACTIVITY_TYPES, attendances, categories):
            values = {"project_id": project, "type": type_id, "date": dt.date(2026, 3, 1)}
            w.insert("activity", {**values, **a.as_dict(), "category": category})
    query = select(
        ACT.c.type,
        ACT.c.category,
        *(ACT.c[g] for g in ("women", "men", "other", "unstated")),
        rules.attendance_total(ACT),
        rules.is_group_event(ACT),
        rules.effective_category(ACT),
    )
    with store.read() as conn:
        rows = conn.execute(query).all()
    assert len(rows) == len(ACTIVITY_TYPES) * len(attendances) * len(categories)
    for type_id, category, women, men, other, unstated, total, event, effective in rows:
        a = Attendance(women, men, other, unstated)
        assert total == a.total
        assert bool(event) is is_group_event(type_id, a.total)
        assert effective == effective_category(type_id, category)


def test_live_in_window_keeps_live_rows_of_the_project_inside_the_dates(store: Store) -> None:
    project = _project(store)
    dates = [dt.date(2026, 3, 31), dt.date(2026, 4, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 1)]
    with store.write() as w:
        ids = [
            w.insert("activity", {"project_id": project, "type": "visit", "date": d}) for d in dates
        ]
        deleted = w.insert(
            "activity", {"project_id": project, "type": "visit", "date": dt.date(2026, 5, 1)}
        )
        w.delete("activity", deleted)
    window = rules.live_in_window(ACT, project, dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    with store.read() as conn:
        found = set(conn.execute(select(ACT.c.id).where(window)).scalars())
    assert found == {ids[1], ids[2]}
    other = rules.live_in_window(ACT, "another", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    with store.read() as conn:
        assert conn.execute(select(ACT.c.id).where(other)).first() is None
