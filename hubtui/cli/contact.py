"""`hubtui contact`: contact persons at organisations (personal data, kept minimal)."""

from __future__ import annotations

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import as_row
from hubtui.cli.output import emit, format_option
from hubtui.services.contacts import LEGAL_BASES


@click.group()
def contact() -> None:
    """Contact persons."""


@contact.command("add")
@click.option("--org", required=True, help="Orgnr or name of the organisation.")
@click.option("--name", required=True, help="The person's name.")
@click.option("--role", default="", help="Role or title.")
@click.option("--email", default="", help="E-mail address.")
@click.option("--phone", default="", help="Phone number.")
@click.option(
    "--legal-basis",
    type=click.Choice(LEGAL_BASES),
    default="legitimate_interest",
    show_default=True,
    help="GDPR legal basis for keeping the contact.",
)
@pass_ctx
def add_command(
    ctx: CliContext, org: str, name: str, role: str, email: str, phone: str, legal_basis: str
) -> None:
    """Add a contact person; prints its id."""
    from hubtui.services.contacts import add_contact
    from hubtui.services.organisations import resolve_organisation

    store = ctx.store()
    organisation = resolve_organisation(store, org)
    view = add_contact(
        store,
        organisation_id=organisation.id,
        name=name,
        role=role,
        email=email,
        phone=phone,
        legal_basis=legal_basis,
    )
    click.echo(view.id)


@contact.command("list")
@click.option("--org", help="Only the contacts of this organisation (orgnr or name).")
@format_option("table", "json")
@pass_ctx
def list_command(ctx: CliContext, org: str | None, fmt: str) -> None:
    """List contact persons."""
    from hubtui.services.contacts import list_contacts
    from hubtui.services.organisations import resolve_organisation

    store = ctx.store()
    org_id = resolve_organisation(store, org).id if org else None
    rows = [as_row(c, organisation=c.organisation_name) for c in list_contacts(store, org_id)]
    emit(rows, ["name", "role", "email", "phone", "organisation", "legal_basis"], fmt)


# The person's rights over their data (erasure, access export) live in their own module.
from hubtui.cli.contact_privacy import erase_command, export_command  # noqa: E402

contact.add_command(erase_command)
contact.add_command(export_command)
