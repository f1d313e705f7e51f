"""New organisations in a period: supported for the first time in the project in that period.

From the hand-counted dataset (see test_kpi_engine.py): companies supported per quarter are
Q1 A, D; Q2 A, C, J; Q3 A, B, C, D, J; Q4 B. New ones: Q1 A, D; Q2 C, J (A was supported in
Q1); Q3 B; Q4 none (B was supported in Q3). F (deleted link), G (deleted activity) and I
(before the project, and in the other project) never count.
"""

from __future__ import annotations

import pytest
from kpi_dataset import Dataset

from hubtui.kpi import compute_kpi, compute_kpis, kpi_series, resolve

QUARTERS = ("2026Q1", "2026Q2", "2026Q3", "2026Q4")

# id: (new, period value, cumulative value) per quarter
EXPECTED = {
    "foretag": [(2, 2, 2), (2, 3, 4), (1, 5, 5), (0, 1, 5)],
    # SMEs: C is large
    "smf-stod": [(2, 2, 2), (1, 2, 3), (1, 4, 4), (0, 1, 4)],
    # companies and public bodies: E (public body) is new in Q3
    "org-alla": [(2, 2, 2), (2, 3, 4), (2, 6, 6), (0, 1, 6)],
}


@pytest.mark.parametrize("kpi_id", sorted(EXPECTED))
def test_new_period_and_cumulative_per_quarter(dataset: Dataset, kpi_id: str) -> None:
    got = [
        (k.new_value, k.period_value, k.cumulative_value)
        for k in (
            compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", q)).kpi(kpi_id)
            for q in QUARTERS
        )
    ]
    assert got == EXPECTED[kpi_id]


def test_the_three_numbers_agree(dataset: Dataset) -> None:
    for kpi_id in EXPECTED:
        results = [
            compute_kpi(dataset.store, *resolve(dataset.store, "KAIM", q), kpi_id) for q in QUARTERS
        ]
        for k in results:
            assert k.new_value is not None and k.period_value is not None
            assert k.cumulative_value is not None
            assert 0 <= k.new_value <= k.period_value <= k.cumulative_value
        assert sum(int(k.new_value or 0) for k in results) == results[-1].cumulative_value


def test_the_whole_project_is_all_new(dataset: Dataset) -> None:
    k = compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", "all")).kpi("foretag")
    assert (k.new_value, k.period_value, k.cumulative_value) == (5, 5, 5)


def test_only_organisation_counts_have_a_new_value(dataset: Dataset) -> None:
    result = compute_kpis(dataset.store, *resolve(dataset.store, "KAIM", "2026Q3"))
    assert result.kpi("aktiviteter").new_value is None
    assert result.kpi("foretag").as_dict().keys() == result.kpi("aktiviteter").as_dict().keys()


def test_the_series_has_the_same_new_organisations(dataset: Dataset) -> None:
    project = resolve(dataset.store, "KAIM")[0]
    for kpi_id, expected in EXPECTED.items():
        series = kpi_series(dataset.store, project, kpi_id)
        got = [(p.new_value, p.period_value, p.cumulative_value) for p in series[:4]]
        assert got == expected
        assert sum(int(p.new_value or 0) for p in series) == series[-1].cumulative_value
    assert kpi_series(dataset.store, project, "aktiviteter")[0].new_value is None
