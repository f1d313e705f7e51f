"""Small-cell suppression: one function, every case that matters for a funder's report."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hubtui.reports.privacy import HIDDEN, UNDER, suppress_small_cells


def test_counts_of_three_or_more_and_zero_stay_visible() -> None:
    cells = {"women": 3, "men": 12, "other": 0, "unstated": 0}
    assert suppress_small_cells(cells) == cells


def test_two_small_cells_are_hidden_and_nothing_else() -> None:
    cells = {"women": 2, "men": 10, "other": 0, "unstated": 1}
    assert suppress_small_cells(cells) == {"women": UNDER, "men": 10, "other": 0, "unstated": UNDER}


def test_a_single_small_cell_hides_the_smallest_other_so_the_total_cannot_reveal_it() -> None:
    # 1 woman, 4 men, nobody else: with the total 5 shown, "women <3" alone would give 1.
    out = suppress_small_cells({"women": 1, "men": 4, "other": 0, "unstated": 0})
    assert out == {"women": UNDER, "men": 4, "other": UNDER, "unstated": 0}


def test_second_hidden_cell_of_three_or_more_is_marked_x_not_under_three() -> None:
    out = suppress_small_cells({"women": 2, "men": 7})
    assert out == {"women": UNDER, "men": HIDDEN}


def test_keeps_keys_in_order() -> None:
    out = suppress_small_cells({"a": 5, "b": 1, "c": 9})
    assert list(out) == ["a", "b", "c"]


@given(st.dictionaries(st.sampled_from(["w", "m", "o", "u"]), st.integers(0, 50), min_size=1))
def test_no_visible_small_count_and_never_exactly_one_hidden(cells: dict[str, int]) -> None:
    out = suppress_small_cells(cells)
    hidden = [k for k, v in out.items() if isinstance(v, str)]
    assert all(not (isinstance(v, int) and 0 < v < 3) for v in out.values())
    assert len(hidden) != 1 or len(cells) == 1
    for key, value in out.items():
        if isinstance(value, int):
            assert value == cells[key]
        elif value == UNDER:
            assert cells[key] < 3
