"""The services on a real PostgreSQL database (skipped with a reason if none is reachable)."""

from __future__ import annotations

import pytest

from hubtui.domain.goals import GoalsFile
from hubtui.domain.goals_toml import dump_goals
from hubtui.services.activities import log_activity, update_activity
from hubtui.services.activity_input import ActivityChange, ActivityInput
from hubtui.services.activity_queries import list_activities
from hubtui.services.history import history
from hubtui.services.organisations import add_organisation, search_organisations
from hubtui.services.projects import export_goals, import_goals
from hubtui.store import Store

pytestmark = pytest.mark.postgres


def test_services_on_postgres(pg_store: Store, goals: GoalsFile) -> None:
    import_goals(pg_store, goals)
    assert dump_goals(export_goals(pg_store, "kaim")) == dump_goals(goals)
    abb = add_organisation(pg_store, name="ABB Aktiebolag", orgnr="5560360793", county="19")
    energi = add_organisation(pg_store, name="Mälarenergi AB", orgnr="556703-7485")
    assert [o.id for o in search_organisations(pg_store, "556036")] == [abb.id]
    assert [o.id for o in search_organisations(pg_store, "MÄLAR")] == [energi.id]
    act = log_activity(
        pg_store,
        ActivityInput(
            project="KAIM",
            type="seminar",
            date="2025-05-02",
            organisation_ids=[abb.id, energi.id],
            women=2,
        ),
    )
    update_activity(pg_store, act.id, ActivityChange(organisation_ids=(energi.id,), women=3))
    listed = list_activities(pg_store, project_id="KAIM", period="2025Q2")
    assert [o.id for o in listed[0].organisations] == [energi.id]
    fields = [c.field for c in history(pg_store, "activity", act.id)]
    assert fields == ["*", "women"]
