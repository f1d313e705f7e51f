"""`hubtui import FILE`: bring organisations, contacts, activities and events in from
.xlsx and .csv files. A thin layer over hubtui.importers."""

from __future__ import annotations

from pathlib import Path

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.i18n import N_, _, number
from hubtui.importers import (
    KINDS,
    ImportPlan,
    Prepared,
    parse_kind,
    prepare,
    run_import,
    save_mapping_file,
)
from hubtui.importers import dry_run as plan_only

_SHOWN_ACTIONS = ("create", "update", "reject")
KIND_WORDS = {
    "organisations": N_("organisations"),
    "contacts": N_("contacts"),
    "activities": N_("activities"),
    "events": N_("events"),
}


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--kind", type=click.Choice(KINDS), help="What the file holds (guessed if not given)."
)
@click.option("--sheet", help="The worksheet to read (default: the first with known headers).")
@click.option("--project", help="Project code for activities and events without a Projekt column.")
@click.option(
    "--map",
    "overrides",
    multiple=True,
    metavar="COLUMN=FIELD",
    help="Map a column (header or letter) to a field; FIELD '-' ignores it. Repeatable.",
)
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read the column mapping from a TOML file saved earlier.",
)
@click.option(
    "--save-mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Save the column mapping used to a TOML file for next time.",
)
@click.option(
    "--encoding",
    type=click.Choice(["utf-8", "cp1252"], case_sensitive=False),
    help="Text encoding of a CSV file (detected if not given).",
)
@click.option("--delimiter", help="Column separator of a CSV file: ';' ',' or 'tab' (detected).")
@click.option("--dry-run", is_flag=True, help="Show what would happen, row by row; write nothing.")
@pass_ctx
def import_command(
    ctx: CliContext,
    file: Path,
    kind: str | None,
    sheet: str | None,
    project: str | None,
    overrides: tuple[str, ...],
    mapping_file: Path | None,
    save_mapping: Path | None,
    encoding: str | None,
    delimiter: str | None,
    dry_run: bool,
) -> None:
    """Import organisations, contacts, activities or events from an .xlsx or .csv FILE.

    The columns are mapped from their Swedish or English headers; check the mapping shown
    and run with --dry-run first. A real import writes every row that passes in one go and
    puts the rejected rows, with the reason, in FILE.rejected.csv/.xlsx beside the input.
    """
    if delimiter and delimiter.lower() in ("tab", "\\t"):
        delimiter = "\t"
    prepared = prepare(
        file,
        kind=parse_kind(kind) if kind else None,
        sheet=sheet,
        overrides=overrides,
        mapping_file=mapping_file,
        encoding=encoding,
        delimiter=delimiter,
    )
    _describe(prepared)
    if save_mapping:
        saved = save_mapping_file(save_mapping, prepared.mapping, prepared.table.sheet)
        text = _("Mapping saved to {path}; use it next time with --mapping {path}.")
        click.echo(text.format(path=saved))
    store = ctx.store()
    if dry_run:
        plan = plan_only(store, prepared, project=project)
        _report(plan)
        text = _("Dry run: {totals}. Nothing was written; run without --dry-run to import.")
        click.echo(text.format(totals=plan.totals.text()))
        _ask(prepared)
        return
    result = run_import(store, prepared, project=project)
    _report(result.plan)
    click.echo(_("Imported: {totals}.").format(totals=result.plan.totals.text(done=True)))
    if prepared.mapping.kind in ("activities", "events"):  # not checked one by one
        from hubtui.cli.aid import warn_over_ceiling

        warn_over_ceiling(store)
    if result.rejected_file:
        text = _("Rejected rows written to {path}; fix them there and import that file.")
        click.echo(text.format(path=result.rejected_file))


def _describe(prepared: Prepared) -> None:
    table, mapping = prepared.table, prepared.mapping
    where = _(", sheet '{sheet}'").format(sheet=table.sheet) if table.sheet else ""
    if table.format == "csv":
        sep = "tab" if table.delimiter == "\t" else f"'{table.delimiter}'"
        where = _(" ({encoding}, separated by {separator})").format(
            encoding=table.encoding, separator=sep
        )
    text = _("Reading {file}{where}: header on row {header}, {rows} rows below it.")
    click.echo(
        text.format(
            file=table.path.name, where=where, header=table.header_row, rows=number(len(table.rows))
        )
    )
    others = [s for s in table.sheet_names if s != table.sheet]
    if others:
        text = _("Other sheets: {sheets} (choose one with --sheet).")
        click.echo(text.format(sheets=", ".join(others)))
    how = _("guessed from the file; choose with --kind") if prepared.kind_guessed else _("as given")
    text = _("Importing {kind} ({how}). Columns:")
    click.echo(text.format(kind=_(KIND_WORDS.get(mapping.kind, mapping.kind)), how=how))
    for line in mapping.lines():
        click.echo(line)
    _ask(prepared)


def _ask(prepared: Prepared) -> None:
    """The columns the guess is unsure of, each with how to read it the other way."""
    for doubt in prepared.doubts:
        click.echo(_("Check: {doubt}").format(doubt=doubt))


def _report(plan: ImportPlan) -> None:
    for result in plan.results:
        if result.action in _SHOWN_ACTIONS:
            prefix = _("rejected: ") if result.action == "reject" else ""
            click.echo(f"{result.rows_text}: {prefix}{result.message}")
