"""Sync: when each other device last synced with this one, a sync through a shared folder or
the team database with progress, and the history of a record including overwritten values."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, ProgressBar, Static

from hubtui.domain.errors import UserError
from hubtui.i18n.fields import field_words
from hubtui.ui.i18n import N_, _, error_text, number
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.sync_text import report_text
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.sync_peers import SyncPeersTable, forget_question, refusal

if TYPE_CHECKING:
    from hubtui.config import Config
    from hubtui.store import Store
    from hubtui.sync.folder import FolderReport
    from hubtui.sync.folder_state import Device, Limits
    from hubtui.sync.history import HistoryEntry
    from hubtui.sync.peer_list import PeerRow
    from hubtui.sync.remote import RemoteReport


@dataclass(frozen=True)
class SyncOutcome:
    """What a sync (or a compaction) run from the screen did, as the screen shows it."""

    report: FolderReport | RemoteReport
    compaction: str = ""  # one line: what compaction did ("" when nothing)
    notice: str = ""  # the message at the end ("" for the usual one)


@dataclass(frozen=True)
class FolderView:
    """The state of the folder typed in, for the panel, and the peers for the table."""

    lines: list[str]  # none for a team database's URL or a folder that is not there
    peers: list[PeerRow]
    folder: Path | None  # the folder the peers' compaction column is about (None: none)


def folder_view(store: Store, target: str, limits: Limits) -> FolderView:
    from hubtui.sync.compaction_text import state_lines
    from hubtui.sync.folder_state import FolderState, folder_state
    from hubtui.sync.peer_list import peer_rows
    from hubtui.sync.peers import list_peers

    peers = list_peers(store)
    folder = Path(target).expanduser()
    if not target or "://" in target or not folder.is_dir():
        return FolderView([], peer_rows(peers, None), None)
    state: FolderState | None = None
    try:
        state = folder_state(store, folder)
        lines = state_lines(state, limits)
    except UserError as e:
        lines = [error_text(e)]
    except OSError as e:
        lines = [_("Cannot read {folder} ({strerror}).").format(folder=folder, strerror=e.strerror)]
    where = state.folder if state is not None else None
    return FolderView(lines, peer_rows(peers, state, mine=True), where)


class SyncScreen(HubScreen):
    TITLE = N_("Sync")
    HELP = N_(
        "Exchange changes with other laptops. Type a shared folder (or the team database's "
        "postgresql+psycopg:// address) and press enter or ctrl+s. Each laptop writes only "
        "its own files there; edits of the same field are resolved by the latest edit, and "
        "the overwritten value stays in the history: type a record's id below and press enter "
        "to see it. The panel under the result shows the shared folder: its files, the "
        "newest snapshot and which laptops hold compaction back; a sync writes a snapshot "
        "when one is due, and ctrl+o syncs and writes one now. The table lists the other "
        "laptops: f forgets the highlighted one, so that a laptop that will not sync again "
        "no longer holds compaction back. Esc cancels a running sync between two files or "
        "batches; what was imported or sent by then is kept and the next sync goes on from "
        "there."
    )
    BINDINGS = [
        Binding("ctrl+s", "sync", N_("Sync now"), id="sync.run"),
        Binding("ctrl+t", "verify", N_("Verify"), id="sync.verify"),
        Binding("ctrl+o", "compact", N_("Compact folder"), id="sync.compact"),
        Binding("f", "forget_peer", N_("Forget laptop"), id="sync.forget"),
        Binding("escape", "cancel_sync", N_("Cancel sync"), id="sync.cancel"),
        HubScreen.LEAVE_TEXT,
    ]
    cancel: threading.Event | None = None  # set while a sync runs

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal(classes="sync-row"):
            yield Label(_("Folder or team database"))
            yield Input(id="sync-target", placeholder=_("Path of the shared folder"))
        yield ProgressBar(id="sync-progress", total=1, show_eta=False)
        yield Static(_("Not synced yet in this session."), id="sync-result", markup=False)
        yield Static("", id="sync-folder", markup=False)
        yield SyncPeersTable(id="sync-peers")
        with Horizontal(classes="sync-row"):
            yield Label(_("Record"))
            yield Input(
                id="sync-record", placeholder=_("A record's id, or an orgnr or organisation name")
            )
        history: DataTable[str] = DataTable(id="sync-history", cursor_type="row")
        history.add_columns(_("When"), _("Advisor"), _("Field"), _("Value"), _("Status"))
        yield history
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#sync-target", Input).value = self.hub.config.sync_folder

    def reload(self) -> None:
        from hubtui.sync.folder_state import Limits

        target = self.query_one("#sync-target", Input).value.strip()
        limits = Limits.of(self.hub.config)
        self.run_db(
            lambda store: folder_view(store, target, limits),
            self._show_folder,
            group="folder",
            exclusive=True,
        )

    def _show_folder(self, view: FolderView) -> None:
        self.query_one("#sync-folder", Static).update("\n".join(view.lines))
        self.query_one("#sync-peers", SyncPeersTable).show(view.peers, view.folder)

    def action_forget_peer(self) -> None:
        """Forget the highlighted laptop in the sync folder, once the user has said yes."""
        from hubtui.sync.folder_state import forget_peer
        from hubtui.ui.widgets.dialogs import ConfirmDialog

        table = self.query_one("#sync-peers", SyncPeersTable)
        row, folder = table.highlighted, table.folder
        if row is None:
            self.notify(_("No laptop to forget: none is listed."), severity="warning")
            return
        why = refusal(row, folder)
        if why or folder is None:  # refusal() says why when there is no folder
            self.notify(why, severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_db(
                    lambda store: forget_peer(store, folder, row.origin),
                    self._forgot,
                    failed=self._forget_failed,
                )

        self.app.push_screen(ConfirmDialog(forget_question(row, folder)), answered)

    def _forgot(self, device: Device) -> None:
        from hubtui.sync.compaction_text import who

        self.notify(
            _(
                "Forgot {who}: it no longer holds compaction back; its files go once a "
                "snapshot covers them."
            ).format(who=who(device))
        )
        self.reload()

    def _forget_failed(self, error: UserError) -> None:
        self.notify(error_text(error), severity="error")
        self.reload()

    def action_sync(self) -> None:
        target = self.query_one("#sync-target", Input).value.strip()
        if not target:
            self.notify(_("Type the shared folder's path first."), severity="warning")
            self.query_one("#sync-target", Input).focus()
            return
        self.query_one("#sync-result", Static).update(_("Syncing… (esc cancels)"))
        self.query_one("#sync-progress", ProgressBar).update(total=None, progress=0)
        self.cancel = cancel = threading.Event()
        self.refresh_bindings()
        self.run_db(
            lambda store: self._run_sync(store, target, cancel),
            self._synced,
            exclusive=True,
            group="sync",
            failed=self._sync_failed,
        )

    def action_compact(self) -> None:
        """Sync with the folder typed above, then write a snapshot there now."""
        target = self.query_one("#sync-target", Input).value.strip()
        if not target or "://" in target:
            self.notify(_("Type the shared folder's path first."), severity="warning")
            self.query_one("#sync-target", Input).focus()
            return
        self.query_one("#sync-result", Static).update(_("Compacting… (esc cancels)"))
        self.query_one("#sync-progress", ProgressBar).update(total=None, progress=0)
        self.cancel = cancel = threading.Event()
        self.refresh_bindings()
        self.run_db(
            lambda store: self._run_compact(store, target, cancel),
            self._synced,
            exclusive=True,
            group="sync",
            failed=self._sync_failed,
        )

    def _run_compact(self, store: Store, target: str, cancel: threading.Event) -> SyncOutcome:
        from hubtui.sync.compaction import Compaction, compact_folder
        from hubtui.sync.compaction_text import compaction_line
        from hubtui.sync.folder_state import Limits

        def progress(_what: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        limits = Limits.of(self.hub.config)
        done = compact_folder(store, Path(target).expanduser(), progress, cancel.is_set)
        if not done.snapshot:  # cancelled while it synced: no snapshot
            return SyncOutcome(done.sync)
        line = compaction_line(Compaction(removed=done.sync.compacted), limits)
        wrote = _(
            "Wrote the snapshot {file}: {records} of the {held} changes this database holds; "
            "the files it covers go once every laptop has synced again."
        ).format(file=done.snapshot, records=number(done.records), held=number(done.held))
        return SyncOutcome(
            done.sync,
            "\n".join(filter(None, [line, wrote])),
            _("Compaction finished: wrote the snapshot {file}.").format(file=done.snapshot),
        )

    def action_verify(self) -> None:
        """Compare this database with the folder or team database typed above."""
        from hubtui.sync.verify import verdict_lines, verify

        target = self.query_one("#sync-target", Input).value.strip()
        if not target:
            self.notify(_("Type the shared folder's path first."), severity="warning")
            self.query_one("#sync-target", Input).focus()
            return
        self.query_one("#sync-result", Static).update(_("Verifying…"))
        self.run_db(
            lambda store: "\n".join(verdict_lines(verify(store, target))),
            self._verified,
            exclusive=True,
            group="sync",
            failed=self._sync_failed,
        )

    def _verified(self, verdict: str) -> None:
        self.query_one("#sync-result", Static).update(verdict)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_sync":
            return self.cancel is not None  # escape cancels only while a sync runs
        if action == "leave_text":  # escape leaves a text field when nothing runs
            return self.cancel is None and isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def action_cancel_sync(self) -> None:
        """Stop the sync between two files or batches: each is one transaction, so none is
        half in."""
        if self.cancel is not None:
            self.cancel.set()
            self.query_one("#sync-result", Static).update(_("Cancelling…"))

    def _sync_ended(self) -> None:
        self.cancel = None
        self.refresh_bindings()

    def _run_sync(self, store: Store, target: str, cancel: threading.Event) -> SyncOutcome:
        def progress(_what: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        if "://" in target:
            from hubtui.sync.remote import sync_with

            return SyncOutcome(sync_with(store, target, progress, cancel.is_set))
        from hubtui.config import remember_sync_folder
        from hubtui.sync.compaction import sync_and_compact
        from hubtui.sync.compaction_text import compaction_line
        from hubtui.sync.folder_state import Limits

        limits = Limits.of(self.hub.config)
        folder = Path(target).expanduser()
        report, compaction = sync_and_compact(store, folder, limits, progress, cancel.is_set)
        if not report.cancelled:
            remembered = remember_sync_folder(self.hub.config, report.folder)
            if remembered is not None:
                self.app.call_from_thread(self._remembered, remembered)
        return SyncOutcome(report, compaction_line(compaction, limits))

    def _remembered(self, config: Config) -> None:
        self.hub.config = config
        self.notify(_("Remembered {folder} as the sync folder.").format(folder=config.sync_folder))

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#sync-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _synced(self, outcome: SyncOutcome) -> None:
        self._sync_ended()
        self.query_one("#sync-result", Static).update(
            report_text(outcome.report, outcome.compaction)
        )
        if outcome.notice:
            self.notify(outcome.notice)
        elif outcome.report.cancelled:
            self.notify(_("Sync cancelled."))
        else:
            self.notify(_("Sync finished."))
        self.reload()

    def _sync_failed(self, error: UserError) -> None:
        self._sync_ended()
        self.query_one("#sync-result", Static).update(error_text(error))
        self.notify(error_text(error), severity="error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "sync-target":
            self.action_sync()
        elif event.input.id == "sync-record" and event.value.strip():
            from hubtui.sync.history import history_of

            record = event.value.strip()
            self.run_db(lambda store: history_of(store, record), self._show_history)

    def _show_history(self, found: tuple[str, list[HistoryEntry]]) -> None:
        _entity, entries = found
        table = self.query_one("#sync-history", DataTable)
        table.clear()
        for entry in reversed(entries):  # newest first
            table.add_row(
                entry.recorded_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                entry.advisor,
                _("created") if entry.field == "*" else field_words(entry.field),
                _value(entry.value) if entry.field != "*" else "",
                _("after delete (kept in history)")
                if entry.after_delete
                else _("current")
                if entry.current
                else _("overwritten"),
                key=entry.change_id,
            )


def _value(value: Any) -> str:
    return "" if value is None else str(value)
