"""`hubtui project`: import and export goals files, list projects."""

from __future__ import annotations

from pathlib import Path

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import as_row, read_text, write_private
from hubtui.cli.output import emit, format_option
from hubtui.domain.errors import Term
from hubtui.i18n import _


@click.group()
def project() -> None:
    """Projects and their goals files."""


@project.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@pass_ctx
def import_command(ctx: CliContext, file: Path) -> None:
    """Create or update a project and its KPI goals from a goals TOML file."""
    from hubtui.domain.goals import parse_goals
    from hubtui.services.projects import find_project, goals_of, import_goals

    goals = parse_goals(read_text(file, Term("goals file")), source=str(file))
    store = ctx.store()
    existed = find_project(store, goals.project.code) is not None
    view = import_goals(store, goals)
    if existed:
        text = _("updated project {code} ({start} – {end}, {count} goals)")
    else:
        text = _("created project {code} ({start} – {end}, {count} goals)")
    count = len(goals_of(store, view.id))
    click.echo(text.format(code=view.code, start=view.start, end=view.end, count=count))
    if goals.aid is not None:  # its rate or scheme may have changed past aid values
        from hubtui.cli.aid import warn_over_ceiling

        warn_over_ceiling(store)


@project.command("export")
@click.argument("code")
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file, not stdout.")
@click.option("--force", is_flag=True, help="Overwrite the --out file if it exists.")
@pass_ctx
def export_command(ctx: CliContext, code: str, out: Path | None, force: bool) -> None:
    """Print (or write) the goals file of a project."""
    from hubtui.domain.goals_toml import dump_goals
    from hubtui.services.projects import export_goals

    text = dump_goals(export_goals(ctx.store(), code))
    if out is None:
        click.echo(text, nl=False)
    else:
        write_private(out, text, force=force)
        click.echo(_("Wrote {path}").format(path=out), err=True)


@project.command("template")
@click.argument("code", required=False)
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file, not stdout.")
@click.option("--force", is_flag=True, help="Overwrite the --out file if it exists.")
def template_command(code: str | None, out: Path | None, force: bool) -> None:
    """List the shipped goals-file templates, or print one (CODE) to start a project from.

    Edit the file, then `hubtui project import` it.
    """
    from hubtui.templates import list_templates, template_text

    if code is None:
        click.echo("\n".join(list_templates()))
        return
    text = template_text(code)
    if out is None:
        click.echo(text, nl=False)
    else:
        write_private(out, text, force=force)
        click.echo(_("Wrote {path}").format(path=out), err=True)


@project.command("list")
@format_option("table", "json")
@pass_ctx
def list_command(ctx: CliContext, fmt: str) -> None:
    """List the projects."""
    from hubtui.services.projects import list_projects

    rows = [as_row(p) for p in list_projects(ctx.store())]
    emit(rows, ["code", "name", "start", "end", "counties", "funders"], fmt)
