"""Investments triggered by a project's support (an EDIH KPI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from hubtui.errors import InvalidValue
from hubtui.services.activities import check_in_project
from hubtui.services.common import as_date, number_value, optional_text, table
from hubtui.services.organisations import get_organisation
from hubtui.services.projects import get_project
from hubtui.services.views import InvestmentView
from hubtui.store import Store

_INVESTMENT = table("investment")
CURRENCIES = ("SEK", "EUR")


def _view(r: Mapping[Any, Any]) -> InvestmentView:
    return InvestmentView(
        id=r["id"],
        project_id=r["project_id"],
        organisation_id=r["organisation_id"],
        date=r["date"],
        amount=float(r["amount"]),
        currency=r["currency"],
        source=r["source"],
    )


def add_investment(
    store: Store,
    *,
    project: str,
    organisation_id: str | None,
    date: dt.date | str,
    amount: float | str,
    currency: str = "SEK",
    source: str = "",
) -> InvestmentView:
    """Record an investment an organisation made thanks to the project (code or id)."""
    found = get_project(store, project)
    day = as_date(date, "Investment date")
    check_in_project(found, day)
    value = number_value(amount, "The amount", allow_none=False)
    if not value:
        raise InvalidValue("The amount is zero; enter the amount invested.")
    money = currency.strip().upper()
    if money not in CURRENCIES:
        raise InvalidValue(f"'{currency}' is not a currency; use one of {', '.join(CURRENCIES)}.")
    org = get_organisation(store, organisation_id).id if organisation_id else None
    row: dict[str, Any] = {
        "project_id": found.id,
        "organisation_id": org,
        "date": day,
        "amount": value,
        "currency": money,
        "source": optional_text(source, "Source"),
    }
    with store.write() as w:
        investment_id = w.insert("investment", row)
    return InvestmentView(id=investment_id, **row)


def list_investments(store: Store, project_id: str) -> list[InvestmentView]:
    """A project's (code or id) live investments by date."""
    project = get_project(store, project_id)
    query = (
        select(_INVESTMENT)
        .where(_INVESTMENT.c.project_id == project.id, _INVESTMENT.c.deleted.is_(False))
        .order_by(_INVESTMENT.c.date, _INVESTMENT.c.id)
    )
    with store.read() as conn:
        return [_view(r) for r in conn.execute(query).mappings()]
