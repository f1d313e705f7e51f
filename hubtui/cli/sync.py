"""`hubtui sync`: exchange changes with other devices (a shared folder, one file, or the
team's PostgreSQL database), list peers, and show a record's history with overwritten values."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.output import emit, format_option
from hubtui.errors import UserError
from hubtui.i18n import _, number
from hubtui.sync.merge import ImportResult

if TYPE_CHECKING:
    from hubtui.sync.folder import FolderReport


def summary(result: ImportResult) -> str:
    """One line saying what an import did."""
    parts = [
        _("{new} new change(s) of {received}").format(
            new=number(result.new), received=number(result.received)
        ),
        _("{count} record(s) updated").format(count=number(result.rows_touched)),
        _("{count} conflict(s) resolved by the latest edit").format(count=result.conflicts),
    ]
    if result.merged:
        parts.append(_("{count} duplicate(s) merged or repointed").format(count=result.merged))
    if result.waiting:
        text = _("{count} record(s) waiting for changes not yet received")
        parts.append(text.format(count=result.waiting))
    return "; ".join(parts)


@click.group(invoke_without_command=True)
@click.option(
    "--folder",
    type=click.Path(path_type=Path),
    help="Shared folder to sync through (default: sync_folder in the config file).",
)
@click.option("--with", "remote", metavar="URL", help="The team's PostgreSQL database URL.")
@pass_ctx
@click.pass_context
def sync(
    click_ctx: click.Context, ctx: CliContext, folder: Path | None, remote: str | None
) -> None:
    """Exchange changes with other devices through a shared folder or the team database.

    Run `hubtui sync --folder PATH` on every laptop: each writes its own new changes to the
    folder and imports everyone else's. Edits of the same field are resolved by the latest
    edit; the overwritten value stays in the history (`hubtui sync history`).
    """
    if click_ctx.invoked_subcommand is not None:
        if folder or remote:
            raise UserError(
                "Give --folder or --with without a subcommand, e.g. hubtui sync --folder PATH."
            )
        return
    if folder and remote:
        raise UserError("Give either --folder or --with, not both; run hubtui sync twice for both.")
    if remote:
        _sync_remote(ctx, remote)
        return
    given = folder
    folder = folder or (
        Path(ctx.config.sync_folder).expanduser() if ctx.config.sync_folder else None
    )
    if folder is None:
        raise UserError(
            "Say where to sync: --folder PATH (a shared folder) or --with URL (the team database)."
        )
    _sync_folder(ctx, folder, remember=given is not None)


def _sync_folder(ctx: CliContext, folder: Path, *, remember: bool = False) -> None:
    from hubtui.config import remember_sync_folder
    from hubtui.sync.folder import sync_folder

    report = sync_folder(ctx.store(), folder)
    _folder_report(report)
    if remember and remember_sync_folder(ctx.config, report.folder) is not None:
        text = _(
            "Remembered {folder} as the sync folder: next time `hubtui sync` alone syncs there."
        )
        click.echo(text.format(folder=report.folder))


def _folder_report(report: FolderReport) -> None:
    text = _("Imported {count} file(s) from {folder}: {summary}.")
    click.echo(
        text.format(count=len(report.imported), folder=report.folder, summary=summary(report.total))
    )
    for name, reason in report.rejected:
        text = _("Skipped {file}: {reason}; it was not imported and will be tried again.")
        click.echo(text.format(file=name, reason=reason))
    _quarantined(report.total)
    for name, problem in report.changed:
        text = _(
            "Warning: {file}: {problem}; someone changed a file in the sync folder, which only "
            "hubtui should write (its changes are imported again if it can be read)."
        )
        click.echo(text.format(file=name, problem=problem))
    for name in report.missing:
        text = _("Missing {file}: that device writes it again at its next sync; sync again after.")
        click.echo(text.format(file=name))
    for name, why in report.repaired:
        click.echo(_("Wrote {file} again: {reason}.").format(file=name, reason=why))
    if report.written:
        for name, count in report.written:
            click.echo(
                _("Wrote {file} ({count} change(s)).").format(file=name, count=number(count))
            )
    else:
        click.echo(_("Wrote nothing: no new changes on this device."))
    for name in report.compacted:
        click.echo(
            _("Removed {file}: a snapshot that every laptop here has imported covers it.").format(
                file=name
            )
        )
    _after_delete(report.after_delete)
    if report.purge_note:
        click.echo(_("Warning: {note}").format(note=report.purge_note))


def _after_delete(count: int) -> None:
    if count:
        text = _(
            "{count} edit(s) made after their record was deleted elsewhere; they are kept in the "
            "history (hubtui sync history)."
        )
        click.echo(text.format(count=count))


def _sync_remote(ctx: CliContext, url: str) -> None:
    from hubtui.sync.remote import sync_with

    report = sync_with(ctx.store(), url)
    click.echo(
        _("Sent to {target}: {summary}.").format(
            target=report.target, summary=summary(report.pushed)
        )
    )
    _quarantined(report.pushed, _(" by the team database"))
    click.echo(
        _("Received from {target}: {summary}.").format(
            target=report.target, summary=summary(report.pulled)
        )
    )
    _quarantined(report.pulled)
    _after_delete(report.after_delete)
    if report.purge_note:
        click.echo(_("Warning: {note}").format(note=report.purge_note))


def _quarantined(result: ImportResult, where: str = "") -> None:
    for line in result.conflict_lines:
        click.echo(_("Conflict{where}: {line}.").format(where=where, line=line))
    for line in result.quarantined:
        click.echo(_("Quarantined{where}: {line}.").format(where=where, line=line))
    for line in result.identity_notes:
        click.echo(_("Duplicate{where}: {line}.").format(where=where, line=line))


@sync.command("compact")
@click.option(
    "--folder",
    type=click.Path(path_type=Path),
    help="The shared folder (default: sync_folder in the config file).",
)
@pass_ctx
def compact_command(ctx: CliContext, folder: Path | None) -> None:
    """Sync with the folder, then write a snapshot of this database there: the changes that
    decide every record now. A new laptop starts from it; the files it covers are removed
    (each laptop removes its own at its next sync) once every laptop syncing there has
    imported it."""
    from hubtui.sync.compaction import compact_folder

    folder = folder or (
        Path(ctx.config.sync_folder).expanduser() if ctx.config.sync_folder else None
    )
    if folder is None:
        raise UserError("Say which folder to compact: hubtui sync compact --folder PATH.")
    done = compact_folder(ctx.store(), folder)
    _folder_report(done.sync)
    text = _(
        "Wrote the snapshot {file}: {records} of the {held} change(s) this database holds (the "
        "others were overwritten and stay in its history). The files it covers are removed "
        "once every laptop syncing there has synced again."
    )
    click.echo(
        text.format(file=done.snapshot, records=number(done.records), held=number(done.held))
    )


@sync.command("export")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@pass_ctx
def export_command(ctx: CliContext, out: Path, force: bool) -> None:
    """Write every change of this database to one file (to send by e-mail)."""
    from hubtui.sync.single_file import export_file

    if out.is_file() and not force:
        raise UserError(
            "{out} already exists; give --force to replace it or choose another name.", out=out
        )
    done = export_file(ctx.store(), out)
    text = _("Wrote {count} change(s) to {file}.")
    click.echo(text.format(count=number(done.records), file=done.path))


@sync.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@pass_ctx
def import_command(ctx: CliContext, file: Path) -> None:
    """Import a change file written by `hubtui sync export` on another device."""
    from hubtui.sync.single_file import import_file

    result = import_file(ctx.store(), file)
    click.echo(_("Imported {file}: {summary}.").format(file=file, summary=summary(result)))
    _quarantined(result)


@sync.command("peers")
@format_option()
@pass_ctx
def peers_command(ctx: CliContext, fmt: str) -> None:
    """When each other device or team database last synced with this one, and every sync
    folder this database has used."""
    from hubtui.sync.peers import list_folders, list_peers

    store = ctx.store()
    rows = [
        {
            "kind": "device",
            "device": p.origin,
            "name": p.name,
            "last_synced": _when(p.last_synced_at),
            "changes_imported": p.changes_imported,
        }
        for p in list_peers(store)
    ]
    rows += [
        {
            "kind": "folder",
            "device": "",
            "name": f.path,
            "last_synced": _when(f.last_synced_at),
            "changes_imported": "",
        }
        for f in list_folders(store)
    ]
    emit(rows, ["kind", "name", "device", "last_synced", "changes_imported"], fmt)


def _when(stamp: dt.datetime | None) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M UTC") if stamp else ""


@sync.command("verify")
@click.argument("target", required=False)
@pass_ctx
@click.pass_context
def verify_command(click_ctx: click.Context, ctx: CliContext, target: str | None) -> None:
    """Check that this database agrees with a sync folder or the team database (TARGET: a
    folder or a postgresql+psycopg:// URL; default: sync_folder in the config file). Exit 0
    when they agree, 1 with what differs and what to run."""
    from hubtui.sync.verify import verdict_lines, verify

    target = target or ctx.config.sync_folder
    if not target:
        raise UserError(
            "Say what to compare with: hubtui sync verify PATH (the shared folder) or URL "
            "(the team database)."
        )
    report = verify(ctx.store(), target)
    for line in verdict_lines(report):
        click.echo(line)
    if not report.agree:
        click_ctx.exit(1)


@sync.command("rebuild")
@pass_ctx
def rebuild_command(ctx: CliContext) -> None:
    """Recompute every record of this database from its change records."""
    from hubtui.sync.verify import rebuild_rows

    count = rebuild_rows(ctx.store())
    text = _("Rebuilt this database's records from its changes: {count} record(s) changed.")
    click.echo(text.format(count=count))


@sync.command("history")
@click.argument("entity", required=False)
@click.argument("record_id", required=False)
@format_option()
@pass_ctx
def history_command(ctx: CliContext, entity: str | None, record_id: str | None, fmt: str) -> None:
    """Every change of one record (e.g. organisation ID), overwritten values included; with no
    record, every edit made after its record was deleted on another laptop, and every company
    kept apart from another with the same orgnr because their names differ."""
    from hubtui.sync.history import edits_after_delete, record_history
    from hubtui.sync.identity_doubt import kept_apart

    if entity is None:
        late = [
            {
                "when": a.edit.recorded_at.strftime("%Y-%m-%d %H:%M:%S"),
                "advisor": a.edit.advisor,
                "device": a.edit.origin[-12:],
                "record": f"{a.entity} {a.entity_id}",
                "field": a.edit.field,
                "value": _show(a.edit.value),
                "deleted_by": a.deleted_by,
            }
            for a in edits_after_delete(ctx.store())
        ]
        late += [
            {
                "when": k.claimed_at,
                "advisor": k.advisor,
                "device": k.device,
                "record": f"organisation {k.cleared_id}",
                "field": "orgnr",
                "value": f"{k.orgnr} (kept apart from organisation {k.kept_id} {k.kept_name!r})",
                "deleted_by": "",
            }
            for k in kept_apart(ctx.store())
        ]
        emit(late, ["when", "advisor", "device", "record", "field", "value", "deleted_by"], fmt)
        return
    if record_id is None:
        raise UserError("Give the record's id too, e.g. hubtui sync history organisation ID.")
    rows = [
        {
            "when": e.recorded_at.strftime("%Y-%m-%d %H:%M:%S"),
            "advisor": e.advisor,
            "device": e.origin[-12:],
            "field": e.field,
            "value": _show(e.value),
            "status": _status(e),
        }
        for e in record_history(ctx.store(), entity, record_id)
    ]
    emit(rows, ["when", "advisor", "device", "field", "value", "status"], fmt)


def _status(entry: Any) -> str:
    if entry.after_delete:
        return "after delete (kept in history)"
    return "current" if entry.current else "overwritten"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return json.dumps(
            {k: v for k, v in value.items() if v not in (None, "")}, default=str, ensure_ascii=False
        )
    return "" if value is None else str(value)
