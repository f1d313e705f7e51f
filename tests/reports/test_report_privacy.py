"""Disclosure control: no hidden count can be worked out from what a report publishes.

The property tests check the suppression against an independent brute force: every integer
table that agrees with the published cells, the published totals (each event's, each type's
and the project's per gender) and the shown marks ("<3" = 0..2, "x" = 3 or more) is listed, and
every hidden cell must take at least two values among them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubtui.reports.attendance import GENDERS, Counts, Protected, protect_attendance
from hubtui.reports.privacy import HIDDEN, UNDER, Arc, computable, suppress

Events = list[tuple[str, tuple[int, ...]]]


def _protect(events: Events) -> Protected:
    per_type: dict[str, list[int]] = {}
    for type_id, cells in events:
        sums = per_type.setdefault(type_id, [0] * len(GENDERS))
        for n, value in enumerate(cells):
            sums[n] += value
    return protect_attendance(
        [Counts(t, *v) for t, v in per_type.items()],
        [(t, Counts(f"e{n}", *cells)) for n, (t, cells) in enumerate(events)],
    )


def _range(cell: int | str, total: int) -> range:
    if cell == UNDER:
        return range(0, min(2, total) + 1)
    if cell == HIDDEN:
        return range(3, total + 1)
    assert isinstance(cell, int)
    return range(cell, cell + 1)


def _fillings(cells: Sequence[int | str], total: int) -> Iterator[tuple[int, ...]]:
    """Every row that shows these cells and adds up to the published total."""
    for values in itertools.product(*(_range(c, total) for c in cells)):
        if sum(values) == total:
            yield values


def _solutions(events: Events, shown: Protected) -> list[tuple[tuple[int, ...], ...]]:
    """Every table of event counts consistent with all that is published."""
    rows = [
        list(_fillings([shown.events[f"e{n}"][g] for g in GENDERS], sum(cells)))
        for n, (_, cells) in enumerate(events)
    ]
    types = sorted({t for t, _ in events})
    project = [sum(cells[i] for _, cells in events) for i in range(len(GENDERS))]
    found = []
    for table in itertools.product(*rows):
        sums = {t: [0] * len(GENDERS) for t in types}
        for (type_id, _), row in zip(events, table, strict=True):
            for i, value in enumerate(row):
                sums[type_id][i] += value
        if [sum(sums[t][i] for t in types) for i in range(len(GENDERS))] != project:
            continue
        if all(
            sums[t][i] in _range(shown.types[t][g], sum(sums[t]))
            for t in types
            for i, g in enumerate(GENDERS)
        ):
            found.append(table)
    return found


small_counts = st.lists(st.integers(0, 4), min_size=4, max_size=4).map(tuple)
event_lists = st.lists(
    st.tuples(st.sampled_from(["seminar", "workshop"]), small_counts), min_size=1, max_size=3
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_lists)
def test_no_hidden_cell_has_a_unique_value(events: Events) -> None:
    shown = _protect(events)
    tables = _solutions(events, shown)
    assert tables, "the true table must be among the solutions"
    for n in range(len(events)):
        for i, g in enumerate(GENDERS):
            if isinstance(shown.events[f"e{n}"][g], str):
                values = {table[n][i] for table in tables}
                assert len(values) >= 2, (n, g, values)
    for type_id in {t for t, _ in events}:
        members = [n for n, (t, _) in enumerate(events) if t == type_id]
        for i, g in enumerate(GENDERS):
            if isinstance(shown.types[type_id][g], str):
                values = {sum(table[m][i] for m in members) for table in tables}
                assert len(values) >= 2, (type_id, g, values)


def _all_hidden(events: Events) -> Protected:
    def marks(cells: Sequence[int]) -> dict[str, int | str]:
        return {g: UNDER if v < 3 else HIDDEN for g, v in zip(GENDERS, cells, strict=True)}

    types: dict[str, list[int]] = {}
    for t, cells in events:
        types[t] = [a + b for a, b in zip(types.get(t, [0, 0, 0, 0]), cells, strict=True)]
    return Protected(
        events={f"e{n}": marks(cells) for n, (_, cells) in enumerate(events)},
        types={t: marks(v) for t, v in types.items()},
    )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(event_lists)
def test_small_counts_are_shown_only_when_the_totals_give_them_anyway(events: Events) -> None:
    shown = _protect(events)
    visible_small = []
    for n, (_, cells) in enumerate(events):
        for i, (g, value) in enumerate(zip(GENDERS, cells, strict=True)):
            cell = shown.events[f"e{n}"][g]
            assert cell == value or cell == (UNDER if value < 3 else HIDDEN)
            if cell in (1, 2):
                visible_small.append((n, i))
    if visible_small:  # what the published totals alone already tell
        tables = _solutions(events, _all_hidden(events))
        for n, i in visible_small:
            assert len({table[n][i] for table in tables}) == 1


def test_the_total_row_does_not_give_away_a_hidden_type() -> None:
    # The example of the issue: women 2 at seminars; Totalt 6 minus workshops 4 gave 2.
    shown = _protect([("seminar", (2, 10, 0, 1)), ("workshop", (4, 5, 0, 0))])
    assert shown.types["seminar"]["women"] == UNDER
    assert shown.types["workshop"]["women"] == HIDDEN
    assert shown.events["e1"]["women"] == HIDDEN


def test_zero_and_large_counts_alone_stay_visible() -> None:
    shown = _protect([("seminar", (3, 12, 0, 0)), ("workshop", (5, 4, 0, 0))])
    assert shown.types["seminar"] == {"women": 3, "men": 12, "other": 0, "unstated": 0}
    assert shown.events["e0"] == shown.types["seminar"]


def test_a_one_person_event_hides_its_gender_behind_a_zero() -> None:
    shown = _protect([("seminar", (1, 0, 0, 0)), ("seminar", (5, 6, 0, 0))])
    first = shown.events["e0"]
    assert first["women"] == UNDER
    assert sum(isinstance(v, str) for v in first.values()) >= 2


def test_a_two_way_table_with_published_margins() -> None:
    # rows r0..r2, columns c0..c2, every row and column total published
    values = [[1, 5, 7], [6, 4, 9], [8, 8, 2]]
    arcs = [
        Arc((r, c), ("row", r), ("col", c), v)
        for r, row in enumerate(values)
        for c, v in enumerate(row)
    ]
    hidden = suppress(arcs)
    assert {(0, 0), (2, 2)} <= hidden
    assert not computable(arcs, hidden)


def test_a_small_count_is_paired_with_a_nonzero_cell_not_a_zero() -> None:
    # Each event: one woman (hidden), men, nobody "other", some unstated. A hidden zero could
    # only be larger than shown and would protect nothing; the smallest nonzero cell of the row
    # protects the woman, so each row hides exactly two cells and the zeros stay visible.
    events = [("seminar", (1, 5 + n % 3, 0, 4 + n % 2)) for n in range(12)]
    shown = _protect(events[:3])
    for n in range(3):
        row = shown.events[f"e{n}"]
        assert row["other"] == 0
        assert sum(isinstance(v, str) for v in row.values()) == 2
    assert not _solutions_have_a_fixed_hidden_cell(events[:3], shown)
    many = _protect(events)
    for n in range(12):
        assert many.events[f"e{n}"]["other"] == 0
        assert sum(isinstance(v, str) for v in many.events[f"e{n}"].values()) == 2


def _solutions_have_a_fixed_hidden_cell(events: Events, shown: Protected) -> bool:
    tables = _solutions(events, shown)
    return any(
        len({table[n][i] for table in tables}) < 2
        for n in range(len(events))
        for i, g in enumerate(GENDERS)
        if isinstance(shown.events[f"e{n}"][g], str)
    )


two_way_tables = st.lists(
    st.lists(st.integers(0, 4), min_size=3, max_size=3), min_size=2, max_size=3
).flatmap(
    lambda values: st.tuples(
        st.just(values),
        st.sets(st.tuples(st.integers(0, len(values) - 1), st.integers(0, 2)), max_size=5),
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_way_tables)
def test_computable_agrees_with_a_brute_force_on_two_way_tables(
    case: tuple[list[list[int]], set[tuple[int, int]]],
) -> None:
    # A table with every row and column total published and some cells hidden: a hidden
    # cell is computable exactly when every table meeting the totals and the marks agrees.
    values, hidden = case
    arcs = [
        Arc((r, c), ("row", r), ("col", c), v)
        for r, row in enumerate(values)
        for c, v in enumerate(row)
    ]
    cells = sorted(hidden)
    rows = [sum(row) for row in values]
    columns = [sum(row[c] for row in values) for c in range(3)]
    tables = []
    for guess in itertools.product(
        *(_range(UNDER if values[r][c] < 3 else HIDDEN, 12) for r, c in cells)
    ):
        table = [list(row) for row in values]
        for (r, c), v in zip(cells, guess, strict=True):
            table[r][c] = v
        if [sum(row) for row in table] == rows and [
            sum(row[c] for row in table) for c in range(3)
        ] == columns:
            tables.append(table)
    fixed = {(r, c) for r, c in cells if len({t[r][c] for t in tables}) == 1}
    assert computable(arcs, hidden) == fixed
