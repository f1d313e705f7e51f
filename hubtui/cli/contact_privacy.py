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
            f"Erase contact {contact_id} from this database and its backups? This cannot be undone",
            abort=True,
            err=True,
        )
    result = erase_contact(store, contact_id)
    click.echo(
        f"Erased contact {contact_id}: {result.records_redacted} history record(s) redacted, "
        f"{result.backups_cleaned} backup(s) and {result.sync_files_cleaned} sync file(s) "
        "cleaned."
    )
    for path in result.backups_failed:
        click.echo(
            f"hubtui: the backup {path} is damaged and was skipped; it may still hold the "
            "person, so delete it by hand.",
            err=True,
        )
    click.echo(
        "Copies outside hubtui's backups folder (backups made with --out, exports) and other "
        "devices' files are not touched here; other devices erase when they next sync.",
        err=True,
    )


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
