"""What a sync printed on the command line: one line per import, and the report of a folder
sync (files imported, skipped, repaired, written; conflicts, quarantined records, duplicates)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from hubtui.i18n import _, error_text, number

if TYPE_CHECKING:
    from hubtui.sync.folder import FolderReport
    from hubtui.sync.merge import ImportResult


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


def folder_report(report: FolderReport) -> None:
    text = _("Imported {count} file(s) from {folder}: {summary}.")
    click.echo(
        text.format(count=len(report.imported), folder=report.folder, summary=summary(report.total))
    )
    for name, reason in report.rejected:
        text = _("Skipped {file}: {reason}; it was not imported and will be tried again.")
        click.echo(text.format(file=name, reason=reason))
    quarantined(report.total)
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
    for name, count in report.written:
        click.echo(_("Wrote {file} ({count} change(s)).").format(file=name, count=number(count)))
    if not report.written and not report.cancelled:  # a cancelled sync says so at the end
        click.echo(_("Wrote nothing: no new changes on this device."))
    if report.unsent is not None:
        click.echo(_("Warning: {note}").format(note=error_text(report.unsent)))
    after_delete(report.after_delete)
    if report.purge_note:
        click.echo(_("Warning: {note}").format(note=report.purge_note))


def folder_cancelled(report: FolderReport) -> str:
    """The sentence that ends a folder sync cancelled by ctrl+c."""
    text = _(
        "Sync cancelled: the {count} file(s) imported before it stopped ({new} new change(s)) "
        "are kept whole; {left} file(s) are left and nothing was written to the folder; run "
        "hubtui sync again to continue from there."
    )
    return text.format(
        count=number(len(report.imported)),
        new=number(report.total.new),
        left=number(report.cancelled),
    )


def sync_interrupted() -> str:
    """The sentence that ends a sync stopped at once by a second ctrl+c."""
    return _(
        "Sync interrupted: every file or batch imported or sent before is kept whole and the "
        "one under way was rolled back; run hubtui sync again to continue from there."
    )


def after_delete(count: int) -> None:
    if count:
        text = _(
            "{count} edit(s) made after their record was deleted elsewhere; they are kept in the "
            "history (hubtui sync history)."
        )
        click.echo(text.format(count=count))


def quarantined(result: ImportResult, where: str = "") -> None:
    for line in result.notes(where):
        click.echo(line)
