"""Submitted reports, frozen: `submit` stores what was sent (the report model, which holds
values and no language, and the activities it counted) as a `report_submission` row through
the Writer, so it syncs; it renders in either language. A report of a submitted period is
that submission, whatever changed since; the next report lists what changed in the submitted
period afterwards and what it did to the indicators.

A submission frozen by an older version stored the report once per language, with names in
place of values; `_report_data` reads those too."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain.periods import Period
from hubtui.errors import UserError
from hubtui.kpi import resolve_period
from hubtui.reports.document import check_final
from hubtui.reports.frozen import from_data, to_data
from hubtui.reports.labels import ReportLang
from hubtui.reports.model import ChangeLine, EffectLine, Report, build_report
from hubtui.reports.results import indicators_of
from hubtui.services.notes import period_key
from hubtui.services.projects import goals_of
from hubtui.store import Store, tables
from hubtui.store.rules import live_in_window
from hubtui.store.views import ProjectView

_SUB = tables.REPORT_SUBMISSION
_ACT = tables.ACTIVITY
_LINK = tables.ACTIVITY_ORGANISATION
_ORG = tables.ORGANISATION
FIELDS = ("date", "type", "title", "hours", "women", "men", "other", "unstated", "orgs")


@dataclass(frozen=True)
class Submission:
    project_code: str
    period: str  # dates
    submitted: dt.date
    snapshot: Mapping[str, Any]


def _activities(conn: Connection, project_id: str, span: Period) -> dict[str, dict[str, Any]]:
    """Every live activity dated in the period, as the submission remembers it."""
    rows = conn.execute(
        select(_ACT).where(live_in_window(_ACT, project_id, span.start, span.end))
    ).mappings()
    out = {
        r["id"]: {
            "date": r["date"].isoformat(),
            "type": r["type"],
            "title": r["title"],
            "hours": r["hours"],
            **{g: int(r[g]) for g in ("women", "men", "other", "unstated")},
            "orgs": [],
        }
        for r in rows
    }
    links = conn.execute(
        select(_LINK.c.activity_id, _ORG.c.name)
        .join(_ORG, _ORG.c.id == _LINK.c.organisation_id)
        .where(_LINK.c.deleted.is_(False), _LINK.c.activity_id.in_(list(out)))
        .order_by(_ORG.c.name)
    )
    for activity_id, name in links:
        out[activity_id]["orgs"].append(name)
    return out


def _rows(conn: Connection, project_id: str, period: str | None = None) -> list[Any]:
    """The live submissions (without their snapshots), oldest period first."""
    query = (
        select(_SUB.c.id, _SUB.c.period, _SUB.c.submitted)
        .where(_SUB.c.project_id == project_id, _SUB.c.deleted.is_(False))
        .order_by(_SUB.c.period, _SUB.c.id)
    )
    if period is not None:
        query = query.where(_SUB.c.period == period)
    return list(conn.execute(query))


def _load(store: Store, code: str, row: Any) -> Submission:
    with store.read() as conn:
        text = conn.execute(select(_SUB.c.snapshot).where(_SUB.c.id == row.id)).scalar_one()
    return Submission(code, row.period, row.submitted, json.loads(text))


def submissions(store: Store, view: ProjectView) -> list[Submission]:
    """The submissions of a project (snapshots not read: `snapshot` is empty)."""
    with store.read() as conn:
        rows = _rows(conn, view.id)
    return [Submission(view.code, r.period, r.submitted, {}) for r in rows]


def _find(store: Store, view: ProjectView, span: Period) -> Submission | None:
    with store.read() as conn:
        rows = _rows(conn, view.id, period_key(span))
    return _load(store, view.code, rows[0]) if rows else None


def submit_report(
    store: Store, view: ProjectView, span: Period, *, today: dt.date | None = None
) -> Submission:
    """Freeze the report of a period as sent today; refused while a section is empty or if
    the period was submitted already."""
    day = today or dt.date.today()
    earlier = _find(store, view, span)
    if earlier is not None:
        raise UserError(
            "{code} {period} was submitted on {day}; a submitted report does not change.",
            code=view.code,
            period=span.label,
            day=earlier.submitted.isoformat(),
        )
    report = build_report(store, view, span, draft=False, today=day)
    check_final(report)
    with store.read() as conn:
        activities = _activities(conn, view.id, span)
    snapshot = {"report": to_data(report), "activities": activities}
    values = {
        "project_id": view.id,
        "period": period_key(span),
        "submitted": day,
        "snapshot": json.dumps(snapshot, ensure_ascii=False, sort_keys=True),
    }
    with store.write() as w:
        w.insert("report_submission", values)
    return Submission(view.code, period_key(span), day, snapshot)


def _report_data(snapshot: Mapping[str, Any], lang: ReportLang) -> Any:
    """The stored report; from an older submission (one report per language, with names in
    place of values), the one in `lang`, its few changed shapes brought up to date (the names
    it holds are shown as they are)."""
    if "report" in snapshot:
        return snapshot["report"]
    data = dict(snapshot["reports"][lang])
    data["events"] = [{**e, "type": e.get("type_label", "")} for e in data.get("events", [])]
    data["rules"] = [{"id": "", "label": "", "worded": text} for text in data.get("rules", [])]
    data["participants"] = [
        {**p, "support": [p["support"]] if p.get("support") else []}
        for p in data.get("participants", [])
    ]
    return data


def _frozen(sub: Submission, lang: ReportLang) -> Report:
    report: Report = from_data(Report, _report_data(sub.snapshot, lang))
    return replace(report, submitted=sub.submitted)


def _change(
    before: Mapping[str, Any] | None, now: Mapping[str, Any] | None
) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """Added, deleted, or changed and which fields (("hours", "2.0", "3.0"), …)."""
    if before is None:
        return "added", ()
    if now is None:
        return "deleted", ()
    return "changed", tuple(
        (k, _show(before.get(k)), _show(now.get(k))) for k in FIELDS if before.get(k) != now.get(k)
    )


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(value) or "–"
    return "–" if value in (None, "") else str(value)


def _changes(
    store: Store, view: ProjectView, span: Period
) -> tuple[tuple[ChangeLine, ...], tuple[EffectLine, ...]]:
    """What changed, after its submission, in the last submitted period before this one."""
    start = span.start.isoformat()
    with store.read() as conn:
        earlier = [r for r in _rows(conn, view.id) if r.period.split("..")[1] < start]
    if not earlier:
        return (), ()
    sub = _load(store, view.code, max(earlier, key=lambda r: r.period.split("..")[1]))
    first, last = (dt.date.fromisoformat(d) for d in sub.period.split(".."))
    old_span = resolve_period(view, f"{first}..{last}")
    with store.read() as conn:
        now = _activities(conn, view.id, old_span)
    before = sub.snapshot.get("activities", {})
    frozen = _frozen(sub, "sv")  # an older submission: its indicators' labels as in Swedish
    period_label = frozen.overview.period_name  # as the submitted report named it
    changes = []
    for activity_id in sorted(
        set(before) | set(now), key=lambda i: (before.get(i) or now[i])["date"]
    ):
        old, new = before.get(activity_id), now.get(activity_id)
        if old == new:
            continue
        row = new or old
        assert row is not None
        change, fields = _change(old, new)
        changes.append(
            ChangeLine(
                period=period_label,
                date=dt.date.fromisoformat(row["date"]),
                type=row["type"],
                title=row["title"],
                organisations=", ".join(row["orgs"]),
                change=change,
                fields=fields,
            )
        )
    if not changes:
        return (), ()
    goals = goals_of(store, view.id)
    current = {i.id: i for i in indicators_of(store, view, old_span, goals).indicators}
    effects = tuple(
        EffectLine(
            period=period_label,
            indicator=i.label,
            indicator_en=current[i.id].label_en,
            submitted=i.period_value,
            now=current[i.id].period_value,
            is_ratio=i.is_ratio,
        )
        for i in frozen.indicators
        if i.id in current and current[i.id].period_value != i.period_value
    )
    return tuple(changes), effects


def report_for(
    store: Store,
    view: ProjectView,
    span: Period,
    *,
    lang: ReportLang = "sv",
    with_contacts: bool = False,
    today: dt.date | None = None,
    draft: bool = True,
) -> Report:
    """The report of a period: the frozen submission if it was submitted, else built now
    (with the changes made to the last submitted period since it was sent). `lang` only
    picks the stored report of a submission frozen by an older version (one per language)."""
    sub = _find(store, view, span)
    if sub is not None:
        return _frozen(sub, lang)
    report = build_report(
        store, view, span, with_contacts=with_contacts, today=today or dt.date.today(), draft=draft
    )
    changes, effects = _changes(store, view, span)
    return replace(report, changes=changes, effects=effects) if changes else report
