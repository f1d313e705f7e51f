import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubtui.domain.periods import (
    InvalidPeriod,
    Period,
    clip,
    current_quarter,
    elapsed_share,
    parse_date,
    parse_period,
    quarter_of,
    reporting_periods,
)
from hubtui.errors import UserError

START, END = date(2025, 3, 1), date(2028, 2, 28)
D = date


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2026Q1", "2026Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026Q3", "2026Q3", D(2026, 7, 1), D(2026, 9, 30)),
        (" 2026q4 ", "2026Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2026H1", "2026H1", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026h2", "2026H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026", "2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026-03", "2026-03", D(2026, 3, 1), D(2026, 3, 31)),
        ("2028-02", "2028-02", D(2028, 2, 1), D(2028, 2, 29)),
        ("2026-03-01..2026-05-31", "2026-03-01..2026-05-31", D(2026, 3, 1), D(2026, 5, 31)),
        ("2026-03-01 .. 2026-03-01", "2026-03-01..2026-03-01", D(2026, 3, 1), D(2026, 3, 1)),
        ("all", "all", START, END),
        ("ALL", "all", START, END),
    ],
)
def test_parse_period(text: str, label: str, start: date, end: date) -> None:
    p = parse_period(text, project_start=START, project_end=END)
    assert p == Period(label, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "2026Q5",
        "2026Q0",
        "2026-13",
        "2026-00",
        "26",
        "Q3",
        "x",
        "",
        "0000",
        "9999Q4",
        "2026-03-01..2026-02-30",
        "2026-03-01..",
        "last quarter",
    ],
)
def test_bad_period(text: str) -> None:
    with pytest.raises(UserError):
        parse_period(text)


def test_bad_period_lists_forms() -> None:
    with pytest.raises(InvalidPeriod, match=r"not understood; write 2026Q3 \(quarter\)"):
        parse_period("spring")
    with pytest.raises(InvalidPeriod, match="ends before it starts"):
        parse_period("2026-05-01..2026-01-01")
    with pytest.raises(InvalidPeriod, match="needs the project's start and end"):
        parse_period("all")


def test_parse_date() -> None:
    assert parse_date(" 2026-03-01 ") == D(2026, 3, 1)
    for bad in ["2026-3-1", "2026-02-30", "01/03/2026", "", "20260301"]:
        with pytest.raises(InvalidPeriod, match=r"is not a date; write it as YYYY-MM-DD\."):
            parse_date(bad)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
def test_quarter_of(d: date) -> None:
    q = quarter_of(d)
    assert d in q
    assert q.start.day == 1 and q.start.month in (1, 4, 7, 10)
    assert (q.end + timedelta(days=1)).day == 1
    assert q == parse_period(q.label)
    assert current_quarter(d) == q


def test_clip() -> None:
    q = parse_period("2025Q1")
    assert clip(q, START, END) == Period("2025Q1", D(2025, 3, 1), D(2025, 3, 31))
    assert clip(q, D(2025, 4, 1), END) is None
    assert clip(q, D(2024, 1, 1), D(2030, 1, 1)) == q


def test_reporting_periods_kaim() -> None:
    ps = reporting_periods(START, END)
    assert len(ps) == 13
    assert ps[0] == Period("2025Q1", D(2025, 3, 1), D(2025, 3, 31))
    assert ps[1] == Period("2025Q2", D(2025, 4, 1), D(2025, 6, 30))
    assert ps[-1] == Period("2028Q1", D(2028, 1, 1), D(2028, 2, 28))


def test_reporting_period_lengths() -> None:
    assert [p.label for p in reporting_periods(START, END, 6)] == [
        "2025H1",
        "2025H2",
        "2026H1",
        "2026H2",
        "2027H1",
        "2027H2",
        "2028H1",
    ]
    assert [p.label for p in reporting_periods(START, END, 12)] == ["2025", "2026", "2027", "2028"]
    months = reporting_periods(START, D(2025, 5, 15), 1)
    assert [p.label for p in months] == ["2025-03", "2025-04", "2025-05"]
    assert months[-1].end == D(2025, 5, 15)
    four = reporting_periods(START, D(2025, 12, 28), 4)
    assert [(p.label, p.start, p.end) for p in four] == [
        ("2025-03-01..2025-04-30", D(2025, 3, 1), D(2025, 4, 30)),
        ("2025-05-01..2025-08-31", D(2025, 5, 1), D(2025, 8, 31)),
        ("2025-09-01..2025-12-28", D(2025, 9, 1), D(2025, 12, 28)),
    ]
    assert reporting_periods(D(2026, 2, 3), D(2026, 2, 3)) == [
        Period("2026Q1", D(2026, 2, 3), D(2026, 2, 3))
    ]
    with pytest.raises(UserError):
        reporting_periods(END, START)
    with pytest.raises(UserError):
        reporting_periods(START, END, 0)


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)),
    st.integers(0, 3000),
    st.sampled_from([1, 2, 3, 4, 6, 12, 24]),
)
def test_reporting_periods_tile_the_project(start: date, length: int, months: int) -> None:
    end = start + timedelta(days=length)
    ps = reporting_periods(start, end, months)
    assert ps[0].start == start and ps[-1].end == end
    for a, b in itertools.pairwise(ps):
        assert b.start == a.end + timedelta(days=1)
    assert sum(p.days for p in ps) == length + 1
    assert len({p.label for p in ps}) == len(ps)
    if months == 3:
        assert all(clip(parse_period(p.label), start, end) == p for p in ps)


def test_elapsed_share_edges() -> None:
    assert elapsed_share(START, END, D(2025, 2, 28)) == 0.0
    assert elapsed_share(START, END, D(2000, 1, 1)) == 0.0
    total = (END - START).days + 1
    assert elapsed_share(START, END, START) == pytest.approx(1 / total)
    assert elapsed_share(START, END, END) == 1.0
    assert elapsed_share(START, END, D(2030, 1, 1)) == 1.0
    assert elapsed_share(D(2026, 1, 1), D(2026, 1, 1), D(2026, 1, 1)) == 1.0
    assert elapsed_share(D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 1)) == 0.5
    assert elapsed_share(D(2026, 1, 1), D(2026, 12, 31), D(2026, 7, 2)) == pytest.approx(183 / 365)


@given(st.dates(), st.dates(), st.dates(), st.dates())
def test_elapsed_share_is_monotonic(a: date, b: date, at1: date, at2: date) -> None:
    start, end = min(a, b), max(a, b)
    early, late = min(at1, at2), max(at1, at2)
    assert 0.0 <= elapsed_share(start, end, early) <= elapsed_share(start, end, late) <= 1.0
