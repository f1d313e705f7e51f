"""Activities: validation, organisation links, tombstones, listing and history."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event

from hubtui.domain.goals import GoalsFile
from hubtui.domain.periods import parse_period
from hubtui.errors import UserError
from hubtui.services.activities import (
    delete_activity,
    log_activity,
    restore_activity,
    update_activity,
)
from hubtui.services.activity_input import ActivityChange, ActivityInput
from hubtui.services.activity_queries import (
    count_activities,
    get_activity,
    list_activities,
    organisation_timeline,
)
from hubtui.services.history import history
from hubtui.services.organisations import add_organisation
from hubtui.services.projects import import_goals
from hubtui.services.testbeds import add_testbed
from hubtui.store import Store
from hubtui.store.views import OrganisationView, ProjectView


def test_log_with_defaults_and_organisations(
    store: Store, project: ProjectView, abb: OrganisationView, malarenergi: OrganisationView
) -> None:
    view = log_activity(
        store,
        ActivityInput(
            project="kaim",
            type="Seminar",
            date="2025-05-02",
            organisation_ids=[abb.id, malarenergi.id, abb.id],
            women=4,
            men=3,
            unstated=1,
            hours=2.5,
            title="AI for beginners",
        ),
    )
    assert view.project_id == project.id and view.project_code == "KAIM"
    assert view.type == "seminar"
    assert view.category == "skills_training"
    assert view.support == "non_financial"
    assert view.advisor == "Test Advisor"
    assert view.participants == 8
    assert [o.name for o in view.organisations] == ["ABB Aktiebolag", "Mälarenergi AB"]
    assert get_activity(store, view.id) == view


def test_category_support_and_testbed(store: Store, project: ProjectView) -> None:
    lab = add_testbed(store, name="AI Lab", location="Västerås")
    view = log_activity(
        store,
        ActivityInput(
            project=project.id,
            type="testbed_session",
            date=dt.date(2025, 6, 1),
            testbed_id="ai lab",
            category="investment_support",
            support="grant",
            joint_rd=True,
        ),
    )
    assert (view.testbed_id, view.testbed_name) == (lab.id, "AI Lab")
    assert (view.category, view.support, view.joint_rd) == ("investment_support", "grant", True)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (
            {"date": "2024-01-10"},
            r"Date 2024-01-10 is outside project KAIM \(2025-03-01 – 2028-02-28\)",
        ),
        ({"date": "2028-02-29"}, "outside project KAIM"),
        ({"date": "10/1/2025"}, "is not a date; write it as YYYY-MM-DD"),
        ({"women": -1}, r"Attendance counts cannot be negative \(women = -1\)"),
        ({"unstated": -2}, r"\(unstated = -2\)"),
        ({"men": 1.5}, "must be a whole number"),
        ({"hours": -1}, "Hours cannot be negative"),
        ({"type": "party"}, "'party' is not an activity type; use one of visit, meeting"),
        ({"project": "NOPE"}, "There is no project 'NOPE'"),
        ({"category": "fun"}, "'fun' is not a service category"),
        ({"support": "loan"}, "'loan' is not a support form"),
        ({"testbed_id": "Nowhere"}, "There is no testbed 'Nowhere'; add it first"),
        ({"organisation_ids": ["no-such-id"]}, "There is no organisation with id no-such-id"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    store: Store,
    project: ProjectView,
    abb: OrganisationView,
    written: Callable[[], tuple[int, ...]],
    values: dict[str, Any],
    message: str,
) -> None:
    before = written()
    given: dict[str, Any] = {
        "project": "KAIM",
        "type": "visit",
        "date": "2025-05-01",
        "organisation_ids": [abb.id],
        **values,
    }
    with pytest.raises(UserError, match=message):
        log_activity(store, ActivityInput(**given))
    assert written() == before


def test_update_records_fields_and_follows_type_default_category(
    store: Store, project: ProjectView
) -> None:
    view = log_activity(
        store, ActivityInput(project="KAIM", type="seminar", date="2025-05-02", women=2)
    )
    updated = update_activity(store, view.id, ActivityChange(type="visit", women=3, title="Visit"))
    assert updated.category == "ecosystem_networking"
    trail = history(store, "activity", view.id)
    assert trail[0].field == "*" and trail[0].value["type"] == "seminar"
    assert {(c.field, c.value) for c in trail[1:]} == {
        ("type", "visit"),
        ("women", 3),
        ("title", "Visit"),
        ("category", "ecosystem_networking"),
    }
    assert [c.hlc for c in trail] == sorted(c.hlc for c in trail)


def test_update_refuses_bad_values_without_writing(
    store: Store, project: ProjectView, written: Callable[[], tuple[int, ...]]
) -> None:
    view = log_activity(store, ActivityInput(project="KAIM", type="visit", date="2025-05-02"))
    before = written()
    with pytest.raises(UserError, match="outside project KAIM"):
        update_activity(store, view.id, ActivityChange(date="2030-01-01", title="moved"))
    with pytest.raises(UserError, match="There is no activity with id nope"):
        update_activity(store, "nope", ActivityChange(title="x"))
    assert written() == before


def test_organisation_ids_replace_the_links(
    store: Store, project: ProjectView, abb: OrganisationView, malarenergi: OrganisationView
) -> None:
    view = log_activity(
        store,
        ActivityInput(project="KAIM", type="visit", date="2025-05-02", organisation_ids=[abb.id]),
    )
    swapped = update_activity(store, view.id, ActivityChange(organisation_ids=(malarenergi.id,)))
    assert [o.id for o in swapped.organisations] == [malarenergi.id]
    both = update_activity(
        store, view.id, ActivityChange(organisation_ids=(abb.id, malarenergi.id))
    )
    assert {o.id for o in both.organisations} == {abb.id, malarenergi.id}
    with store.read() as conn:
        links = conn.exec_driver_sql(
            "SELECT organisation_id, deleted FROM activity_organisation WHERE activity_id = ?",
            (view.id,),
        ).all()
    assert sorted(links) == sorted([(abb.id, False), (malarenergi.id, False)])  # abb revived
    link_changes = [
        (c.field, c.value, c.extra["organisation_id"])
        for c in history(store, "activity", view.id, with_links=True)
        if c.entity == "activity_organisation" and c.field != "*"
    ]
    assert link_changes == [("deleted", True, abb.id), ("deleted", False, abb.id)]


def test_delete_and_restore_are_tombstones(store: Store, project: ProjectView) -> None:
    view = log_activity(store, ActivityInput(project="KAIM", type="visit", date="2025-05-02"))
    assert delete_activity(store, view.id) is True
    assert delete_activity(store, view.id) is False
    assert list_activities(store) == []
    assert get_activity(store, view.id).deleted is True
    assert [a.id for a in list_activities(store, include_deleted=True)] == [view.id]
    assert restore_activity(store, view.id) is True
    assert restore_activity(store, view.id) is False
    assert list_activities(store) == [get_activity(store, view.id)]
    fields = [(c.field, c.value) for c in history(store, "activity", view.id)[1:]]
    assert fields == [("deleted", True), ("deleted", False)]


def test_list_filters_and_counts(
    store: Store, project: ProjectView, abb: OrganisationView, malarenergi: OrganisationView
) -> None:
    a = log_activity(
        store,
        ActivityInput(project="KAIM", type="visit", date="2025-04-01", organisation_ids=[abb.id]),
    )
    b = log_activity(
        store,
        ActivityInput(
            project="KAIM",
            type="seminar",
            date="2025-07-15",
            organisation_ids=[abb.id, malarenergi.id],
            advisor="Eva",
        ),
    )
    c = log_activity(store, ActivityInput(project="KAIM", type="seminar", date="2026-01-10"))

    def ids(**filters: Any) -> list[str]:
        return [v.id for v in list_activities(store, **filters)]

    assert ids() == [c.id, b.id, a.id]  # newest first
    assert ids(project_id="KAIM", period="2025Q3") == [b.id]
    assert ids(period=parse_period("2025")) == [b.id, a.id]
    assert ids(type="seminar") == [c.id, b.id]
    assert ids(advisor="Eva") == [b.id]
    assert ids(organisation_id=abb.id) == [b.id, a.id]
    assert ids(limit=1, offset=1) == [b.id]
    assert count_activities(store, type="seminar") == 2
    assert count_activities(store, period="2025") == 2
    assert [v.id for v in organisation_timeline(store, malarenergi.id)] == [b.id]
    with pytest.raises(UserError, match="Period '2025Q9' is not understood"):
        list_activities(store, period="2025Q9")


def test_listing_costs_a_fixed_number_of_queries(store: Store, project: ProjectView) -> None:
    orgs = [add_organisation(store, name=f"Firm {n}").id for n in range(3)]
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    def queries_for_listing() -> int:
        seen.clear()
        event.listen(store.engine, "before_cursor_execute", record)
        try:
            list_activities(store, project_id=project.id)
        finally:
            event.remove(store.engine, "before_cursor_execute", record)
        return len(seen)

    log_activity(
        store, ActivityInput(project="KAIM", type="visit", date="2025-05-02", organisation_ids=orgs)
    )
    few = queries_for_listing()
    for day in range(1, 20):
        log_activity(
            store,
            ActivityInput(
                project="KAIM", type="visit", date=f"2025-06-{day:02d}", organisation_ids=orgs
            ),
        )
    assert queries_for_listing() == few
    assert all(len(v.organisations) == 3 for v in list_activities(store))


def test_restore_refuses_a_date_the_project_no_longer_covers(
    store: Store, project: ProjectView, goals: GoalsFile, written: Callable[[], tuple[int, ...]]
) -> None:
    early = log_activity(store, ActivityInput(project="KAIM", type="visit", date="2025-03-10"))
    delete_activity(store, early.id)
    later = dataclasses.replace(goals.project, start=dt.date(2025, 6, 1))
    import_goals(store, dataclasses.replace(goals, project=later))
    before = written()
    with pytest.raises(UserError, match="Date 2025-03-10 is outside project KAIM"):
        restore_activity(store, early.id)
    assert written() == before


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_advisor_filter_matches_any_part_of_the_name_in_any_case(
    backend: str, request: pytest.FixtureRequest
) -> None:
    from hubtui.domain.goals import parse_goals
    from hubtui.services.projects import import_goals
    from hubtui.templates import template_text

    store: Store = request.getfixturevalue("store" if backend == "sqlite" else "pg_store")
    import_goals(store, parse_goals(template_text("KAIM"), "KAIM"))
    names = ["Åsa Berg", "Karin Lund", "Per Åberg", ""]
    made = {
        name: log_activity(
            store, ActivityInput(project="KAIM", type="seminar", date="2026-01-10", advisor=name)
        )
        for name in names
    }

    def who(text: str) -> set[str]:
        return {v.advisor for v in list_activities(store, advisor=text)}

    assert who("karin") == {"Karin Lund"}
    assert who("BERG") == {"Åsa Berg", "Per Åberg"}
    assert who("åsa") == {"Åsa Berg"}
    assert who("ÅBERG") == {"Per Åberg"}
    assert who("%") == set()
    assert who("  ") == {v.advisor for v in made.values()}
    assert count_activities(store, advisor="lund") == 1


def test_a_resolved_project_is_not_looked_up_again(store: Store, project: ProjectView) -> None:
    """Logging with the ProjectView the edge resolved reads the project table not once."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        view = log_activity(store, ActivityInput(project=project, type="visit", date="2025-05-02"))
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert view.project_code == "KAIM"
    from_project = [q for q in seen if "FROM project" in q and "JOIN" not in q]
    assert from_project == []
    by_code = log_activity(store, ActivityInput(project="kaim", type="visit", date="2025-05-03"))
    assert by_code.project_id == project.id


