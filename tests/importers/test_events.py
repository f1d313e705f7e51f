"""Importing event attendance and activity logs: grouping, new organisations, re-imports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from hubtui.errors import UserError
from hubtui.importers import dry_run, prepare, run_import
from hubtui.services.activity_queries import list_activities
from hubtui.services.organisations import add_organisation
from hubtui.store import Store

HEADER = ["Datum", "Typ", "Aktivitet", "Företag", "Org.nr", "Kvinnor", "Män", "Annat",
          "Ej angivet"]  # fmt: skip
D1, D2 = dt.datetime(2025, 4, 3), dt.datetime(2025, 5, 14)
ATTENDANCE = [
    [D1, "Seminarium", "AI i industrin", "Mälarplast AB", "556036-0793", 2, 1, 0, 0],
    [D1, "Seminarium", "AI i industrin", "Köpings Mekaniska AB", "5567037485", 0, 3, 0, 1],
    [D1, "seminar", "AI i industrin", "Nya Verkstaden AB", "202100-5224", 1, 1, 0, 0],
    [D1, "Seminarium", "AI i industrin", "Mälarplast AB", "556036-0793 ", 2, 1, 0, 0],
    [None] * 9,
    [D2, "Workshop", "Datadriven produktion", "Mälarplast AB", "556036-0793", 1, 2, 0, 0],
    [D2, "Workshop", "Datadriven produktion", "Felnummer AB", "556036-0794", 1, 0, 0, 0],
    ["2024-01-10", "Workshop", "Före projektet", "Mälarplast AB", "556036-0793", 1, 0, 0, 0],
    ["2025-06-02", "Fika", "Okänd typ", "Mälarplast AB", "556036-0793", 1, 0, 0, 0],
    ["2025-09-18", "Nätverksträff", "Höstträff", None, None, 4, 5, 1, 2],
]


@pytest.fixture
def known(store: Store) -> None:
    add_organisation(store, name="Mälarplast AB", orgnr="556036-0793", county="19")


def _file(write_xlsx: Callable[..., Path]) -> Path:
    return write_xlsx("narvaro.xlsx", [HEADER, *ATTENDANCE], title="Närvaro")


def _reasons(plan: Any) -> dict[int, str]:
    return {r.rows[0]: r.message for r in plan.results if r.action == "reject"}


def test_events_are_grouped_and_planned(
    store: Store, project: str, known: None, write_xlsx: Callable[..., Path]
) -> None:
    prepared = prepare(_file(write_xlsx))
    assert prepared.mapping.kind == "events"
    assert dict(prepared.mapping.columns) == {0: "date", 1: "type", 2: "title", 3: "name",
                                              4: "orgnr", 5: "women", 6: "men", 7: "other",
                                              8: "unstated"}  # fmt: skip
    plan = dry_run(store, prepared, project=project)
    creates = [r for r in plan.results if r.action == "create"]
    assert [r.rows for r in creates] == [(2, 3, 4), (11,)]
    assert [(r.rows, r.message) for r in plan.results if r.action == "duplicate"] == [
        ((5,), "same as row 2, skipped")
    ]
    assert "new organisations: Köpings Mekaniska AB (556703-7485), Nya Verkstaden AB" in (
        creates[0].message
    )
    reasons = _reasons(plan)
    assert "556036-0794 fails the check digit" in reasons[8]
    assert reasons[7].startswith("Rejected with row 8 of the same event")
    assert "outside project KAIM" in reasons[9]
    assert "'Fika' is not understood" in reasons[10]
    assert plan.totals.rejected == 4 and plan.totals.new_organisations == 2
    assert list_activities(store) == []


def test_import_creates_events_with_counts_and_organisations(
    store: Store,
    project: str,
    known: None,
    write_xlsx: Callable[..., Path],
    count_changes: Callable[[Store], int],
) -> None:
    path = _file(write_xlsx)
    result = run_import(store, prepare(path), project=project)
    activities = {a.title: a for a in list_activities(store)}
    assert set(activities) == {"AI i industrin", "Höstträff"}
    seminar = activities["AI i industrin"]
    assert (seminar.type, seminar.date, seminar.project_code) == ("seminar", D1.date(), "KAIM")
    assert (seminar.women, seminar.men, seminar.other, seminar.unstated) == (3, 5, 0, 1)
    assert seminar.category == "skills_training" and seminar.advisor == "Test Advisor"
    assert {o.orgnr for o in seminar.organisations} == {"556036-0793", "556703-7485",
                                                         "202100-5224"}  # fmt: skip
    network = activities["Höstträff"]
    assert (network.type, network.participants, network.organisations) == (
        "network_meeting",
        12,
        (),
    )
    # the whole workshop went to the rejected file, to be fixed and imported together
    assert result.rejected_file == path.with_name("narvaro.rejected.xlsx")
    sheet = load_workbook(result.rejected_file).active
    assert sheet is not None
    rejected = list(sheet.iter_rows(values_only=True))
    assert [r[2] for r in rejected[1:]] == ["Datadriven produktion", "Datadriven produktion",
                                           "Före projektet", "Okänd typ"]  # fmt: skip
    before = count_changes(store)
    again = run_import(store, prepare(path), project=project)
    assert again.plan.totals.created == 0 and again.plan.totals.unchanged == 3
    assert count_changes(store) == before
    # Fixing the rejected rows and importing that file brings in the whole workshop.
    fixed = [list(r[:-1]) for r in rejected[1:3]]
    fixed[1][3], fixed[1][4] = "Köpings Mekaniska AB", "556703-7485"
    fixed_path = write_xlsx("rattad.xlsx", [HEADER, *fixed])
    plan = run_import(store, prepare(fixed_path), project=project).plan
    assert plan.totals.created == 1 and plan.totals.rejected == 0
    workshop = next(a for a in list_activities(store) if a.type == "workshop")
    assert workshop.participants == 4 and len(workshop.organisations) == 2


def test_changed_counts_update_the_existing_event(
    store: Store, project: str, write_csv: Callable[..., Path]
) -> None:
    rows = [["Datum", "Typ", "Titel", "Företag", "Deltagare", "Kvinnor"],
            ["1/3 2026", "Seminarium", "Cirkulär ekonomi", "Mälarplast AB", "10", "4"]]  # fmt: skip
    run_import(store, prepare(write_csv("a.csv", rows, delimiter=";")), project=project)
    rows[1][4] = "12"
    plan = run_import(store, prepare(write_csv("b.csv", rows, delimiter=";")), project=project).plan
    assert plan.totals.updated == 1 and plan.totals.created == 0
    assert "unstated 6 → 8" in plan.results[0].message
    (seminar,) = list_activities(store)
    assert (seminar.women, seminar.unstated, seminar.date) == (4, 8, dt.date(2026, 3, 1))


def test_activity_log_one_row_per_activity(
    store: Store, project: str, known: None, write_csv: Callable[..., Path]
) -> None:
    rows = [["Datum", "Aktivitet", "Företag", "Org.nr", "Timmar", "Anteckning", "Projekt"],
            ["2025-10-01", "Företagsbesök", "Mälarplast AB", "", "1,5", "Behov av AI", "kaim"],
            ["2025-10-01", "Företagsbesök", "Mälarplast AB", "", "1,5", "Behov av AI",
             "Kraftsamling AI Mälardalen"],
            ["20251002", "Behovsanalys", "", "556703-7485", "2", "", "KAIM"],
            ["2025-10-03", "Matchmaking", "Okänt AB", "", "x", "", "NOPE"]]  # fmt: skip
    prepared = prepare(write_csv("logg.csv", rows))
    assert prepared.mapping.kind == "activities"
    plan = run_import(store, prepared).plan
    assert (plan.totals.created, plan.totals.unchanged, plan.totals.rejected) == (1, 1, 2)
    reasons = _reasons(plan)
    assert "556703-7485 is not in the database and the row gives no name" in reasons[4]
    assert "Project NOPE does not exist" in reasons[5] and "'x' is not a number" in reasons[5]
    (visit,) = list_activities(store)
    assert (visit.type, visit.hours, visit.note, visit.title) == ("visit", 1.5, "Behov av AI", "")


def test_activities_need_a_project(store: Store, write_csv: Callable[..., Path]) -> None:
    path = write_csv("a.csv", [["Datum", "Typ", "Företag"], ["2025-10-01", "Möte", "A AB"]])
    with pytest.raises(UserError, match="give --project CODE"):
        dry_run(store, prepare(path))
    with pytest.raises(UserError, match="There is no project NOPE"):
        dry_run(store, prepare(path), project="NOPE")


def test_rows_of_one_event_must_agree_on_its_hours(
    store: Store, project: str, write_csv: Callable[..., Path]
) -> None:
    rows = [["Datum", "Typ", "Titel", "Företag", "Timmar", "Deltagare"],
            ["2025-09-01", "Workshop", "AI-verkstad", "Nord AB", "3", "4"],
            ["2025-09-01", "Workshop", "AI-verkstad", "Syd AB", "2", "2"],
            ["2025-09-08", "Workshop", "AI-verkstad", "Nord AB", "3", "5"]]  # fmt: skip
    plan = dry_run(store, prepare(write_csv("w.csv", rows)), project=project)
    reasons = _reasons(plan)
    assert set(reasons) == {2, 3}
    assert reasons[2] == reasons[3]
    assert "Row 2 gives hours 3 but row 3 gives 2 for the same event" in reasons[2]
    assert plan.totals.created == 1  # the workshop a week later
