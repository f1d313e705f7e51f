"""Investments triggered by a project's support (an EDIH KPI)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hubtui.domain.errors import InvalidValue, Term, about
from hubtui.services.activities import check_in_project
from hubtui.services.common import as_date, number_value, optional_text, project_rows
from hubtui.services.organisations import get_organisation
from hubtui.services.projects import get_project
from hubtui.store import Store, tables
from hubtui.store.views import InvestmentView

CURRENCIES = ("SEK", "EUR")


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
    day = as_date(date, Term("Investment date"), field="date")
    check_in_project(found, day)
    money = currency.strip().upper()
    if money not in CURRENCIES:
        raise InvalidValue(
            "'{currency}' is not a currency; use one of {currencies}.",
            currency=currency,
            currencies=", ".join(CURRENCIES),
            field="currency",
        )
    value = number_value(
        amount,
        Term("The amount"),
        allow_none=False,
        bound=f"amount_{money.lower()}",
        field="amount",
    )
    if not value:
        raise InvalidValue("The amount is zero; enter the amount invested.", field="amount")
    with about("organisation_id"):
        org = get_organisation(store, organisation_id).id if organisation_id else None
    row: dict[str, Any] = {
        "project_id": found.id,
        "organisation_id": org,
        "date": day,
        "amount": value,
        "currency": money,
        "source": optional_text(source, Term("Source"), field="source"),
    }
    with store.write() as w:
        investment_id = w.insert("investment", row)
    return InvestmentView(id=investment_id, **row)


def list_investments(store: Store, project_id: str) -> list[InvestmentView]:
    """A project's (code or id) live investments by date."""
    project = get_project(store, project_id)
    rows = project_rows(store, tables.INVESTMENT, project.id, "date", "id")
    return [InvestmentView.from_row(r) for r in rows]
