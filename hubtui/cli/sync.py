"""`hubtui sync`: exchange changes with other devices (a shared folder, one file, or the
team's PostgreSQL database), list peers, and show a record's history with overwritten values."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.interrupt import interrupted, stop_on_ctrl_c
from hubtui.cli.sync_report import (
    after_delete,
    folder_cancelled,
    folder_report,
    quarantined,
    summary,
    sync_interrupted,
)
from hubtui.errors import UserError
from hubtui.i18n import _, error_text, number


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
    given = folder
    folder = folder or (
        Path(ctx.config.sync_folder).expanduser() if ctx.config.sync_folder else None
    )
    work: Callable[[Callable[[], bool]], str]
    if remote:
        work = partial(_sync_remote, ctx, remote)
    elif folder is not None:
        work = partial(_sync_folder, ctx, folder, remember=given is not None)
    else:
        raise UserError(
            "Say where to sync: --folder PATH (a shared folder) or --with URL (the team database)."
        )
    # ctrl+c stops at the next safe point (between two files or batches); a second at once.
    try:
        with stop_on_ctrl_c() as stop:
            done = work(stop.is_set)
    except KeyboardInterrupt:
        done = sync_interrupted()
    if done:
        interrupted(click_ctx, done)


def _sync_folder(
    ctx: CliContext, folder: Path, cancelled: Callable[[], bool], *, remember: bool
) -> str:
    """Sync with the folder; a sentence when it was cancelled ("" when it ran to the end)."""
    from hubtui.config import remember_sync_folder
    from hubtui.sync.compaction import sync_and_compact
    from hubtui.sync.compaction_text import compaction_line
    from hubtui.sync.folder_state import Limits

    limits = Limits.of(ctx.config)
    report, compaction = sync_and_compact(ctx.store(), folder, limits, cancelled=cancelled)
    folder_report(report)
    if report.cancelled:
        return folder_cancelled(report)
    if line := compaction_line(compaction, limits):
        click.echo(line)
    if remember and remember_sync_folder(ctx.config, report.folder) is not None:
        text = _(
            "Remembered {folder} as the sync folder: next time `hubtui sync` alone syncs there."
        )
        click.echo(text.format(folder=report.folder))
    return ""


def _sync_remote(ctx: CliContext, url: str, cancelled: Callable[[], bool]) -> str:
    """Sync with the team database; a sentence when it was cancelled ("" when it ran)."""
    from hubtui.sync.remote import sync_with

    report = sync_with(ctx.store(), url, cancelled=cancelled)
    click.echo(
        _("Sent to {target}: {summary}.").format(
            target=report.target, summary=summary(report.pushed)
        )
    )
    quarantined(report.pushed, _(" by the team database"))
    click.echo(
        _("Received from {target}: {summary}.").format(
            target=report.target, summary=summary(report.pulled)
        )
    )
    quarantined(report.pulled)
    if report.unsent is not None:
        click.echo(_("Warning: {note}").format(note=error_text(report.unsent)))
    after_delete(report.after_delete)
    if report.purge_note:
        click.echo(_("Warning: {note}").format(note=report.purge_note))
    if not report.cancelled:
        return ""
    text = _(
        "Sync cancelled: the {sent} new change(s) sent and {received} received before it "
        "stopped are kept; run hubtui sync --with again to continue from there."
    )
    return text.format(sent=number(report.pushed.new), received=number(report.pulled.new))


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
    quarantined(result)


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


def _add_folder_commands() -> None:
    from hubtui.cli.sync_compaction import compact_command, forget_peer_command, peers_command
    from hubtui.cli.sync_history import history_command

    for command in (compact_command, peers_command, forget_peer_command, history_command):
        sync.add_command(command)


_add_folder_commands()
