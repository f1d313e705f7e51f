"""`hubtui activity`: list, show, delete, restore activities and see their history."""

from __future__ import annotations

from typing import Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import as_row, bounded, show_fields
from hubtui.cli.output import activity_type_words, emit, enum_words, format_option
from hubtui.domain.activity_types import Category, SupportForm
from hubtui.i18n import N_, _
from hubtui.store.views import ActivityView, ChangeView

LIST_COLUMNS = [
    "id",
    "date",
    "project",
    "type",
    "title",
    "organisations",
    "participants",
    "advisor",
]


def _row(v: ActivityView) -> dict[str, Any]:
    return as_row(
        v,
        project=v.project_code,
        organisations=", ".join(o.name for o in v.organisations),
        participants=v.participants,
    )


@click.group()
def activity() -> None:
    """Logged activities."""


@activity.command("list")
@click.option("--project", help="Project code.")
@click.option("--period", help="Period such as 2026Q3, 2026, 2026-03 or all.")
@click.option("--type", "type_", metavar="TYPE", help="Activity type.")
@click.option("--org", help="Orgnr or name of an organisation taking part.")
@click.option("--advisor", help="Part of the advisor's name, in any case (karin finds Karin Lund).")
@click.option("--deleted", is_flag=True, help="Include deleted activities.")
@click.option("--limit", type=bounded("limit"), help="At most this many (newest first).")
@format_option()
@pass_ctx
def list_command(
    ctx: CliContext,
    project: str | None,
    period: str | None,
    type_: str | None,
    org: str | None,
    advisor: str | None,
    deleted: bool,
    limit: int | None,
    fmt: str,
) -> None:
    """List activities, newest first."""
    from hubtui.services.activity_queries import list_activities
    from hubtui.services.organisations import resolve_organisation

    store = ctx.store()
    org_id = resolve_organisation(store, org).id if org else None
    views = list_activities(
        store,
        project_id=project,
        period=period,
        type=type_,
        advisor=advisor,
        organisation_id=org_id,
        include_deleted=deleted,
        limit=limit,
    )
    columns = [*LIST_COLUMNS, "deleted"] if deleted else LIST_COLUMNS
    emit([_row(v) for v in views], columns, fmt, {"type": activity_type_words})


@activity.command("show")
@click.argument("activity_id", metavar="ID")
@pass_ctx
def show_command(ctx: CliContext, activity_id: str) -> None:
    """Show one activity."""
    from hubtui.services.activity_queries import get_activity

    v = get_activity(ctx.store(), activity_id)
    show_fields(
        [
            (N_("id"), v.id),
            (N_("project"), v.project_code),
            (N_("type"), activity_type_words(v.type)),
            (N_("date"), v.date),
            (N_("advisor"), v.advisor),
            (N_("title"), v.title),
            (
                N_("organisations"),
                [f"{o.name} ({o.orgnr})" if o.orgnr else o.name for o in v.organisations],
            ),
            (N_("hours"), v.hours),
            (
                N_("women / men / other / unstated"),
                f"{v.women} / {v.men} / {v.other} / {v.unstated}",
            ),
            (N_("category"), enum_words(Category)(v.category) if v.category else ""),
            (N_("support"), enum_words(SupportForm)(v.support) if v.support else ""),
            (N_("joint R&D"), v.joint_rd),
            (N_("testbed"), v.testbed_name),
            (N_("outcome"), v.outcome),
            (N_("aid (SEK, entered)"), v.aid_sek),
            (N_("aid scheme"), v.aid_scheme or _("the project's")),
            (N_("note"), v.note),
            (N_("deleted"), v.deleted),
        ]
    )


@activity.command("delete")
@click.argument("activity_id", metavar="ID")
@pass_ctx
def delete_command(ctx: CliContext, activity_id: str) -> None:
    """Delete an activity (it can be restored)."""
    from hubtui.services.activities import delete_activity

    done = delete_activity(ctx.store(), activity_id)
    text = _("Deleted {id}.") if done else _("{id} was already deleted.")
    click.echo(text.format(id=activity_id))


@activity.command("restore")
@click.argument("activity_id", metavar="ID")
@pass_ctx
def restore_command(ctx: CliContext, activity_id: str) -> None:
    """Bring back a deleted activity."""
    from hubtui.services.activities import restore_activity

    done = restore_activity(ctx.store(), activity_id)
    text = _("Restored {id}.") if done else _("{id} was not deleted.")
    click.echo(text.format(id=activity_id))


@activity.command("history")
@click.argument("activity_id", metavar="ID")
@format_option("table", "json")
@pass_ctx
def history_command(ctx: CliContext, activity_id: str, fmt: str) -> None:
    """Who changed what in an activity, and when (oldest first)."""
    from hubtui.services.activity_queries import get_activity
    from hubtui.services.history import change_words, history
    from hubtui.services.organisations import get_organisations

    store = ctx.store()
    get_activity(store, activity_id)
    changes = history(store, "activity", activity_id, with_links=True)
    names = {o.id: o.name for o in get_organisations(store, _linked_orgs(changes)).values()}
    rows = []
    for c in changes:
        field, value = change_words(c, names)
        when = c.recorded_at.isoformat(sep=" ", timespec="seconds")
        rows.append(
            {"id": c.id, "when": when, "advisor": c.advisor, "field": field, "value": value}
        )
    emit(rows, ["when", "advisor", "field", "value"], fmt)


def _linked_orgs(changes: list[ChangeView]) -> list[str]:
    return [str(c.extra["organisation_id"]) for c in changes if "organisation_id" in c.extra]
