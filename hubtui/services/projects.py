"""Projects and their KPI goals: import and export of goals files, lookups."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, func, or_, select

from hubtui.domain.aid_settings import AidSettings
from hubtui.domain.goals import GoalsFile, KpiSpec, ProjectSpec, WhereValue
from hubtui.errors import UserError
from hubtui.services.common import project_rows
from hubtui.store import Store, tables
from hubtui.store.views import GoalView, ProjectView

_PROJECT = tables.PROJECT
_GOAL = tables.KPI_GOAL
_ACTIVITY = tables.ACTIVITY


def _project_row(conn: Connection, code_or_id: str) -> Mapping[Any, Any] | None:
    """A live project by exact code, then code ignoring case, then id."""
    ref = code_or_id.strip()
    rows = (
        conn.execute(
            select(_PROJECT).where(
                _PROJECT.c.deleted.is_(False),
                or_(func.lower(_PROJECT.c.code) == ref.lower(), _PROJECT.c.id == ref),
            )
        )
        .mappings()
        .all()
    )
    for row in rows:
        if row["code"] == ref:
            return row
    return rows[0] if rows else None


def find_project(store: Store, code_or_id: str) -> ProjectView | None:
    """The project with this code or id, or None."""
    with store.read() as conn:
        row = _project_row(conn, code_or_id)
    return ProjectView.from_row(row) if row else None


def get_project(store: Store, code_or_id: str) -> ProjectView:
    """The project with this code (case-insensitive) or id; UserError if there is none."""
    with store.read() as conn:
        row = _project_row(conn, code_or_id)
        if row is None:
            codes = conn.execute(
                select(_PROJECT.c.code).where(_PROJECT.c.deleted.is_(False)).order_by("code")
            ).scalars()
            known = ", ".join(codes)
    if row is None:
        if known:
            raise UserError(
                "There is no project '{code}'; use one of {known}.",
                field="project",
                code=code_or_id,
                known=known,
            )
        raise UserError(
            "There is no project '{code}'; import a goals file with the project first.",
            field="project",
            code=code_or_id,
        )
    return ProjectView.from_row(row)


def list_projects(store: Store, *, include_deleted: bool = False) -> list[ProjectView]:
    """All projects, ordered by code."""
    query = select(_PROJECT).order_by(_PROJECT.c.code)
    if not include_deleted:
        query = query.where(_PROJECT.c.deleted.is_(False))
    with store.read() as conn:
        return [ProjectView.from_row(r) for r in conn.execute(query).mappings()]


def goals_of(store: Store, project_id: str) -> list[GoalView]:
    """The live KPI goals of a project in file order."""
    rows = project_rows(store, tables.KPI_GOAL, project_id, "position", "key")
    return [GoalView.from_row(r) for r in rows]


def _project_values(spec: ProjectSpec, aid: AidSettings | None) -> dict[str, Any]:
    return {
        "aid": aid.to_json() if aid is not None else "",
        "code": spec.code,
        "name": spec.name,
        "start": spec.start,
        "end": spec.end,
        "counties": json.dumps(list(spec.counties), ensure_ascii=False),
        "funders": json.dumps(list(spec.funders), ensure_ascii=False),
        "period_months": spec.period_months,
        "owner": spec.owner,
        "description": spec.description,
        "beneficiary_orgnr": spec.beneficiary_orgnr,
        "case_number": spec.case_number,
        "programme": spec.programme,
        "contact": spec.contact,
        "edih": spec.edih,
        "deleted": False,
    }


def _where_json(where: Mapping[str, WhereValue]) -> str:
    plain = {k: v if isinstance(v, bool) else list(v) for k, v in where.items()}
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def _goal_values(kpi: KpiSpec, position: int) -> dict[str, Any]:
    return {
        "key": kpi.id,
        "label": kpi.label,
        "label_en": kpi.label_en,
        "metric": kpi.metric,
        "target": float(kpi.target),
        "where": _where_json(kpi.where),
        "position": position,
        "deleted": False,
    }


def _check_activity_dates(conn: Connection, project_id: str, spec: ProjectSpec) -> None:
    """Refuse new project dates that would leave logged activities outside the project."""
    outside = conn.execute(
        select(func.count(), func.min(_ACTIVITY.c.date), func.max(_ACTIVITY.c.date)).where(
            _ACTIVITY.c.project_id == project_id,
            _ACTIVITY.c.deleted.is_(False),
            or_(_ACTIVITY.c.date < spec.start, _ACTIVITY.c.date > spec.end),
        )
    ).one()
    if outside[0]:
        raise UserError(
            (
                "Project {code} has {outside} activities dated {outside2} – {outside3}, outside "
                "the new dates {start} – {end}; widen the dates in the goals file or move those "
                "activities first."
            ),
            code=spec.code,
            outside=outside[0],
            outside2=outside[1],
            outside3=outside[2],
            start=spec.start,
            end=spec.end,
        )


def import_goals(store: Store, goals: GoalsFile) -> ProjectView:
    """Create or update the project of a goals file, with its KPI goals upserted by key.

    Goals missing from the file are tombstoned; `position` keeps the file's order.
    """
    spec = goals.project
    with store.read() as conn:
        existing = conn.execute(select(_PROJECT).where(_PROJECT.c.code == spec.code)).mappings()
        project = existing.first()
        old_goals: dict[str, Mapping[Any, Any]] = {}
        if project is not None:
            _check_activity_dates(conn, project["id"], spec)
            rows = conn.execute(select(_GOAL).where(_GOAL.c.project_id == project["id"]))
            old_goals = {r["key"]: r for r in rows.mappings()}
    with store.write() as w:
        if project is None:
            project_id = w.insert("project", _project_values(spec, goals.aid))
        else:
            project_id = project["id"]
            w.update("project", project_id, _project_values(spec, goals.aid))
        fresh: list[dict[str, Any]] = []
        for position, kpi in enumerate(goals.kpis):
            values = _goal_values(kpi, position)
            if kpi.id in old_goals:
                w.update("kpi_goal", old_goals[kpi.id]["id"], values)
            else:
                fresh.append({**values, "project_id": project_id})
        if fresh:
            w.insert_many("kpi_goal", fresh)
        wanted = {k.id for k in goals.kpis}
        for key, row in old_goals.items():
            if key not in wanted and not row["deleted"]:
                w.delete("kpi_goal", row["id"])
    return get_project(store, project_id)


def _where_spec(where: Mapping[Any, Any]) -> dict[str, WhereValue]:
    return {k: v if isinstance(v, bool) else tuple(v) for k, v in where.items()}


def export_goals(store: Store, code: str) -> GoalsFile:
    """The goals file of a project, equal to the one imported last."""
    project = get_project(store, code)
    spec = ProjectSpec(
        code=project.code,
        name=project.name,
        start=project.start,
        end=project.end,
        counties=project.counties,
        funders=project.funders,
        period_months=project.period_months,
        owner=project.owner,
        description=project.description,
        beneficiary_orgnr=project.beneficiary_orgnr,
        case_number=project.case_number,
        programme=project.programme,
        contact=project.contact,
        edih=project.edih,
    )
    kpis = tuple(
        KpiSpec(
            id=g.key,
            label=g.label,
            metric=g.metric,
            target=int(g.target) if float(g.target).is_integer() else g.target,
            where=_where_spec(g.where),
            label_en=g.label_en,
        )
        for g in goals_of(store, project.id)
    )
    return GoalsFile(project=spec, kpis=kpis, aid=AidSettings.from_json(project.aid))


__all__ = [
    "export_goals",
    "find_project",
    "get_project",
    "goals_of",
    "import_goals",
    "list_projects",
]
