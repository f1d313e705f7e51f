"""`hubtui log`: log one activity in one line."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import DATE, bounded
from hubtui.domain.activity_types import Category, SupportForm
from hubtui.domain.aid import Scheme

if TYPE_CHECKING:
    from hubtui.store.views import ActivityView

SUPPORT_FORMS = [s.value for s in SupportForm]
CATEGORIES = [c.value for c in Category]


@click.command()
@click.argument("type", metavar="TYPE")
@click.option("--project", required=True, help="Project code.")
@click.option("--date", "day", type=DATE, required=True, help="Date of the activity.")
@click.option("--org", "orgs", multiple=True, help="Orgnr or name of an organisation (repeat).")
@click.option("--hours", type=bounded("hours"), help="Hours spent.")
@click.option("--title", default="", help="Short title.")
@click.option("--note", default="", help="Free notes.")
@click.option("--women", type=bounded("attendance"), default=0, help="Women attending.")
@click.option("--men", type=bounded("attendance"), default=0, help="Men attending.")
@click.option("--other", type=bounded("attendance"), default=0, help="Attendees of other gender.")
@click.option(
    "--unstated",
    type=bounded("attendance"),
    default=0,
    help="Attendees whose gender is not stated.",
)
@click.option("--testbed", help="Name of the testbed used.")
@click.option("--category", type=click.Choice(CATEGORIES), help="EDIH service category.")
@click.option("--support", type=click.Choice(SUPPORT_FORMS), default="non_financial")
@click.option("--joint-rd", is_flag=True, help="Real joint R&D with a research organisation.")
@click.option("--outcome", default="", help="What came out of it.")
@click.option("--advisor", help="Who did it (default: your name from the settings).")
@click.option(
    "--aid-sek",
    type=bounded("amount_sek"),
    help="The aid value in SEK (default: hours × the project's rate).",
)
@click.option(
    "--aid-scheme",
    type=click.Choice([s.value for s in Scheme]),
    help="Grant it under another scheme than the project's, or none for no aid.",
)
@pass_ctx
def log(
    ctx: CliContext,
    type: str,
    project: str,
    day: dt.date,
    orgs: tuple[str, ...],
    hours: float | None,
    title: str,
    note: str,
    women: int,
    men: int,
    other: int,
    unstated: int,
    testbed: str | None,
    category: str | None,
    support: str,
    joint_rd: bool,
    outcome: str,
    advisor: str | None,
    aid_sek: float | None,
    aid_scheme: str | None,
) -> None:
    """Log an activity of TYPE (visit, seminar, testbed_session …); prints its id."""
    from hubtui.domain.activity_types import activity_type
    from hubtui.i18n import _, error_text
    from hubtui.services.activities import log_activity
    from hubtui.services.activity_input import ActivityInput
    from hubtui.services.aid import aid_warnings
    from hubtui.services.organisations import resolve_organisation
    from hubtui.services.projects import get_project
    from hubtui.services.testbeds import resolve_testbed

    kind = activity_type(type)  # a wrong type is reported before the database is opened
    store = ctx.store()
    org_ids = [resolve_organisation(store, ref).id for ref in orgs]
    testbed_id = resolve_testbed(store, testbed).id if testbed else None
    view = log_activity(
        store,
        ActivityInput(
            project=get_project(store, project),
            type=kind.id,
            date=day,
            organisation_ids=tuple(org_ids),
            hours=hours,
            title=title,
            note=note,
            women=women,
            men=men,
            other=other,
            unstated=unstated,
            testbed_id=testbed_id,
            category=category,
            support=support,
            joint_rd=joint_rd,
            outcome=outcome,
            advisor=advisor,
            aid_sek=aid_sek,
            aid_scheme=aid_scheme,
        ),
    )
    click.echo(view.id)  # stdout: the id, for scripts; stderr: what was saved, for people
    click.echo("hubtui: " + saved_text(view), err=True)
    for warning in aid_warnings(store, view):
        click.echo("hubtui: " + _("warning: {text}").format(text=error_text(warning)), err=True)


def saved_text(view: ActivityView) -> str:
    """What `hubtui log` saved, in one line: type, date, project, title, organisations."""
    from hubtui.domain.activity_types import ACTIVITY_TYPES, label
    from hubtui.i18n import _, language

    kind = ACTIVITY_TYPES.get(view.type)
    names = ", ".join(f"{o.name} {o.orgnr}" if o.orgnr else o.name for o in view.organisations)
    names = names or "–"
    return _("Saved {type} {date} in {project}: {title} ({organisations}).").format(
        type=label(kind, language()) if kind else view.type,
        date=view.date.isoformat(),
        project=view.project_code,
        title=view.title or "–",
        organisations=names,
    )
