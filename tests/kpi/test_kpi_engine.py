"""Every metric against numbers worked out by hand for the dataset in conftest.py.

Who is supported in KAIM up to 2026-09-30 (live activities, live links, inside the project):
  A Alfa (micro, 19, woman-led, manufacturing): a1 Q1 visit, a2 Q2 needs analysis,
                                               a3 Q3 testbed session (joint R&D with MDU)
  B Beta (small, 04, founded 2024-05-01):       a11 Q3 grant (2026-07-01), a4 Q3 seminar,
                                               a6 Q3 workshop   (a10 in Q4 is after the period)
  C Gamma (large, 19, woman-led):               a8 Q2 seminar, a4 Q3 seminar
  D Delta (medium, 01, founded 2022-03-01):     a5 Q1 visit (2026-03-01), a6 Q3 workshop
  E Västerås stad (public body, 19):            a4 Q3 seminar
  H MDU (research):                            a3 Q3
  J Theta (micro, 04, woman-led, founded 2023-05-01): a12 Q2 (2026-04-15), a13 Q3
Not supported: F (its link to a4 is deleted), G (its only activity a7 is deleted),
I (only a9, dated before the project, and the other project's visit).
"""

from __future__ import annotations

import datetime as dt

import pytest

from hubtui.domain.periods import parse_period
from hubtui.errors import UserError
from hubtui.kpi import compute_kpis, kpi_series, resolve
from hubtui.kpi.model import status_of

Q3 = "2026Q3"

# id: (period value, cumulative value, expected by now, status)   expected = target × 273/730
EXPECTED = {
    # SMEs: A, B, D, J in Q3 and cumulatively; C is large.             20 × 0.37397 = 7.48
    "smf-stod": (4, 4, 7.48, "behind"),
    # companies: A, B, C, D, J (D counts although outside the project's counties)
    "foretag": (5, 5, 3.74, "ahead"),
    # kinds company + public body: adds E
    "org-alla": (6, 6, 3.74, "ahead"),
    # where.counties 19/04: A, B, C, J; D (01) is out.   4 > 3.74 × 1.05 = 3.93
    "smf-lan": (4, 4, 3.74, "ahead"),
    # seminars: a4 (Q3), a8 (Q2)
    "seminarier": (1, 2, 2.99, "behind"),
    # a1 a2 a3 a4 a5 a6 a8 a11 a12 a13; Q3: a3 a4 a6 a11 a13
    "aktiviteter": (5, 10, 14.96, "behind"),
    # a4 6+9+1+4 = 20, a6 3+2 = 5, a8 2+2 = 4
    "deltagare": (25, 29, 37.4, "behind"),
    # 2+3+4+2+1+3+1+2+2+1 = 21; Q3: 4+2+3+2+1 = 12
    "timmar": (12, 21, 74.79, "behind"),
    # women 11 / (11 + 13 + 1) = 0.44; Q3 9 / (9 + 11 + 1) = 0.4286; unstated left out
    "kvinnor": (0.429, 0.44, 0.4, "ahead"),
    # B (2 years) and J (2 years 11 months at its first support, though 3y3m at its Q3 one);
    # A, C founded long before; D exactly 4 years before its first support.
    "nya": (2, 2, 1.87, "ahead"),
    # joint R&D: a3 with A and MDU; MDU is not a company
    "fou": (1, 1, 1.12, "behind"),
    # T0s in the window: A (Q1), C (Q2, no project but supported), B (Q3); D's T0 is before
    # the project, G is not supported, J's T0 is deleted.  3 within 5 % of 2.99
    "dma-t0": (1, 3, 2.99, "on_track"),
    # A 40 → 50 (Q3); C 60 → 55 (its T2 of 90 belongs to the other project); B has no T1
    "dma-upp": (1, 1, 1.87, "behind"),
    # A 100 000 (Q3) + B 50 000 (Q2); a deleted 999 and the other project's 7 777 left out
    "inv": (100000, 150000, 373972.6, "behind"),
    # 2026-02-01 and 2026-09-15; one deleted, one after the period.  4 × 0.37397 = 1.5
    "samarbeten": (1, 2, 1.5, "ahead"),
    # woman-led supported companies: A, C, J (G's activity is deleted)
    "kvinnoledda": (3, 3, 1.87, "ahead"),
    # grants: a11 with B
    "bidrag": (1, 1, 1.87, "behind"),
    # activities with a micro company: a1 2, a2 3, a3 4, a12 2, a13 1 (a4's link to F deleted)
    "mikro-timmar": (5, 12, 18.7, "behind"),
    # test before invest: a3 with A (MDU is not a company)
    "tbi": (1, 1, 1.87, "behind"),
    # manufacturing: A only
    "tillverkning": (1, 1, 1.87, "behind"),
}


