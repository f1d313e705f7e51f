"""`hubtui contact erase` and `hubtui contact export`: a person's rights over their data."""

from __future__ import annotations

from pathlib import Path

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.config import export_folder
from hubtui.i18n import _


@click.command("erase")
@click.argument("contact_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
def erase_command(ctx: CliContext, contact_id: str, yes: bool) -> None:
    """Erase a contact person for good: the record, its history and its backups' copies."""
    from hubtui.safety.erasure import erase_contact

    store = ctx.store()
    if not yes:
        click.confirm(
            _(
                "Erase contact {id} from this database and its backups? This cannot be undone"
            ).format(id=contact_id),
            abort=True,
            err=True,
        )
    result = erase_contact(store, contact_id)
    text = _(
        "Erased contact {id}: {records} history record(s) redacted, {backups} backup(s) and "
        "{files} sync file(s) cleaned."
    )
    click.echo(
        text.format(
            id=contact_id,
            records=result.records_redacted,
            backups=result.backups_cleaned,
            files=result.sync_files_cleaned,
        )
    )
    for path in result.backups_failed:
        text = _(
            "the backup {path} is damaged and was skipped; it may still hold the person, so "
            "delete it by hand."
        )
        click.echo("hubtui: " + text.format(path=path), err=True)
    note = _(
        "Copies outside hubtui's backups folder (backups made with --out, exports) and other "
        "devices' files are not touched here; other devices erase when they next sync."
    )
    click.echo(note, err=True)


@click.command("export")
@click.argument("contact_id")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The JSON file to write (default: contact-ID.json in the export folder of the settings).",
)
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
@pass_ctx
def export_command(ctx: CliContext, contact_id: str, out: Path | None, force: bool) -> None:
    """Write everything held on a contact person to a JSON file (an access request)."""
    from hubtui.cli.helpers import write_private
    from hubtui.safety.access import contact_export_text

    dest = out or export_folder(ctx.config) / f"contact-{contact_id}.json"
    text = contact_export_text(ctx.store(), contact_id)
    write_private(dest, text, force=force)
    click.echo(_("Wrote {path}").format(path=dest))
