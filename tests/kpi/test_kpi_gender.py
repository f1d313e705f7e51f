"""Gender balance on the hand-counted dataset, and the group composition service."""

from __future__ import annotations

import pytest

from hubtui.errors import UserError
from hubtui.kpi import resolve
from hubtui.kpi.gender import GenderCounts, gender_balance
from hubtui.services.groups import (
    add_group_composition,
    delete_group_composition,
    list_group_compositions,
    update_group_composition,
)


def test_attendance_by_period_and_type(dataset) -> None:  # type: ignore[no-untyped-def]
    g = gender_balance(dataset.store, *resolve(dataset.store, "KAIM", "2026Q3"))
    # Q1 has no events (a9's 5 women are dated before the project); Q2 the seminar a8 (2+2);
    # Q3 the seminar a4 (6, 9, 1, 4 not stated) and the workshop a6 (3, 2).
    assert [(p.period.label, p.in_period, p.cumulative) for p in g.periods] == [
        ("2026Q1", GenderCounts(), GenderCounts()),
        ("2026Q2", GenderCounts(2, 2), GenderCounts(2, 2)),
        ("2026Q3", GenderCounts(9, 11, 1, 4), GenderCounts(11, 13, 1, 4)),
    ]
    assert g.periods[-1].cumulative.women_share == 11 / 25
    assert dict(g.by_type) == {
        "seminar": GenderCounts(8, 11, 1, 4),
        "workshop": GenderCounts(3, 2),
    }
    # companies supported to 2026-09-30: A, B, C, D, J; woman-led: A, C, J
    assert (g.supported, g.women_led) == (5, 3)
    assert [k.id for k in g.share_kpis] == ["kvinnor"]


def test_group_composition_service(store) -> None:  # type: ignore[no-untyped-def]
    from hubtui.domain.goals import parse_goals
    from hubtui.services.projects import import_goals

    import_goals(
        store,
        parse_goals('[project]\ncode = "P"\nname = "P"\nstart = 2026-01-01\nend = 2026-12-31\n'),
    )
    first = add_group_composition(
        store, project="P", group_name="Styrgrupp", date="2026-02-01", women=3, men=4
    )
    later = add_group_composition(
        store, project="P", group_name="Styrgrupp", date="2026-09-01", women=4, men=3
    )
    assert later.women_share == 4 / 7
    update_group_composition(store, first.id, women=2)
    assert [(g.date.isoformat(), g.women, g.men) for g in list_group_compositions(store, "P")] == [
        ("2026-02-01", 2, 4),
        ("2026-09-01", 4, 3),
    ]
    delete_group_composition(store, later.id)
    assert len(list_group_compositions(store, "P")) == 1
    with pytest.raises(UserError, match="outside project P"):
        add_group_composition(store, project="P", group_name="N", date="2027-01-01", women=1, men=1)
    with pytest.raises(UserError, match="cannot be negative"):
        update_group_composition(store, first.id, men=-1)
    with pytest.raises(UserError, match="no members"):
        add_group_composition(store, project="P", group_name="N", date="2026-03-01", women=0, men=0)
    with pytest.raises(UserError, match="name is empty"):
        add_group_composition(store, project="P", group_name=" ", date="2026-03-01", women=1, men=0)
    assert [(g.women, g.men) for g in list_group_compositions(store, "P")] == [(2, 4)]
