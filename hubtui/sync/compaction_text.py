"""What compaction did and the folder's state, in the user's language: one line for the end
of a sync (the command line and the Sync screen), and the lines of the Sync screen's panel."""

from __future__ import annotations

import datetime as dt

from hubtui.i18n import _, error_text, number
from hubtui.sync.compaction import Compaction
from hubtui.sync.folder_state import Device, FolderState, Limits


def _date(stamp: dt.datetime | None) -> str:
    return stamp.astimezone().strftime("%Y-%m-%d") if stamp else "?"


def who(device: Device) -> str:
    """A device as people know it: its advisor and the end of its id."""
    tail = device.origin[-12:]
    return f"{device.name} ({tail})" if device.name else tail


def forget_name(device: Device, state: FolderState) -> str:
    """What to give `hubtui sync forget-peer`: the advisor's name when no other device in the
    folder has it, else the device id."""
    same = [d for d in state.devices if d.name and d.name.casefold() == device.name.casefold()]
    if device.name and len(same) == 1 and " " not in device.name:
        return device.name
    if device.name and len(same) == 1:
        return f'"{device.name}"'
    return device.origin


def holder_note(device: Device, state: FolderState) -> str:
    """How one device holds compaction back, and how to release it (one sentence)."""
    if device.last_synced is None:
        text = _(
            "{who} holds compaction back: it has never acknowledged a snapshot here; if it "
            "will not sync here again, run hubtui sync forget-peer {name}."
        )
    else:
        text = _(
            "{who} holds compaction back: it has not synced here since {date}; if it will not "
            "sync here again, run hubtui sync forget-peer {name}."
        )
    return text.format(
        who=who(device), date=_date(device.last_synced), name=forget_name(device, state)
    )


def _waiting(devices: list[Device]) -> str:
    return ", ".join(
        _("{who}, not synced here since {date}").format(who=who(d), date=_date(d.last_synced))
        for d in devices
    )


def compaction_line(done: Compaction, limits: Limits, now: dt.datetime | None = None) -> str:
    """One line saying what compaction did at the end of a sync ("" when nothing to say)."""
    parts = []
    if done.removed:
        text = _("removed {count} file(s) covered by a snapshot every laptop has imported")
        parts.append(text.format(count=number(len(done.removed))))
    if done.snapshot:
        text = _(
            "wrote the snapshot {file} ({records} of {held} change(s)), as {files} file(s) had "
            "gathered since the last one, with {superseded} change(s) overwritten since that "
            "it leaves out; the files it covers go once every laptop has synced"
        )
        parts.append(
            text.format(
                file=done.snapshot,
                records=number(done.records),
                held=number(done.held),
                files=number(done.gathered),
                superseded=number(done.superseded),
            )
        )
    if done.problem is not None:
        text = _(
            "a snapshot was due but could not be written ({problem}); the next sync tries again"
        )
        parts.append(text.format(problem=error_text(done.problem).rstrip(".")))
    state = done.state
    if state is not None and state.pending:
        silent = state.silent(limits, now)
        waiting = silent or (state.holders if state.over(limits) and not done.snapshot else [])
        if waiting:
            text = _(
                "held back by {devices} (hubtui sync forget-peer {name} releases a laptop that "
                "will not sync here again)"
            )
            parts.append(
                text.format(devices=_waiting(waiting), name=forget_name(waiting[0], state))
            )
    if not parts:
        return ""
    return _("Compaction: {what}.").format(what="; ".join(parts))


def state_lines(state: FolderState, limits: Limits) -> list[str]:
    """The folder's state for the Sync screen: files, snapshots, what holds compaction back."""
    lines = [
        _("{files} change file(s) from {devices} device(s) in {folder}.").format(
            files=number(state.files), devices=len(state.devices), folder=state.folder
        )
    ]
    if not state.latest:
        lines.append(_("No snapshot yet."))
    elif state.pending:
        text = _("Newest snapshot: {file} of {date}; {count} laptop(s) have not imported it yet.")
        lines.append(
            text.format(file=state.latest, date=_date(state.latest_at), count=len(state.holders))
        )
    else:
        text = _("Newest snapshot: {file} of {date}, imported by every laptop.")
        lines.append(text.format(file=state.latest, date=_date(state.latest_at)))
    if limits.files or limits.superseded:
        text = _(
            "Since the last snapshot every laptop has imported: {files} file(s), {records} "
            "change(s), {superseded} of them overwritten since (a snapshot leaves those out); "
            "a sync writes a new snapshot beyond {max_files} files or {max_superseded} "
            "overwritten changes (0: not counted)."
        )
    else:
        text = _(
            "Since the last snapshot every laptop has imported: {files} file(s), {records} "
            "change(s), {superseded} of them overwritten since; automatic compaction is off "
            "(compact_after_files and compact_after_superseded are 0)."
        )
    lines.append(
        text.format(
            files=number(state.beyond_files),
            records=number(state.beyond_records),
            superseded=number(state.superseded),
            max_files=number(limits.files),
            max_superseded=number(limits.superseded),
        )
    )
    lines += [holder_note(d, state) for d in state.holders]
    for device in state.devices:
        if device.forgotten is not None:
            text = _(
                "{who} was forgotten on {date}: it does not hold compaction back unless it "
                "syncs here again."
            )
            lines.append(text.format(who=who(device), date=_date(device.forgotten)))
    return lines
