"""The project leader's narrative notes for a report, per project, period and section.

Stored in `report_note` rows through the Writer (so they sync and keep their history).
A period is stored by its dates ("2026-07-01..2026-09-30"; notes written before that by
the period's label, which is still read); setting empty text deletes the note. An
indicator's comment is the section "kpi:ID". Should two devices each create the note of the
same section before syncing, the newest row wins when reading (ids are time-ordered UUIDv7).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain.notes import KPI_PREFIX, NOTE_SECTIONS
from hubtui.domain.periods import Period, clip, parse_period
from hubtui.errors import InvalidValue
from hubtui.services.projects import get_project, goals_of
from hubtui.store import Store, tables
from hubtui.store.views import ProjectView
from hubtui.store.writes import Writer

_NOTE = tables.REPORT_NOTE
MAX_NOTE_CHARS = 100_000


@dataclass(frozen=True)
class NoteView:
    project_code: str
    period: str
    section: str
    text: str


def check_section(section: str) -> str:
    """The section id (or "kpi:ID" for an indicator's comment), or InvalidValue naming the
    valid ones."""
    value = section.strip().lower()
    if value.startswith(KPI_PREFIX) and len(value) > len(KPI_PREFIX):
        return KPI_PREFIX + section.strip()[len(KPI_PREFIX) :]
    if value not in NOTE_SECTIONS:
        raise InvalidValue(
            "'{section}' is not a report section; use one of {note_sections}.",
            section=section,
            note_sections=", ".join(NOTE_SECTIONS),
            field="section",
        )
    return value


def note_period(project: ProjectView, period: str | Period) -> Period:
    """The period a note belongs to, parsed against the project's dates."""
    if isinstance(period, str):
        period = parse_period(period, project_start=project.start, project_end=project.end)
    if clip(period, project.start, project.end) is None:
        raise InvalidValue(
            "Period {period} ({start} – {end}) lies outside project {project} "
            "({project_start} – {project_end}); choose a period inside it.",
            field="period",
            period=period.label,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
            project=project.code,
            project_start=project.start.isoformat(),
            project_end=project.end.isoformat(),
        )
    return period


def period_key(period: Period) -> str:
    """What a note's period is stored as: its dates, so 2026Q3 and 2026-07-01..2026-09-30
    are the same report."""
    return f"{period.start.isoformat()}..{period.end.isoformat()}"


def _keys(period: Period | str) -> list[str]:
    # Notes written before they were keyed by dates carry the period's label.
    return [period] if isinstance(period, str) else [period_key(period), period.label]


def _rows(conn: Connection, project_id: str, period: Period | str) -> list[Mapping[Any, Any]]:
    query = (
        select(_NOTE)
        .where(_NOTE.c.project_id == project_id, _NOTE.c.period.in_(_keys(period)))
        .order_by(_NOTE.c.section, _NOTE.c.id.desc())
    )
    return list(conn.execute(query).mappings())


def notes_for(store: Store, project_id: str, period: Period | str) -> dict[str, str]:
    """The live notes of a project and period: section → text (newest row per section);
    an indicator's comment is under "kpi:ID"."""
    with store.read() as conn:
        rows = _rows(conn, project_id, period)
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
    span = note_period(view, period)
    key = check_section(section)
    return NoteView(view.code, span.label, key, notes_for(store, view.id, span).get(key, ""))


def _clean(text: str) -> str:
    body = text.strip("\n").rstrip()
    if len(body) > MAX_NOTE_CHARS:
        raise InvalidValue(
            "The note is {body} characters long; keep it under {max_note_chars}.",
            body=len(body),
            max_note_chars=MAX_NOTE_CHARS,
            field="text",
        )
    return body


def _write(w: Writer, project_id: str, span: Period, section: str, body: str) -> None:
    rows = [r for r in _rows(w.conn, project_id, span) if r["section"] == section]
    current = rows[0] if rows else None
    if current is None:
        if body:
            key = period_key(span)
            values = {"project_id": project_id, "period": key, "section": section, "text": body}
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
    span = note_period(view, period)
    key = _checked(store, view, section)
    body = _clean(text)
    with store.write() as w:
        _write(w, view.id, span, key, body)
    return NoteView(view.code, span.label, key, body)


def _checked(store: Store, view: ProjectView, section: str) -> str:
    key = check_section(section)
    if key.startswith(KPI_PREFIX):
        kpi = key[len(KPI_PREFIX) :]
        ids = [g.key for g in goals_of(store, view.id)]
        if kpi not in ids:
            raise InvalidValue(
                "Project {project} has no KPI '{kpi}'; use one of {ids}.",
                field="kpi",
                project=view.code,
                kpi=kpi,
                ids=", ".join(ids) or "(none)",
            )
    return key


def set_notes(
    store: Store, *, project: str, period: str | Period, texts: Mapping[str, str]
) -> None:
    """Write several sections in one transaction (all or nothing)."""
    view = get_project(store, project)
    span = note_period(view, period)
    cleaned = {_checked(store, view, k): _clean(v) for k, v in texts.items()}
    with store.write() as w:
        for key, body in cleaned.items():
            _write(w, view.id, span, key, body)
