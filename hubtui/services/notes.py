"""The project leader's narrative notes for a report, per project, period and section.

Stored in `report_note` rows through the Writer (so they sync and keep their history).
A period is stored by its canonical label ("2026Q3", "all"); setting empty text deletes
the note. Should two devices each create the note of the same section before syncing,
the newest row wins when reading (ids are time-ordered UUIDv7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.domain.periods import Period, parse_period
from hubtui.errors import InvalidValue
from hubtui.services.common import table
from hubtui.services.projects import get_project
from hubtui.store import Store
from hubtui.store.views import ProjectView
from hubtui.store.writes import Writer

_NOTE = table("report_note")
MAX_NOTE_CHARS = 100_000


@dataclass(frozen=True)
class NoteView:
    project_code: str
    period: str
    section: str
    text: str


def check_section(section: str) -> str:
    """The section id, or InvalidValue naming the valid ones."""
    value = section.strip().lower()
    if value not in NOTE_SECTIONS:
        raise InvalidValue(
            f"'{section}' is not a report section; use one of {', '.join(NOTE_SECTIONS)}."
        )
    return value


def note_period(project: ProjectView, period: str | Period) -> Period:
    """The period a note belongs to, parsed against the project's dates."""
    if isinstance(period, Period):
        return period
    return parse_period(period, project_start=project.start, project_end=project.end)


def _rows(conn: Connection, project_id: str, label: str) -> list[Mapping[Any, Any]]:
    query = (
        select(_NOTE)
        .where(_NOTE.c.project_id == project_id, _NOTE.c.period == label)
        .order_by(_NOTE.c.section, _NOTE.c.id.desc())
    )
    return list(conn.execute(query).mappings())


def notes_for(store: Store, project_id: str, period_label: str) -> dict[str, str]:
    """The live notes of a project and period: section → text (newest row per section)."""
    with store.read() as conn:
        rows = _rows(conn, project_id, period_label)
    notes: dict[str, str] = {}
    seen: set[str] = set()
    for row in rows:
        if row["section"] in seen:
            continue
        seen.add(row["section"])
        if not row["deleted"] and row["text"]:
            notes[row["section"]] = row["text"]
    return notes


def get_note(store: Store, *, project: str, period: str | Period, section: str) -> NoteView:
    """One note (empty text if none is written)."""
    view = get_project(store, project)
    label = note_period(view, period).label
    key = check_section(section)
    return NoteView(view.code, label, key, notes_for(store, view.id, label).get(key, ""))


def _clean(text: str) -> str:
    body = text.strip("\n").rstrip()
    if len(body) > MAX_NOTE_CHARS:
        raise InvalidValue(
            f"The note is {len(body)} characters long; keep it under {MAX_NOTE_CHARS}."
        )
    return body


def _write(w: Writer, project_id: str, label: str, section: str, body: str) -> None:
    rows = [r for r in _rows(w.conn, project_id, label) if r["section"] == section]
    current = rows[0] if rows else None
    if current is None:
        if body:
            values = {"project_id": project_id, "period": label, "section": section, "text": body}
            w.insert("report_note", values)
    elif body:
        w.update("report_note", current["id"], {"text": body, "deleted": False})
    elif not current["deleted"]:
        w.delete("report_note", current["id"])


def set_note(
    store: Store, *, project: str, period: str | Period, section: str, text: str
) -> NoteView:
    """Write (or with empty text, delete) the note of one section."""
    view = get_project(store, project)
    label = note_period(view, period).label
    key = check_section(section)
    body = _clean(text)
    with store.write() as w:
        _write(w, view.id, label, key, body)
    return NoteView(view.code, label, key, body)


def set_notes(
    store: Store, *, project: str, period: str | Period, texts: Mapping[str, str]
) -> None:
    """Write several sections in one transaction (all or nothing)."""
    view = get_project(store, project)
    label = note_period(view, period).label
    cleaned = {check_section(k): _clean(v) for k, v in texts.items()}
    with store.write() as w:
        for key, body in cleaned.items():
            _write(w, view.id, label, key, body)
