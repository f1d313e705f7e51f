"""`hubtui testbed`: the registry of testbeds named when logging testbed sessions."""

from __future__ import annotations

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import as_row
from hubtui.cli.output import emit, format_option


@click.group()
def testbed() -> None:
    """Testbeds (name, host organisation, location)."""


@testbed.command("add")
@click.option("--name", required=True, help="The testbed's name.")
@click.option("--host", help="Orgnr or name of the host organisation.")
@click.option("--location", default="", help="Where it is.")
@pass_ctx
def add_command(ctx: CliContext, name: str, host: str | None, location: str) -> None:
    """Register a testbed; prints its id."""
    from hubtui.services.organisations import resolve_organisation
    from hubtui.services.testbeds import add_testbed

    store = ctx.store()
    host_id = resolve_organisation(store, host).id if host else None
    view = add_testbed(store, name=name, host_organisation_id=host_id, location=location)
    click.echo(view.id)


@testbed.command("list")
@format_option("table", "json")
@pass_ctx
def list_command(ctx: CliContext, fmt: str) -> None:
    """List the testbeds."""
    from hubtui.services.organisations import get_organisations
    from hubtui.services.testbeds import list_testbeds

    store = ctx.store()
    views = list_testbeds(store)
    host_ids = [v.host_organisation_id for v in views if v.host_organisation_id]
    hosts = get_organisations(store, host_ids)
    rows = [
        as_row(v, host=hosts[v.host_organisation_id].name if v.host_organisation_id else "")
        for v in views
    ]
    emit(rows, ["name", "host", "location"], fmt)
