"""Values at the top of every bound are stored and counted on SQLite and PostgreSQL alike;
one above is refused before anything is written."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hubtui.domain import bounds
from hubtui.domain.goals import parse_goals
from hubtui.errors import InvalidValue
from hubtui.kpi import resolve
from hubtui.kpi.engine import compute_kpis
from hubtui.services.activities import log_activity
from hubtui.services.activity_input import ActivityInput
from hubtui.services.dma import add_dma
from hubtui.services.groups import add_group_composition
from hubtui.services.investments import add_investment
from hubtui.services.organisations import add_organisation, get_organisation
from hubtui.services.projects import import_goals
from hubtui.store import Store

GOALS = f"""
[project]
code = "BIG"
name = "Big numbers"
start = 2026-01-01
end = 2026-12-31
period_months = {bounds.PERIOD_MONTHS.high}

[[kpi]]
id = "people"
metric = "participants"
target = {bounds.KPI_TARGET.high}

[[kpi]]
id = "time"
metric = "hours"
target = 1

[[kpi]]
id = "money"
metric = "investment_triggered"
target = 1
"""
ROWS = 3  # enough rows at the bound to overflow a 32-bit sum


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    name = "store" if request.param == "sqlite" else "pg_store"
    yield request.getfixturevalue(name)


def test_the_largest_values_are_stored_and_counted(any_store: Store) -> None:
    store = any_store
    import_goals(store, parse_goals(GOALS, source="big.toml"))
    top = bounds.EMPLOYEES.high
    org = add_organisation(store, name="Huge AB", employees=top)
    assert get_organisation(store, org.id).employees == top
    top_count = bounds.ATTENDANCE.high
    for _ in range(ROWS):
        log_activity(
            store,
            ActivityInput(
                project="BIG",
                type="seminar",
                date="2026-03-01",
                organisation_ids=[org.id],
                hours=bounds.HOURS.high,
                women=top_count,
                men=top_count,
                other=top_count,
                unstated=top_count,
            ),
        )
    add_investment(
        store,
        project="BIG",
        organisation_id=org.id,
        date="2026-03-01",
        amount=str(bounds.AMOUNT_EUR.high),
        currency="EUR",
    )
    add_group_composition(
        store,
        project="BIG",
        group_name="Styrgrupp",
        date="2026-03-01",
        women=bounds.GROUP_MEMBERS.high,
        men=bounds.GROUP_MEMBERS.high,
    )
    add_dma(store, organisation_id=org.id, stage="T0", date="2026-03-01", scores=[100] * 6)
    kpis = {k.id: k for k in compute_kpis(store, *resolve(store, "BIG", "all")).kpis}
    assert kpis["people"].cumulative_value == 4 * top_count * ROWS
    assert kpis["time"].cumulative_value == bounds.HOURS.high * ROWS
    assert kpis["money"].cumulative_value == bounds.AMOUNT_EUR.high


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda s: add_organisation(s, name="X", employees=10**30), "out of range"),
        (
            lambda s: log_activity(
                s, ActivityInput(project="BIG", type="seminar", date="2026-03-01", men=2**62)
            ),
            "out of range",
        ),
        (
            lambda s: log_activity(
                s, ActivityInput(project="BIG", type="seminar", date="2026-03-01", hours=1e300)
            ),
            "out of range",
        ),
        (
            lambda s: add_investment(
                s, project="BIG", organisation_id=None, date="2026-03-01", amount="1e13"
            ),
            "out of range",
        ),
        (
            lambda s: add_group_composition(
                s, project="BIG", group_name="G", date="2026-03-01", women=10**9, men=1
            ),
            "out of range",
        ),
    ],
)
def test_one_above_is_refused_before_writing(store: Store, call, words: str) -> None:  # type: ignore[no-untyped-def]
    import_goals(store, parse_goals(GOALS, source="big.toml"))
    with store.read() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM change").scalar_one()
    with pytest.raises(InvalidValue, match=words):
        call(store)
    with store.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM change").scalar_one() == before
