"""The report model against the hand-counted fixture and against the KPI engine itself."""

from __future__ import annotations

import datetime as dt

import pytest
from report_fixture import EMAILS, EXPECTED_Q3, Fixture, report_of

from hubtui.errors import UserError
from hubtui.kpi import compute_kpis, resolve
from hubtui.reports.document import report_title
from hubtui.reports.labels import size_label
from hubtui.reports.privacy import HIDDEN, UNDER
from hubtui.reports.tables import leader_table, participant_table
from hubtui.services.activity_input import ActivityInput
from hubtui.services.notes import get_note, set_note, set_notes


def test_indicators_equal_the_engine_and_the_hand_count(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "2026Q3")
    engine = compute_kpis(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3"))
    assert [i.id for i in report.indicators] == [k.id for k in engine.kpis]
    for ind, kpi in zip(report.indicators, engine.kpis, strict=True):
        assert (ind.period_value, ind.cumulative_value) == (kpi.period_value, kpi.cumulative_value)
        assert (ind.expected_by_now, ind.status) == (kpi.expected_by_now, kpi.status)
        period, cumulative, expected, status = EXPECTED_Q3[ind.id]
        assert ind.period_value == pytest.approx(period)
        assert ind.cumulative_value == pytest.approx(cumulative)
        assert ind.expected_by_now == pytest.approx(expected)
        assert ind.status == status
    assert [i.id for i in report.behind] == ["companies", "seminars", "participants", "women"]


def test_size_breakdown_comes_from_the_engine(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "2026Q3")
    assert [(s.key, s.value) for s in report.size_breakdown] == [
        ("micro", 1),
        ("small", 1),
        ("medium", 1),
    ]
    assert size_label(report.size_breakdown[0].key, "sv") == "Mikroföretag"


def test_overview_and_notes(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "2026Q3", today=dt.date(2026, 10, 2))
    o = report.overview
    assert (o.code, o.period_label, o.period_start, o.period_end) == (
        "RAPP",
        "2026Q3",
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 30),
    )
    assert o.region == ("Västmanlands län",)
    assert o.funders == ("Tillväxtverket", "Region Västmanland")
    assert not o.final
    assert report.generated == dt.date(2026, 10, 2)
    assert report.notes == {
        "arbetssatt": "Vi arbetar med besök och seminarier.",
        "avvikelser": "Seminarieplanen är försenad.",
    }
    assert report_title(report, "sv") == "Lägesrapport"


def test_activity_listings(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "2026Q3")
    by_type = {c.key: (c.activities, c.hours, c.participants) for c in report.by_type}
    assert by_type == {
        "visit": (1, 2, 0),
        "needs_analysis": (1, 3, 0),
        "seminar": (1, 0, 13),
        "workshop": (1, 0, 9),
        "testbed_session": (1, 4, 0),
    }
    by_category = {c.key: (c.activities, c.hours, c.participants) for c in report.by_category}
    assert by_category == {
        "ecosystem_networking": (2, 5, 0),
        "skills_training": (2, 0, 22),
        "test_before_invest": (1, 4, 0),
    }
    seminar, workshop = report.events
    assert (seminar.date, seminar.title, seminar.organisations) == (
        dt.date(2026, 9, 10),
        "AI i verkstaden",
        3,
    )
    a = seminar.attendance
    assert (a.women, a.men, a.other, a.unstated, a.total) == (UNDER, HIDDEN, 0, UNDER, 13)
    b = workshop.attendance  # hidden too: with the project's totals it would give the seminar's
    assert (b.women, b.men, b.other, b.unstated, b.total) == (HIDDEN, HIDDEN, 0, UNDER, 9)
    assert report_title(report, "en") == "Progress report"


def test_gender_balance(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "2026Q3")
    gender = report.gender
    total = gender.attendance  # project level: never suppressed
    assert (total.women, total.men, total.other, total.unstated, total.total) == (6, 15, 0, 1, 22)
    assert gender.women_share is not None
    assert gender.women_share.cumulative_value == pytest.approx(6 / 21, abs=1e-3)
    assert {line.key: line.women for line in gender.by_type} == {
        "seminar": UNDER,
        "workshop": HIDDEN,
    }
    # Companies only: Delta kommun (a public body) is not counted.
    assert gender.leaders == (("woman", 1), ("man", 1), ("unknown", 1))
    assert leader_table(report, "sv").rows == (("Kvinna", 1), ("Man", 1), ("Okänt", 1))
    assert [(g.name, g.date, g.women, g.men) for g in gender.groups] == [
        ("Styrgrupp", dt.date(2026, 8, 15), 3, 3)
    ]


