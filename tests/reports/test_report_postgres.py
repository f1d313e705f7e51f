"""The report's SQL on a real PostgreSQL database (skipped with a reason if none is reachable)."""

from __future__ import annotations

import pytest
from report_fixture import EXPECTED_Q3, build_fixture, report_of

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
