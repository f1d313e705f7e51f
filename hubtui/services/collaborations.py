"""Collaborations with other hubs and actors (an EDIH KPI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hubtui.domain.errors import Term
from hubtui.services.activities import check_in_project
from hubtui.services.common import as_date, optional_text, project_rows, required_text
from hubtui.services.projects import get_project
from hubtui.store import Store, tables
from hubtui.store.views import CollaborationView


def add_collaboration(
    store: Store, *, project: str, partner: str, date: dt.date | str, note: str = ""
) -> CollaborationView:
    """Record a collaboration of a project (code or id) with a partner."""
    found = get_project(store, project)
    day = as_date(date, Term("Collaboration date"), field="date")
    check_in_project(found, day)
    row: dict[str, Any] = {
        "project_id": found.id,
        "partner": required_text(partner, Term("The partner"), field="partner"),
        "date": day,
        "note": optional_text(note, Term("Note"), field="note"),
    }
    with store.write() as w:
        collaboration_id = w.insert("collaboration", row)
    return CollaborationView(id=collaboration_id, **row)


def list_collaborations(store: Store, project_id: str) -> list[CollaborationView]:
    """A project's (code or id) live collaborations by date."""
    project = get_project(store, project_id)
    rows = project_rows(store, tables.COLLABORATION, project.id, "date", "id")
    return [CollaborationView.from_row(r) for r in rows]
