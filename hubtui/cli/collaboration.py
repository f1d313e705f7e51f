"""`hubtui collaboration`: collaborations with other hubs and actors."""

from __future__ import annotations

import datetime as dt

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import DATE, as_row
from hubtui.cli.output import emit, format_option


@click.group()
def collaboration() -> None:
    """Collaborations (an EDIH KPI)."""


@collaboration.command("add")
@click.option("--project", required=True, help="Project code.")
@click.option("--partner", required=True, help="Name of the partner.")
@click.option("--date", "day", type=DATE, required=True, help="Date of the collaboration.")
@click.option("--note", default="", help="What it was about.")
@pass_ctx
def add_command(ctx: CliContext, project: str, partner: str, day: dt.date, note: str) -> None:
    """Record a collaboration; prints its id."""
    from hubtui.services.collaborations import add_collaboration

    view = add_collaboration(ctx.store(), project=project, partner=partner, date=day, note=note)
    click.echo(view.id)


@collaboration.command("list")
@click.option("--project", required=True, help="Project code.")
@format_option("table", "json")
@pass_ctx
def list_command(ctx: CliContext, project: str, fmt: str) -> None:
    """A project's collaborations by date."""
    from hubtui.services.collaborations import list_collaborations

    rows = [as_row(v) for v in list_collaborations(ctx.store(), project)]
    emit(rows, ["date", "partner", "note"], fmt)
