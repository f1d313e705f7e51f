"""`hubtui sync compact`, `sync peers` and `sync forget-peer`: the peers and the compaction of
a shared folder (added to the `hubtui sync` group by hubtui.cli.sync)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.interrupt import interrupted, stop_on_ctrl_c
from hubtui.cli.output import emit, format_option
from hubtui.cli.sync_report import folder_cancelled, folder_report, sync_interrupted
from hubtui.errors import UserError
from hubtui.i18n import N_, _, number

if TYPE_CHECKING:
    from hubtui.sync.folder_state import FolderState
    from hubtui.sync.peer_list import PeerRow

# What a row of `sync peers` is, in words (JSON and CSV keep the stored kind)
_KIND_WORDS = {"device": N_("device"), "folder": N_("sync folder")}
_FOLDER_HELP = "The shared folder (default: sync_folder in the config file)."


def _folder(ctx: CliContext, folder: Path | None) -> Path | None:
    if folder is not None:
        return folder
    return Path(ctx.config.sync_folder).expanduser() if ctx.config.sync_folder else None


@click.command("compact")
@click.option("--folder", type=click.Path(path_type=Path), help=_FOLDER_HELP)
@pass_ctx
@click.pass_context
def compact_command(click_ctx: click.Context, ctx: CliContext, folder: Path | None) -> None:
    """Sync with the folder, then write a snapshot of this database there: the changes that
    decide every record now. A new laptop starts from it; the files it covers are removed
    (each laptop removes its own at its next sync) once every laptop syncing there has
    imported it. A sync also does this by itself when it is due (compact_after_files,
    compact_after_superseded in the config file)."""
    from hubtui.sync.compaction import Compaction, compact_folder
    from hubtui.sync.compaction_text import compaction_line
    from hubtui.sync.folder_state import Limits

    folder = _folder(ctx, folder)
    if folder is None:
        raise UserError("Say which folder to compact: hubtui sync compact --folder PATH.")
    try:
        with stop_on_ctrl_c() as stop:  # ctrl+c: stop between two files, no snapshot
            done = compact_folder(ctx.store(), folder, cancelled=stop.is_set)
    except KeyboardInterrupt:
        interrupted(click_ctx, sync_interrupted())
    folder_report(done.sync)
    if done.sync.cancelled:
        interrupted(click_ctx, folder_cancelled(done.sync))
    if line := compaction_line(Compaction(removed=done.sync.compacted), Limits.of(ctx.config)):
        click.echo(line)
    text = _(
        "Wrote the snapshot {file}: {records} of the {held} change(s) this database holds (the "
        "others were overwritten and stay in its history). The files it covers are removed "
        "once every laptop syncing there has synced again."
    )
    click.echo(
        text.format(file=done.snapshot, records=number(done.records), held=number(done.held))
    )


@click.command("peers")
@click.option("--folder", type=click.Path(path_type=Path), help=_FOLDER_HELP)
@format_option()
@pass_ctx
def peers_command(ctx: CliContext, folder: Path | None, fmt: str) -> None:
    """When each other device or team database last synced with this one, and every sync
    folder this database has used; in the sync folder, which devices hold compaction back
    (they have not imported the newest snapshot) since when, and how to release them."""
    from hubtui.sync.compaction_text import holder_note
    from hubtui.sync.folder_state import folder_state
    from hubtui.sync.peer_list import peer_rows
    from hubtui.sync.peers import list_folders, list_peers

    store = ctx.store()
    state: FolderState | None = None
    given = folder
    folder = _folder(ctx, folder)
    if folder is not None and (given is not None or folder.is_dir()):
        state = folder_state(store, folder)  # the configured folder only when connected
    rows: list[dict[str, Any]] = [
        {
            "kind": "device",
            "device": p.origin,
            "name": p.name,
            "last_synced": _when(p.last_synced),
            "changes_imported": p.changes_imported,
            "compaction": _compaction(p),
        }
        for p in peer_rows(list_peers(store), state)
    ]
    rows += [
        {
            "kind": "folder",
            "device": "",
            "name": f.path,
            "last_synced": _when(f.last_synced_at),
            "changes_imported": "",
            "compaction": "",
        }
        for f in list_folders(store)
    ]
    columns = ["kind", "name", "device", "last_synced", "changes_imported"]
    if state is not None:
        columns.append("compaction")
    emit(rows, columns, fmt, words={"kind": lambda kind: _(_KIND_WORDS[kind])})
    if state is not None and fmt == "table":
        for device in state.holders:
            click.echo(holder_note(device, state))


def _compaction(peer: PeerRow) -> str:
    """Whether a device of the sync folder holds compaction back, or was forgotten."""
    device = peer.device
    if device is None or device.mine:
        return ""
    if peer.holds_back:
        since = _when(device.last_synced) or "?"
        return _("holds it back, silent since {date}").format(date=since)
    if device.forgotten is not None:
        return _("forgotten {date}").format(date=_when(device.forgotten))
    return ""


def _when(stamp: dt.datetime | None) -> str:
    return stamp.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if stamp else ""


@click.command("forget-peer")
@click.argument("name")
@click.option("--folder", type=click.Path(path_type=Path), help=_FOLDER_HELP)
@pass_ctx
def forget_peer_command(ctx: CliContext, name: str, folder: Path | None) -> None:
    """Stop waiting for a device that will not sync in the folder again (NAME: its advisor's
    name or device id, as `hubtui sync peers` lists them). Its acknowledgements no longer hold
    compaction back; its files stay until a snapshot covers them. If it syncs there again, it
    counts again."""
    from hubtui.sync.compaction_text import who
    from hubtui.sync.folder_state import forget_peer

    folder = _folder(ctx, folder)
    if folder is None:
        raise UserError("Say which folder: hubtui sync forget-peer NAME --folder PATH.")
    device = forget_peer(ctx.store(), folder, name)
    text = _(
        "Forgot {who} in {folder}: it no longer holds compaction back; its files there go once "
        "a snapshot covers them, and if it syncs there again it counts again."
    )
    click.echo(text.format(who=who(device), folder=folder))
