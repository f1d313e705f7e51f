"""The Sync screen's text: what a sync did, in the user's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hubtui.ui.i18n import _, error_text

if TYPE_CHECKING:
    from hubtui.sync.folder import FolderReport
    from hubtui.sync.merge import ImportResult
    from hubtui.sync.remote import RemoteReport


def result_text(result: ImportResult) -> str:
    text = _("{new} new changes, {rows} records updated, {conflicts} conflicts resolved").format(
        new=result.new, rows=result.rows_touched, conflicts=result.conflicts
    )
    if result.merged:
        text += ", " + _("{count} duplicates merged").format(count=result.merged)
    return text


def report_text(report: FolderReport | RemoteReport, compaction: str = "") -> str:
    """What a sync did, line by line; `compaction` is the line saying what compaction did."""
    from hubtui.sync.folder import FolderReport

    if isinstance(report, FolderReport):
        lines = [
            _("Imported {files} files: {what}.").format(
                files=len(report.imported), what=result_text(report.total)
            ),
            _("Wrote {count} changes.").format(count=sum(n for _name, n in report.written))
            if not report.cancelled
            else _(
                "Sync cancelled: {left} files are left for the next sync and nothing was "
                "written to the folder; every file imported is imported whole."
            ).format(left=report.cancelled),
        ]
        lines += [
            _("Skipped {file}: {reason}.").format(file=name, reason=reason)
            for name, reason in report.rejected
        ]
        lines += [
            _("Warning: {file}: {problem}.").format(file=name, problem=problem)
            for name, problem in report.changed
        ]
        lines += [
            _("Missing {file}: its device writes it again at its next sync.").format(file=name)
            for name in report.missing
        ]
        lines += [
            _("Wrote {file} again: {why}.").format(file=name, why=why)
            for name, why in report.repaired
        ]
        if report.unsent is not None:
            lines.append(_("Warning: {note}").format(note=error_text(report.unsent)))
    else:
        lines = [
            _("Sent: {what}.").format(what=result_text(report.pushed)),
            _("Received: {what}.").format(what=result_text(report.pulled)),
        ]
        if report.cancelled:
            text = _(
                "Sync cancelled: the {sent} new changes sent and {received} received before it "
                "stopped are kept; the next sync continues from there."
            )
            lines.append(text.format(sent=report.pushed.new, received=report.pulled.new))
        if report.unsent is not None:
            lines.append(_("Warning: {note}").format(note=error_text(report.unsent)))
    if isinstance(report, FolderReport):
        lines += report.total.notes()
    else:
        lines += report.pushed.notes(_(" by the team database")) + report.pulled.notes()
    if report.after_delete:
        lines.append(
            _(
                "{count} edit(s) made after their record was deleted elsewhere; they are kept "
                "in the history (hubtui sync history)."
            ).format(count=report.after_delete)
        )
    if compaction:
        lines.append(compaction)
    return "\n".join(lines)