def test_every_metric_matches_the_hand_count(dataset) -> None:  # type: ignore[no-untyped-def]
    result = compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", Q3))
    assert result.period.label == Q3
    assert (result.period.start, result.period.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    got = {
        k.id: (k.period_value, k.cumulative_value, k.expected_by_now, k.status) for k in result.kpis
    }
    assert got == EXPECTED
    assert [k.id for k in result.kpis] == list(EXPECTED)  # goals-file order


def test_breakdowns(dataset) -> None:  # type: ignore[no-untyped-def]
    result = compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", parse_period(Q3)))
    smf = result.kpi("smf-stod")
    assert smf.target == 20 and smf.progress == 0.2
    assert smf.breakdown["size"] == {"micro": 2, "small": 1, "medium": 1}
    assert smf.breakdown["county"] == {"04": 2, "01": 1, "19": 1}
    # A: visit + needs analysis + testbed; B: seminar, workshop, grant; D: visit, workshop;
    # J: needs analysis, visit. One company may get several categories of service.
    assert smf.breakdown["category"] == {
        "ecosystem_networking": 3,
        "skills_training": 2,
        "test_before_invest": 1,
        "investment_support": 1,
    }
    assert result.kpi("foretag").breakdown["size"] == {
        "micro": 2,
        "small": 1,
        "medium": 1,
        "large": 1,
    }
    assert result.kpi("org-alla").breakdown["size"]["unknown"] == 1  # the public body
    women = result.kpi("kvinnor")
    assert women.details == {
        "women": 11,
        "men": 13,
        "other": 1,
        "unstated": 4,
        "period_women": 9,
        "period_men": 11,
        "period_other": 1,
        "period_unstated": 4,
    }
    assert women.breakdown["type"] == {"seminar": 0.4, "workshop": 0.6}
    assert result.kpi("aktiviteter").breakdown["type"] == {
        "visit": 3,
        "needs_analysis": 2,
        "seminar": 2,
        "testbed_session": 1,
        "workshop": 1,
        "investment_support": 1,
    }
    assert result.kpi("inv").breakdown == {"currency": {"SEK": 150000}}


def test_a_company_supported_in_three_quarters_counts_once_in_each(dataset) -> None:  # type: ignore[no-untyped-def]
    # A is supported in Q1, Q2 and Q3. Period values: Q1 A, D; Q2 A, C, J; Q3 A, B, C, D, J;
    # Q4 only B (a10). Cumulative values are distinct companies to the period's end.
    series = kpi_series(dataset.store, resolve(dataset.store, "KAIM")[0], "foretag")
    assert [p.period.label for p in series] == [
        f"{y}Q{q}" for y in (2026, 2027) for q in range(1, 5)
    ]
    assert [(p.period_value, p.cumulative_value) for p in series] == [
        (2, 2),
        (3, 4),
        (5, 5),
        (1, 5),
        (0, 5),
        (0, 5),
        (0, 5),
        (0, 5),
    ]
    assert series[-1].expected_by_now == 10
    for label, period_value in (("2026Q1", 2), ("2026Q2", 3), ("2026Q3", 5)):
        assert (
            compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", label))
            .kpi("foretag")
            .period_value
            == period_value
        )


def test_whole_project(dataset) -> None:  # type: ignore[no-untyped-def]
    result = compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", "all"))
    assert result.period.label == "all"
    # a10 (Q4) adds an activity and an hour; the 2026-11-01 collaboration adds one
    assert result.kpi("aktiviteter").cumulative_value == 11
    assert result.kpi("aktiviteter").period_value == 11
    assert result.kpi("timmar").cumulative_value == 22
    assert result.kpi("samarbeten").cumulative_value == 3
    assert result.kpi("foretag").cumulative_value == 5  # B again: still five companies
    assert result.kpi("foretag").expected_by_now == 10  # the whole target at the end


def test_default_period_is_the_current_quarter_clipped(dataset) -> None:  # type: ignore[no-untyped-def]
    store = dataset.store
    assert (
        compute_kpis(store, *resolve(store, "KAIM", today=dt.date(2026, 8, 1))).period.label
        == "2026Q3"
    )
    # before the project: its first period; after it: its last
    assert (
        compute_kpis(store, *resolve(store, "KAIM", today=dt.date(2025, 5, 1))).period.label
        == "2026Q1"
    )
    assert (
        compute_kpis(store, *resolve(store, "KAIM", today=dt.date(2030, 1, 1))).period.label
        == "2027Q4"
    )


def test_the_other_project_sees_only_its_own(dataset) -> None:  # type: ignore[no-untyped-def]
    result = compute_kpis(dataset.store, *resolve(dataset.store, "OTHER", "2026Q3"))
    assert (result.kpi("foretag").period_value, result.kpi("foretag").cumulative_value) == (2, 2)


def test_a_period_outside_the_project_is_refused(dataset) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="lies outside project KAIM"):
        compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", "2030Q1"))
    with pytest.raises(UserError, match="no project 'NOPE'"):
        compute_kpis(dataset.store, *resolve(dataset.store, "NOPE", "2026Q3"))


