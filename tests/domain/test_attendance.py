"""The attendance rules: total, the share of women's denominator, group events, categories."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hubtui.domain.activity_types import ACTIVITY_TYPES
from hubtui.domain.attendance import (
    GENDERS,
    Attendance,
    effective_category,
    is_group_event,
    women_share,
)

counts = st.integers(min_value=0, max_value=10_000)


@given(counts, counts, counts, counts)
def test_total_counts_everyone_and_the_share_leaves_not_stated_out(
    women: int, men: int, other: int, unstated: int
) -> None:
    a = Attendance(women, men, other, unstated)
    assert a.total == women + men + other + unstated
    assert a.stated == women + men + other
    if a.stated:
        assert a.women_share == women / (women + men + other)
    else:
        assert a.women_share is None
    assert Attendance.of(a.as_dict()) == a == Attendance.of(a)
    assert tuple(a.as_dict()) == GENDERS


def test_share_of_nobody_is_none() -> None:
    assert women_share(0, 0) is None
    assert Attendance(unstated=5).women_share is None
    assert Attendance(women=1, men=3, unstated=100).women_share == 0.25


@given(st.sampled_from(sorted(ACTIVITY_TYPES)), counts)
def test_group_event_by_mode(type_id: str, total: int) -> None:
    mode = ACTIVITY_TYPES[type_id].mode
    expected = mode == "group" or (mode == "either" and total > 0)
    assert is_group_event(type_id, total) is expected


def test_group_event_examples() -> None:
    assert is_group_event("seminar", 0)  # held, even if nobody was counted
    assert is_group_event("needs_analysis", 4)
    assert not is_group_event("needs_analysis", 0)
    assert not is_group_event("visit", 12)
    assert not is_group_event("no_such_type", 3)


def test_effective_category() -> None:
    assert effective_category("seminar", "") == "skills_training"
    assert effective_category("seminar", "test_before_invest") == "test_before_invest"
    assert effective_category("unknown", "") == ""
