"""Backups: the copies of the database in its backups folder; back up now, or restore one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, ProgressBar, Static

from hubtui.errors import UserError
from hubtui.ui.i18n import N_, _, error_text, number
from hubtui.ui.messages import DbReply
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.backup_run import BackupRun
from hubtui.ui.widgets.dialogs import ConfirmDialog
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader

if TYPE_CHECKING:
    from hubtui.safety.restore import RestoreResult
    from hubtui.store import Store
    from hubtui.store.backups import BackupInfo


def database_path(store: Store) -> Path:
    if store.path is None:
        raise UserError(
            "Backups here are for a database file; back a server database up with its tools."
        )
    return store.path


def load_backups(store: Store) -> tuple[Path, list[BackupInfo]]:
    from hubtui.store.backups import list_backups

    path = database_path(store)
    return path, list_backups(path)


class BackupsScreen(HubScreen):
    TITLE = N_("Backups")
    HELP = N_(
        "The backups of this database, newest first. hubtui backs up on the first start of "
        "each day and before every upgrade. Press b to back up now; pick a backup and press r "
        "to restore it (the database as it is now is kept as a backup first)."
    )
    BINDINGS = [
        Binding("b", "backup", N_("Back up now"), id="backups.backup"),
        Binding("r", "restore", N_("Restore"), id="backups.restore"),
        Binding("escape", "cancel_backup", N_("Cancel backup"), id="backups.cancel"),
    ]

    class Listed(DbReply["tuple[Path, list[BackupInfo]]"]):
        """The database file and its backups, newest first."""

    class BackedUp(DbReply[Path]):
        """A backup was made: its file."""

    class Restored(DbReply["RestoreResult"]):
        """A backup was restored."""

    def __init__(self) -> None:
        super().__init__()
        self.running: BackupRun | None = None  # a backup being taken
        self._ticker: Any = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Static(_("Looking for backups…"), id="backups-summary", markup=False)
        table: DataTable[str] = DataTable(id="backups-table", cursor_type="row")
        table.add_columns(_("Taken"), _("Why"), _("Size"), _("File"))
        yield table
        yield ProgressBar(id="backup-progress", total=100, show_eta=False)
        yield FittingFooter()

    def reload(self) -> None:
        self.post_db(load_backups, self.Listed)

    def on_backups_screen_listed(self, message: BackupsScreen.Listed) -> None:
        from hubtui.store.backups import reason_text

        path, backups = message.result
        table = self.query_one("#backups-table", DataTable)
        table.clear()
        for info in backups:
            table.add_row(
                info.taken_at.strftime("%Y-%m-%d %H:%M"),
                reason_text(info.reason),
                f"{number(max(1, round(info.size / 1024)))} kB",
                info.path.name,
                key=str(info.path),
            )
        summary = self.query_one("#backups-summary", Static)
        if backups:
            summary.update(
                _("{count} backups of {database} in {folder}").format(
                    count=len(backups), database=path, folder=backups[0].path.parent
                )
            )
        else:
            summary.update(
                _("There is no backup of {database} yet; press b.").format(database=path)
            )
        table.focus()

    # --- backing up, with a bar that moves and escape to stop ------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_backup":
            return self.running is not None
        return super().check_action(action, parameters)

    def action_backup(self) -> None:
        from hubtui.store.backups import backup_database, new_backup_path

        if self.running is not None:
            return
        keep = self.hub.config.backups_keep
        run = self.running = BackupRun()

        def work(store: Store) -> Path:
            run.source = database_path(store)
            run.target = new_backup_path(run.source, "manual")
            return backup_database(run.source, run.target, keep=keep, on_connect=run.connected)

        bar = self.query_one("#backup-progress", ProgressBar)
        bar.update(total=100, progress=0)
        bar.display = True
        self._ticker = self.set_interval(0.2, self._tick)
        self.refresh_bindings()
        self.notify(_("Backing up… (esc cancels)"), timeout=3)
        self.post_db(work, self.BackedUp, group="backups", failed=self._backup_failed)

    def _tick(self) -> None:
        if self.running is not None:
            bar = self.query_one("#backup-progress", ProgressBar)
            bar.update(progress=round(100 * self.running.share_done()))

    def action_cancel_backup(self) -> None:
        if self.running is not None:
            self.running.stop()

    def _backup_ended(self) -> BackupRun | None:
        run, self.running = self.running, None
        if self._ticker is not None:
            self._ticker.stop()
        self.query_one("#backup-progress", ProgressBar).display = False
        self.refresh_bindings()
        return run

    def _backup_failed(self, error: UserError) -> None:
        run = self._backup_ended()
        if run is not None and run.cancel.is_set():
            self.notify(_("The backup was cancelled; nothing was written."))
        else:
            self.notify(error_text(error), severity="error")

    def on_backups_screen_backed_up(self, message: BackupsScreen.BackedUp) -> None:
        self._backup_ended()
        self.notify(_("Backed up to {file}").format(file=message.result.name))
        self.reload()

    def action_restore(self) -> None:
        table = self.query_one("#backups-table", DataTable)
        if table.row_count == 0:
            self.notify(_("There is no backup to restore."), severity="warning")
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        assert key is not None
        chosen = Path(key)
        question = _(
            "Restore the backup {file}? Everything entered after it is replaced; the database "
            "as it is now is kept as a backup first."
        ).format(file=chosen.name)

        def answered(yes: bool | None) -> None:
            if yes:
                self._restore(chosen)

        self.app.push_screen(ConfirmDialog(question), answered)

    def _restore(self, chosen: Path) -> None:
        from hubtui.safety.restore import restore_database

        keep = self.hub.config.backups_keep

        def restore(store: Store) -> RestoreResult:
            if store.daily_backup is not None:  # the restore keeps the database as it is now
                store.daily_backup.stop()  # as a backup itself; the copy would only hold it up
            return restore_database(database_path(store), chosen, keep=keep)

        self.post_db(restore, self.Restored, exclusive=True, group="backups")

    def on_backups_screen_restored(self, message: BackupsScreen.Restored) -> None:
        result = message.result
        self.notify(
            _("Restored {file}; the previous database is kept as {kept}.").format(
                file=result.restored_from.name, kept=result.kept_as.name if result.kept_as else "—"
            ),
            timeout=10,
        )
        self.reload()
