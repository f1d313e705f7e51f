"""`hubtui investment`: investments triggered by a project's support."""

from __future__ import annotations

import datetime as dt

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import DATE, as_row
from hubtui.cli.output import emit, format_option


@click.group()
def investment() -> None:
    """Investments triggered (an EDIH KPI)."""


@investment.command("add")
@click.option("--project", required=True, help="Project code.")
@click.option("--org", required=True, help="Orgnr or name of the investing organisation.")
@click.option("--date", "day", type=DATE, required=True, help="Date of the investment.")
@click.option("--amount", required=True, help="Amount invested.")
@click.option("--currency", type=click.Choice(["SEK", "EUR"]), default="SEK", show_default=True)
@click.option("--source", default="", help="Where the money came from.")
@pass_ctx
def add_command(
    ctx: CliContext, project: str, org: str, day: dt.date, amount: str, currency: str, source: str
) -> None:
    """Record an investment; prints its id."""
    from hubtui.services.investments import add_investment
    from hubtui.services.organisations import resolve_organisation

    store = ctx.store()
    organisation = resolve_organisation(store, org)
    view = add_investment(
        store,
        project=project,
        organisation_id=organisation.id,
        date=day,
        amount=amount,
        currency=currency,
        source=source,
    )
    click.echo(view.id)


@investment.command("list")
@click.option("--project", required=True, help="Project code.")
@format_option("table", "json")
@pass_ctx
def list_command(ctx: CliContext, project: str, fmt: str) -> None:
    """A project's investments by date."""
    from hubtui.services.investments import list_investments
    from hubtui.services.organisations import get_organisations

    store = ctx.store()
    views = list_investments(store, project)
    orgs = get_organisations(store, [v.organisation_id for v in views if v.organisation_id])
    rows = [
        as_row(v, organisation=orgs[v.organisation_id].name if v.organisation_id else "")
        for v in views
    ]
    if fmt != "json":  # whole amounts with two decimals, never 1e+06
        for row in rows:
            row["amount"] = f"{row['amount']:.2f}"
    emit(rows, ["date", "organisation", "amount", "currency", "source"], fmt)