def test_activity_input_from_a_form_refuses_unknown_fields() -> None:
    found = ActivityInput.of({"project": "KAIM", "type": "visit", "date": "2025-05-02",
                              "organisation_ids": ["a", "b"], "women": "3"})  # fmt: skip
    assert found.organisation_ids == ("a", "b") and found.women == "3"
    with pytest.raises(ValueError, match="no field"):
        ActivityInput.of({"project": "KAIM", "type": "visit", "date": "2025-05-02", "wom": 1})


def test_a_change_is_one_value_of_the_fields_given(store: Store, project: ProjectView) -> None:
    from hubtui.services.activity_input import KEEP

    change = ActivityChange.of({"hours": "2,5", "organisation_ids": ["a", "b"]})
    assert change.values() == {"hours": "2,5"} and change.organisation_ids == ("a", "b")
    assert change.title is KEEP and ActivityChange().values() == {}
    with pytest.raises(ValueError, match="no field"):
        ActivityChange.of({"colour": "red"})
    view = log_activity(store, ActivityInput(project=project, type="visit", date="2025-05-02"))
    with pytest.raises(UserError, match="Hours"):  # the same checks as logging
        update_activity(store, view.id, ActivityChange(hours="10001"))
    assert update_activity(store, view.id, ActivityChange()).hours is None  # nothing changes


def test_the_checks_read_inside_the_write(
    store: Store, project: ProjectView, abb: OrganisationView
) -> None:
    """Logging, changing and restoring an activity check it through the write transaction's
    own connection: one connection for the write and its checks, one to read the result."""
    opened: list[object] = []

    def connected(conn: object) -> None:
        opened.append(conn)

    event.listen(store.engine, "engine_connect", connected)
    try:
        given = ActivityInput(project="KAIM", type="visit", date="2025-05-02")
        view = log_activity(store, dataclasses.replace(given, organisation_ids=(abb.id,)))
        assert len(opened) == 2
        opened.clear()
        update_activity(store, view.id, ActivityChange(hours="2", organisation_ids=(abb.id,)))
        assert len(opened) == 2
        delete_activity(store, view.id)
        opened.clear()
        assert restore_activity(store, view.id)
        assert len(opened) == 1
    finally:
        event.remove(store.engine, "engine_connect", connected)
    with (
        pytest.raises(RuntimeError, match="cannot start another write"),
        store.write() as w,
        store.reading_through(w.conn).write(),
    ):
        pass
