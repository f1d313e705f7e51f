"""The report's SQL on a real PostgreSQL database (skipped with a reason if none is reachable)."""

from __future__ import annotations

import pytest
from report_fixture import EXPECTED_Q3, Fixture, build_fixture, report_of

from hubtui.kpi import resolve
from hubtui.reports.edih import edih_sheets
from hubtui.reports.privacy import UNDER
from hubtui.store import Store

pytestmark = pytest.mark.postgres


def test_report_on_postgres_matches_the_hand_count(pg_store: Store) -> None:
    build_fixture(pg_store)
    report = report_of(pg_store, "RAPP", "2026Q3", with_contacts=True)
    for indicator in report.indicators:
        period, cumulative, expected, status = EXPECTED_Q3[indicator.id]
        assert indicator.period_value == pytest.approx(period)
        assert indicator.cumulative_value == pytest.approx(cumulative)
        assert (indicator.expected_by_now, indicator.status) == (pytest.approx(expected), status)
    assert {c.key: c.activities for c in report.by_category} == {
        "ecosystem_networking": 2,
        "skills_training": 2,
        "test_before_invest": 1,
    }
    assert report.events[0].attendance.women == UNDER
    assert [p.name for p in report.participants] == [
        "Alfa Verkstad AB",
        "Beta Data AB",
        "Delta kommun",
        "Gamma Gjuteri AB",
    ]
    assert report.participants[0].email == "anna@alfa.se"
    assert [(g.name, g.women) for g in report.gender.groups] == [("Styrgrupp", 3)]
    sheets = {s.name: s for s in edih_sheets(pg_store, *resolve(pg_store, "RAPP", "2026Q3"))}
    assert len(sheets["services"].rows) == 8


def test_report_sums_and_support_types_on_postgres_equal_sqlite(
    pg_store: Store, rapp: Fixture
) -> None:
    """The activity counts added up from groups and the types each organisation received
    (string_agg on PostgreSQL, group_concat on SQLite) come out the same on both."""
    build_fixture(pg_store)

    def seen(store: Store) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
        r = report_of(store, "RAPP", "all")
        people = [(p.name, p.support, p.hours, p.first_in_period) for p in r.participants]
        return (r.by_type, r.by_category, r.gender.attendance, r.gender.by_type), people

    sums, people = seen(pg_store)
    assert (sums, people) == seen(rapp.store)
    assert any(len(p.support) > 1 for p in report_of(pg_store, "RAPP", "all").participants)
