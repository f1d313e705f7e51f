"""`hubtui org`: add, edit, list and show organisations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import DATE, as_row, bounded, show_fields
from hubtui.cli.output import emit, enum_words, format_option
from hubtui.domain.activity_types import LeaderGender, OrgKind
from hubtui.domain.size import SizeClass
from hubtui.errors import UserError
from hubtui.i18n import N_, _, number

KINDS = [k.value for k in OrgKind]
SIZES = [s.value for s in SizeClass]
GENDERS = [g.value for g in LeaderGender]
TABLE_PAGE = 50  # rows a table shows unless --limit says otherwise
LIST_COLUMNS = ["orgnr", "name", "county", "municipality", "size_class", "kind"]


def _org_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The field options shared by `org add` and `org edit` (None = not given)."""
    options = [
        click.option("--orgnr", help="Organisationsnummer, NNNNNN-NNNN (empty to clear)."),
        click.option("--county", help="County code or name, e.g. 19 or Västmanland."),
        click.option("--municipality", help="Municipality code or name, e.g. 1980."),
        click.option("--employees", type=bounded("employees"), help="Number of employees."),
        click.option("--sni", "sni", multiple=True, help="SNI 2007 code (repeatable)."),
        click.option("--kind", type=click.Choice(KINDS)),
        click.option("--founded", type=DATE, help="Founding date."),
        click.option("--leader-gender", type=click.Choice(GENDERS)),
        click.option("--size-override", type=click.Choice(SIZES)),
        click.option("--country", help="ISO 3166-1 alpha-2 code, e.g. NO (default SE)."),
        click.option("--website"),
        click.option("--notes"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _given(options: dict[str, Any]) -> dict[str, Any]:
    """Only the options the user gave, as service field names."""
    changes = {k: v for k, v in options.items() if v is not None and k != "sni"}
    if options.get("sni"):
        changes["sni_codes"] = list(options["sni"])
    return changes


@click.group()
def org() -> None:
    """Organisations (companies, public bodies, research organisations)."""


@org.command("add")
@click.option("--name", required=True, help="The organisation's name.")
@_org_options
@pass_ctx
def add_command(ctx: CliContext, name: str, **options: Any) -> None:
    """Register an organisation."""
    from hubtui.services.organisations import add_organisation

    view = add_organisation(ctx.store(), name=name, **_given(options))
    click.echo(view.id)  # stdout: the id, for scripts; stderr: what was saved, for people
    saved = _("Saved {name} ({orgnr}).") if view.orgnr else _("Saved {name} (no orgnr).")
    click.echo("hubtui: " + saved.format(name=view.name, orgnr=view.orgnr), err=True)
    if view.personal_number:
        note = _("{orgnr} is a personnummer (sole trader); it is personal data.")
        click.echo("hubtui: " + note.format(orgnr=view.orgnr), err=True)


@org.command("edit")
@click.argument("ref", metavar="ORGNR_OR_ID")
@click.option("--name", help="New name.")
@click.option(
    "--group-of",
    metavar="PARENT_ORGNR",
    help="Orgnr of the company whose group this one belongs to (state aid); empty to unlink.",
)
@_org_options
@pass_ctx
def edit_command(
    ctx: CliContext, ref: str, name: str | None, group_of: str | None, **options: Any
) -> None:
    """Change some fields of an organisation."""
    from hubtui.services.aid import set_group
    from hubtui.services.organisations import resolve_organisation, update_organisation

    store = ctx.store()
    changes = _given({"name": name, **options})
    if not changes and group_of is None:
        raise UserError("Nothing to change; give at least one option such as --name.")
    view = resolve_organisation(store, ref)
    parent = resolve_organisation(store, group_of) if group_of else None
    if changes:
        view = update_organisation(store, view.id, **changes)
    if group_of is not None:
        view = set_group(store, view.id, parent.id if parent else None)
        if parent:
            group = _("{name} is part of the group of {parent}")
            click.echo(group.format(name=view.name, parent=parent.name))
            _warn_over_ceiling(store, view.id)
        else:
            click.echo(_("{name} is in no group").format(name=view.name))
    click.echo(_("Updated {name} ({orgnr}).").format(name=view.name, orgnr=view.orgnr or view.id))


def _warn_over_ceiling(store: Any, org_id: str) -> None:
    from hubtui.domain.aid import CEILING_EUR
    from hubtui.services.aid_overview import worst_period

    worst = worst_period(store, org_id)
    if worst.total_eur > CEILING_EUR:
        text = _(
            "the group now has EUR {total} of de minimis aid in {start} – {end}, over the "
            "ceiling of EUR {ceiling}; see 'hubtui aid show' and correct the aid granted."
        ).format(
            total=f"{worst.total_eur:,.2f}",
            start=worst.start,
            end=worst.on,
            ceiling=f"{CEILING_EUR:,.2f}",
        )
        click.echo("hubtui: " + _("warning: {text}").format(text=text), err=True)


@org.command("list")
@click.option("--search", default="", help="Part of the name, or the start of the orgnr.")
@click.option("--county", help="County code or name.")
@click.option("--size", type=click.Choice(SIZES))
@click.option("--kind", type=click.Choice(KINDS))
@click.option(
    "--limit",
    type=bounded("limit"),
    default=None,
    help="At most this many (default: 50 in a table; every match in json and csv).",
)
@format_option()
@pass_ctx
def list_command(
    ctx: CliContext,
    search: str,
    county: str | None,
    size: str | None,
    kind: str | None,
    limit: int | None,
    fmt: str,
) -> None:
    """List organisations, filtered. A table shows the first 50 unless --limit says more;
    --format json and csv give every match."""
    from hubtui.services.organisations import count_organisations, search_organisations

    store = ctx.store()
    filters: dict[str, Any] = {"county": county, "size": size, "kind": kind}
    if limit is None and fmt == "table":
        limit = TABLE_PAGE
    views = search_organisations(store, search, limit=limit, **filters)
    words = {"size_class": enum_words(SizeClass), "kind": enum_words(OrgKind)}
    emit([as_row(v) for v in views], LIST_COLUMNS, fmt, words)
    total = count_organisations(store, search, **filters) if len(views) == limit else len(views)
    if total > len(views):
        hint = _("({shown} of {count}; --limit {total} or --format json or csv shows them all)")
        shown, count = number(len(views)), number(total)  # --limit {total}: digits, to type
        click.echo(hint.format(shown=shown, count=count, total=total), err=True)


@org.command("show")
@click.argument("ref", metavar="ORGNR_OR_ID")
@pass_ctx
def show_command(ctx: CliContext, ref: str) -> None:
    """Show one organisation with its contacts and how many activities it took part in."""
    from hubtui.services.activity_queries import count_activities
    from hubtui.services.contacts import list_contacts
    from hubtui.services.organisations import resolve_organisation

    store = ctx.store()
    v = resolve_organisation(store, ref)
    show_fields(
        [
            (N_("id"), v.id),
            (N_("name"), v.name),
            (N_("orgnr"), v.orgnr),
            (N_("personal number"), v.personal_number),
            (N_("kind"), enum_words(OrgKind)(v.kind or "")),
            (N_("county"), v.county),
            (N_("municipality"), v.municipality),
            (N_("employees"), v.employees),
            (N_("size class"), enum_words(SizeClass)(v.size_class or "")),
            (N_("size override"), v.size_override),
            (N_("SNI codes"), v.sni_codes),
            (N_("manufacturing"), v.manufacturing),
            (N_("founded"), v.founded),
            (N_("leader gender"), enum_words(LeaderGender)(v.leader_gender or "")),
            (N_("website"), v.website),
            (N_("notes"), v.notes),
            (
                N_("contacts"),
                [
                    f"{c.name} <{c.email}>" if c.email else c.name
                    for c in list_contacts(store, v.id)
                ],
            ),
            (N_("activities"), count_activities(store, organisation_id=v.id)),
        ]
    )