def test_status_tolerance() -> None:
    assert status_of(105, 100) == "on_track"
    assert status_of(95, 100) == "on_track"
    assert status_of(105.1, 100) == "ahead"
    assert status_of(94.9, 100) == "behind"
    assert status_of(0, 0) == "on_track"
    assert status_of(1, 0) == "ahead"
    assert status_of(None, 0.4) == "behind"


def test_drill_down_adds_up_to_every_number(dataset) -> None:  # type: ignore[no-untyped-def]
    from hubtui.kpi import drill_down

    result = compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", Q3))
    for k in result.kpis:
        for cumulative in (False, True):
            drill = drill_down(
                dataset.store, *resolve(dataset.store, "KAIM", Q3), k.id, cumulative=cumulative
            )
            number = k.cumulative_value if cumulative else k.period_value
            rows = drill.rows
            if k.metric == "participants":
                total = sum(
                    sum(r.values[g] for g in ("women", "men", "other", "unstated")) for r in rows
                )
            elif k.metric == "hours":
                total = sum(r.values["hours"] or 0 for r in rows)
            elif k.metric == "investment_triggered":
                total = sum(r.values["amount"] for r in rows)
            elif k.metric == "women_share":
                women = sum(r.values["women"] for r in rows)
                known = sum(r.values["women"] + r.values["men"] + r.values["other"] for r in rows)
                total = round(women / known, 3)
            else:
                total = len(rows)
            assert total == number, (k.id, cumulative)
    drill = drill_down(dataset.store, *resolve(dataset.store, "KAIM", Q3), "dma-upp")
    assert [(r.name, r.values["t0_overall"], r.values["later_overall"]) for r in drill.rows] == [
        ("Alfa AB", 40, 50)
    ]


def test_an_activity_without_a_category_counts_in_its_types_default(store) -> None:  # type: ignore[no-untyped-def]
    """Rows from sync or old imports may have an empty category: the type's default applies."""
    from hubtui.domain.goals import parse_goals
    from hubtui.services.organisations import add_organisation
    from hubtui.services.projects import import_goals

    project = import_goals(
        store,
        parse_goals(
            '[project]\ncode = "P"\nname = "P"\nstart = 2026-01-01\nend = 2026-12-31\n'
            '[[kpi]]\nid = "tbi"\nmetric = "companies_supported"\ntarget = 2\n'
            'where = { categories = ["test_before_invest"] }\n'
            '[[kpi]]\nid = "tbi-akt"\nmetric = "activities"\ntarget = 2\n'
            'where = { categories = ["test_before_invest"] }\n'
        ),
    )
    org = add_organisation(store, name="Demo AB", employees=3)
    with store.write() as w:
        activity = w.insert(
            "activity",
            {"project_id": project.id, "type": "testbed_session", "date": dt.date(2026, 2, 1)},
        )
        w.insert("activity_organisation", {"activity_id": activity, "organisation_id": org.id})
    result = compute_kpis(store, *resolve(store, "P", "2026Q1"))
    assert result.kpi("tbi").cumulative_value == 1
    assert result.kpi("tbi").breakdown["category"] == {"test_before_invest": 1}
    assert result.kpi("tbi-akt").cumulative_value == 1
