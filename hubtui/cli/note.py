"""`hubtui note`: the project leader's text for a report section, per project and period."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.domain.notes import KPI_PREFIX, NOTE_SECTIONS
from hubtui.errors import UserError
from hubtui.i18n import _
from hubtui.services.notes import get_note, note_period, notes_for, set_note
from hubtui.services.projects import get_project

_section = click.option(
    "--section",
    "-s",
    type=click.Choice(NOTE_SECTIONS, case_sensitive=False),
    help="Report section the text belongs to.",
)
_kpi = click.option(
    "--kpi", metavar="ID", help="The indicator the comment belongs to (instead of --section)."
)


def _target(section: str | None, kpi: str | None) -> str:
    if (section is None) == (kpi is None):
        raise UserError("Give either --section or --kpi (one of them).")
    return section if section is not None else KPI_PREFIX + (kpi or "")


@click.group("note")
def note() -> None:
    """The text sections of the lägesrapport (arbetssätt, avvikelser, …)."""


_project = click.option("--project", "-p", required=True, metavar="CODE", help="Project code.")
_period = click.option("--period", required=True, metavar="PERIOD", help="E.g. 2026Q3 or all.")


@note.command("set")
@_project
@_period
@_section
@_kpi
@click.option("--text", "text", help="The text itself.")
@click.option(
    "--file",
    "file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A text or Markdown file holding the text ('-' reads standard input).",
)
@pass_ctx
def set_command(
    ctx: CliContext,
    project: str,
    period: str,
    section: str | None,
    kpi: str | None,
    text: str | None,
    file: Path | None,
) -> None:
    """Write the text of a section (or the comment of an indicator); empty text removes it."""
    target = _target(section, kpi)
    if (text is None) == (file is None):
        raise UserError("Give the note with either --text or --file (not both).")
    body = _read(file) if file is not None else text or ""
    saved = set_note(ctx.store(), project=project, period=period, section=target, text=body)
    text = (
        _("Saved the {section} note of {project} {period}.")
        if saved.text
        else _("Removed the {section} note of {project} {period}.")
    )
    click.echo(text.format(section=saved.section, project=saved.project_code, period=saved.period))


def _read(file: Path) -> str:
    if str(file) == "-":
        return sys.stdin.read()
    try:
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(
            "There is no file {file}; check the path given to --file.", file=file
        ) from None
    except UnicodeDecodeError:
        raise UserError(
            "{file} is not UTF-8 text; save it as UTF-8 and try again.", file=file
        ) from None
    except OSError as e:
        raise UserError(
            "Cannot read {file} ({strerror}); check its permissions.",
            file=file,
            strerror=e.strerror,
        ) from None


@note.command("show")
@_project
@_period
@click.option(
    "--section",
    "-s",
    type=click.Choice(NOTE_SECTIONS, case_sensitive=False),
    help="Only this section (default: every section that has text).",
)
@pass_ctx
def show_command(ctx: CliContext, project: str, period: str, section: str | None) -> None:
    """Print the text of one section, or of every section that has some."""
    store = ctx.store()
    if section:
        click.echo(get_note(store, project=project, period=period, section=section).text)
        return
    view = get_project(store, project)
    span = note_period(view, period)
    notes = notes_for(store, view.id, span)
    if not notes:
        click.echo(
            _("No notes written for {project} {period}.").format(
                project=view.code, period=span.label
            )
        )
    for key in [*NOTE_SECTIONS, *sorted(k for k in notes if k.startswith(KPI_PREFIX))]:
        if key in notes:
            click.echo(f"## {key}\n\n{notes[key]}\n")