def test_participant_list_without_and_with_contacts(rapp: Fixture) -> None:
    plain = report_of(rapp.store, "RAPP", "2026Q3")
    rows = [(p.name, p.orgnr, p.first_support, p.email) for p in plain.participants]
    assert rows == [
        ("Alfa Verkstad AB", "556036-0793", dt.date(2026, 5, 10), None),
        ("Beta Data AB", "556703-7485", dt.date(2026, 8, 3), None),
        ("Delta kommun", "212000-0142", dt.date(2026, 9, 20), None),
        ("Gamma Gjuteri AB", "", dt.date(2026, 9, 10), None),
    ]
    full = report_of(rapp.store, "RAPP", "2026Q3", with_contacts=True)
    assert [p.email for p in full.participants] == [EMAILS[0], EMAILS[1], "", ""]


def test_final_report_covers_the_whole_project(rapp: Fixture) -> None:
    report = report_of(rapp.store, "RAPP", "all")
    engine = compute_kpis(rapp.store, *resolve(rapp.store, "RAPP", "all"))
    assert report.overview.final and report_title(report, "sv") == "Slutrapport"
    values = {i.id: i.cumulative_value for i in report.indicators}
    assert values == {k.id: k.cumulative_value for k in engine.kpis}
    assert values["participants"] == 32  # 22 in Q3 and 10 at the October seminar
    assert values["companies"] == 3
    assert len(report.events) == 3


def test_period_outside_the_project_is_refused(rapp: Fixture) -> None:
    with pytest.raises(UserError, match="outside"):
        report_of(rapp.store, "RAPP", "2030Q1")
    with pytest.raises(UserError, match="not understood"):
        report_of(rapp.store, "RAPP", "Q9")


def test_notes_update_delete_and_reject_unknown_sections(rapp: Fixture) -> None:
    store = rapp.store
    set_note(store, project="RAPP", period="2026q3", section="arbetssatt", text="Ny text.\n")
    assert get_note(store, project="rapp", period="2026Q3", section="arbetssatt").text == "Ny text."
    set_note(store, project="RAPP", period="2026Q3", section="arbetssatt", text="  ")
    assert get_note(store, project="RAPP", period="2026Q3", section="arbetssatt").text == ""
    with pytest.raises(UserError, match="not a report section"):
        set_note(store, project="RAPP", period="2026Q3", section="okänd", text="x")
    with pytest.raises(UserError, match="not a report section"):  # all or nothing
        set_notes(store, project="RAPP", period="2026Q3", texts={"resultat": "R", "fel": "x"})
    assert get_note(store, project="RAPP", period="2026Q3", section="resultat").text == ""
    set_notes(store, project="RAPP", period="all", texts={"resultat": "R", "avvikelser": "A"})
    assert report_of(store, "RAPP", "all").notes == {"resultat": "R", "avvikelser": "A"}


def test_sole_traders_personal_number_is_shown_only_with_contacts(rapp: Fixture) -> None:
    from hubtui.reports.edih import edih_sheets
    from hubtui.services.activities import log_activity
    from hubtui.services.organisations import add_organisation

    firm = add_organisation(rapp.store, name="Eriks Konsult", orgnr="811218-9876", employees=1)
    log_activity(
        rapp.store,
        ActivityInput(project="RAPP", type="visit", date="2026-08-10", organisation_ids=[firm.id]),
    )
    report = report_of(rapp.store, "RAPP", "2026Q3")
    plain = {p.name: p.orgnr for p in report.participants}
    assert plain["Eriks Konsult"] == ""  # masked: the writers say what it is
    assert ("Eriks Konsult", "enskild firma (personnummer)") in {
        row[:2] for row in participant_table(report, "sv").rows
    }
    full = report_of(rapp.store, "RAPP", "2026Q3", with_contacts=True)
    assert {p.name: p.orgnr for p in full.participants}["Eriks Konsult"] == "811218-9876"
    view, span = resolve(rapp.store, "RAPP", "2026Q3")
    customers = next(s for s in edih_sheets(rapp.store, view, span) if s.name == "customers")
    row = next(r for r in customers.rows if r[0] == "Eriks Konsult")
    assert "811218-9876" not in row and not any("8112189876" in str(v) for v in row)
