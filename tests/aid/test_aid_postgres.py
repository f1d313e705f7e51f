"""The ledger on the real PostgreSQL: the same hand-computed numbers as on SQLite."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from aid_fixture import P1, P2

from hubtui.domain.goals import parse_goals
from hubtui.services.activities import log_activity
from hubtui.services.activity_input import ActivityInput
from hubtui.services.aid import group_ledger, set_group
from hubtui.services.aid_declarations import declare
from hubtui.services.aid_overview import nearest_ceiling
from hubtui.services.organisations import add_organisation
from hubtui.services.projects import import_goals
from hubtui.store import Store


def test_group_ledger_on_postgres(pg_store: Store) -> None:
    import_goals(pg_store, parse_goals(P1, "p1"))
    import_goals(pg_store, parse_goals(P2, "p2"))
    alfa = add_organisation(pg_store, name="Alfa AB", orgnr="556100-0018")
    beta = add_organisation(pg_store, name="Beta AB", orgnr="556100-0026")
    set_group(pg_store, beta.id, alfa.id)
    log_activity(
        pg_store,
        ActivityInput(
            project="P1",
            type="advisory",
            date=dt.date(2025, 3, 1),
            organisation_ids=(alfa.id,),
            hours=7.5,
        ),
    )
    log_activity(
        pg_store,
        ActivityInput(
            project="P2",
            type="advisory",
            date=dt.date(2026, 8, 1),
            organisation_ids=(beta.id,),
            aid_sek=250_000,
        ),
    )
    declare(pg_store, beta.id, received=dt.date(2025, 1, 5), grantor="Vinnova",
            amount="1234.56", currency="EUR", granted=dt.date(2024, 12, 1),
            eur_rate=11)  # fmt: skip
    view = group_ledger(pg_store, alfa.id, dt.date(2026, 12, 31))
    # 7.5 h × 1000 / 10 = 750; 250,000 / 12.5 = 20,000; EUR 1,234.56 declared
    assert view.ledger.total_eur == Decimal("21984.56")
    assert view.ledger.total_sek == Decimal("7500") + Decimal("250000") + Decimal("13580.16")
    assert [m.name for m in view.members] == ["Alfa AB", "Beta AB"]
    (standing,) = nearest_ceiling(pg_store, dt.date(2026, 12, 31))
    assert (standing.top.name, standing.members, standing.total_eur) == (
        "Alfa AB",
        2,
        Decimal("21984.56"),
    )
