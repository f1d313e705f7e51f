"""`hubtui report`: the lägesrapport (or with --period all the slutrapport) as files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.config import export_folder
from hubtui.errors import UserError
from hubtui.i18n import _
from hubtui.kpi import resolve
from hubtui.reports.export import ExportRequest, export_report
from hubtui.reports.formats import FORMATS, parse_formats


@click.group("report", invoke_without_command=True)
@click.option("--project", "-p", metavar="CODE", help="Project code.")
@click.option(
    "--period",
    metavar="PERIOD",
    help="Reporting period: 2026Q3, 2026H1, 2026, 2026-03, a date range, or all (final report).",
)
@click.option(
    "--format",
    "formats",
    default="docx",
    show_default=True,
    metavar="FORMATS",
    help=f"One or more of {', '.join(FORMATS)}, separated by commas.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="File (one format) or folder to write to; default: the export folder of the settings "
    "(your documents folder unless `hubtui config set export_folder` says another).",
)
@click.option(
    "--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True, help="Language."
)
@click.option(
    "--with-personal-data",
    "--with-contacts",
    "personal",
    is_flag=True,
    help="Show sole traders' personnummer and contact persons' e-mail in the participant list "
    "(--with-contacts is the old name).",
)
@click.option(
    "--final",
    is_flag=True,
    help="The version to send: refused while a text section is empty; no draft marks.",
)
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option(
    "--csv-separator",
    default=";",
    show_default=True,
    metavar="CHAR",
    help="Separator of CSV files (';' suits Swedish Excel; decimals then use a comma).",
)
@pass_ctx
@click.pass_context
def report(
    click_ctx: click.Context,
    ctx: CliContext,
    project: str | None,
    period: str | None,
    formats: str,
    out: Path | None,
    lang: str,
    personal: bool,
    final: bool,
    force: bool,
    csv_separator: str,
) -> None:
    """Write the report of a project and period: Markdown, Word, Excel, CSV, EDIH CSVs.

    `report submit` freezes a report as sent; `report submitted` lists what was sent."""
    if click_ctx.invoked_subcommand is not None:
        return
    if not project or not period:
        raise UserError("Give --project and --period, e.g. hubtui report -p KAIM --period 2026Q3.")
    separator = "\t" if csv_separator in ("\\t", "tab") else csv_separator
    if len(separator) != 1 or separator in '"\r\n':
        raise UserError(
            ("CSV separator '{csv_separator}' must be a single character such as ; or , or tab."),
            csv_separator=csv_separator,
        )
    store = ctx.store()
    view, span = resolve(store, project, period)
    request = ExportRequest(
        project=view,
        period=span,
        formats=parse_formats(formats),
        out=out or export_folder(ctx.config),
        lang="en" if lang == "en" else "sv",
        with_contacts=personal,
        force=force,
        final=final,
        separator=separator,
    )
    for path in export_report(store, request):
        click.echo(_("Wrote {path}").format(path=path))


@report.command("submit")
@click.option("--project", "-p", required=True, metavar="CODE", help="Project code.")
@click.option("--period", required=True, metavar="PERIOD", help="E.g. 2026Q3.")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Day it was sent (default today)."
)
@pass_ctx
def submit_command(ctx: CliContext, project: str, period: str, day: dt.datetime | None) -> None:
    """Freeze the report of a period as it was sent to the funder."""
    from hubtui.reports.submissions import submit_report

    store = ctx.store()
    view, span = resolve(store, project, period)
    sub = submit_report(store, view, span, today=day.date() if day else None)
    text = _("Submitted {project} {period} on {date}.")
    click.echo(text.format(project=sub.project_code, period=sub.period, date=sub.submitted))


@report.command("submitted")
@click.option("--project", "-p", required=True, metavar="CODE", help="Project code.")
@pass_ctx
def submitted_command(ctx: CliContext, project: str) -> None:
    """List the submitted reports of a project."""
    from hubtui.reports.submissions import submissions
    from hubtui.services.projects import get_project

    store = ctx.store()
    rows = submissions(store, get_project(store, project))
    if not rows:
        click.echo(_("No report of {project} has been submitted.").format(project=project.upper()))
    for sub in rows:
        sent = _("submitted {date}").format(date=sub.submitted.isoformat())
        click.echo(f"{sub.period}\t{sent}")
