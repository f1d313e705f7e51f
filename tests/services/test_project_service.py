"""Projects: goals import/export round trip, upsert by key, lookups and refusals."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest

from hubtui.domain.goals import GoalsFile, parse_goals
from hubtui.domain.goals_toml import dump_goals
from hubtui.errors import UserError
from hubtui.services.activities import log_activity
from hubtui.services.activity_input import ActivityInput
from hubtui.services.history import history
from hubtui.services.projects import (
    export_goals,
    find_project,
    get_project,
    goals_of,
    import_goals,
    list_projects,
)
from hubtui.store import Store
from hubtui.store.views import ProjectView


def test_import_creates_project_and_goals_in_file_order(store: Store, goals: GoalsFile) -> None:
    view = import_goals(store, goals)
    assert view.code == "KAIM"
    assert view.start == dt.date(2025, 3, 1)
    assert view.counties == ("19", "04")
    assert view.funders == ("Tillväxtverket", "Region Västmanland")
    stored = goals_of(store, view.id)
    assert [g.key for g in stored] == ["companies", "seminars", "women"]
    assert [g.position for g in stored] == [0, 1, 2]
    assert stored[0].where == {"size": ["micro", "small", "medium"], "counties": ["19"]}
    assert stored[2].target == pytest.approx(0.4)


def test_goals_round_trip(store: Store, goals: GoalsFile) -> None:
    exported = export_goals(store, import_goals(store, goals).code)
    assert exported == goals
    assert dump_goals(exported) == dump_goals(goals)


def test_reimport_upserts_by_key_and_tombstones_removed(
    store: Store, project: ProjectView, goals: GoalsFile
) -> None:
    before = {g.key: g.id for g in goals_of(store, project.id)}
    changed = parse_goals(
        dump_goals(goals)
        .replace('id = "seminars"', 'id = "workshops"')
        .replace("target = 40", "target = 55")
    )
    again = import_goals(store, changed)
    assert again.id == project.id
    after = goals_of(store, project.id)
    assert [g.key for g in after] == ["companies", "workshops", "women"]
    assert after[0].id == before["companies"] and after[0].target == 55
    assert after[1].id != before["seminars"]
    trail = history(store, "kpi_goal", before["seminars"])
    assert (trail[-1].field, trail[-1].value) == ("deleted", True)
    target_changes = [c for c in history(store, "kpi_goal", before["companies"]) if c.field != "*"]
    assert [(c.field, c.value) for c in target_changes] == [("target", 55.0)]
    # a removed goal coming back is the same row, revived
    import_goals(store, goals)
    assert {g.key: g.id for g in goals_of(store, project.id)} == before
    assert dump_goals(export_goals(store, "KAIM")) == dump_goals(goals)


def test_project_update_is_recorded_per_field(
    store: Store, project: ProjectView, goals: GoalsFile
) -> None:
    renamed = dataclasses.replace(goals.project, name="KAIM 2", owner="Västerås")
    import_goals(store, dataclasses.replace(goals, project=renamed))
    fields = [c.field for c in history(store, "project", project.id)]
    assert fields[0] == "*"
    assert sorted(fields[1:]) == ["name", "owner"]


def test_lookups(store: Store, project: ProjectView) -> None:
    assert get_project(store, "kaim") == project
    assert get_project(store, project.id) == project
    assert find_project(store, "nope") is None
    assert list_projects(store) == [project]
    with pytest.raises(UserError, match="There is no project 'NOPE'; use one of KAIM"):
        get_project(store, "NOPE")
    with pytest.raises(UserError, match="There is no project"):
        export_goals(store, "NOPE")


def test_dates_cannot_shrink_past_logged_activities(
    store: Store,
    project: ProjectView,
    goals: GoalsFile,
    written: Callable[[], tuple[int, ...]],
) -> None:
    log_activity(store, ActivityInput(project="KAIM", type="visit", date="2025-04-01"))
    before = written()
    later = dataclasses.replace(goals.project, start=dt.date(2025, 6, 1))
    with pytest.raises(UserError, match="1 activities dated 2025-04-01"):
        import_goals(store, dataclasses.replace(goals, project=later))
    assert written() == before
