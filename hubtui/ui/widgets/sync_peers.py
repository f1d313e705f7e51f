"""The Sync screen's peers: each laptop or team database, when it was last seen, and whether it
holds the sync folder's compaction back; and the words for forgetting one of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable

from hubtui.ui.i18n import _

if TYPE_CHECKING:
    from hubtui.sync.peer_list import PeerRow


def _date(stamp: dt.datetime | None) -> str:
    return stamp.astimezone().strftime("%Y-%m-%d") if stamp else "?"


def peer_name(row: PeerRow) -> str:
    """A peer as people know it: its advisor and the end of its device id."""
    tail = row.origin[-12:]
    return f"{row.name} ({tail})" if row.name else tail


def _holds_back(row: PeerRow) -> str:
    if row.device is None:
        return ""  # not syncing in this folder (a team database, another folder)
    if row.mine:
        return "—"  # the name says "(this laptop)"
    if row.holds_back:
        return _("yes, silent since {date}").format(date=_date(row.device.last_synced))
    if row.device.forgotten is not None:
        return _("forgotten {date}").format(date=_date(row.device.forgotten))
    return _("no")


class SyncPeersTable(DataTable[str]):
    """The peers, one row each, keyed by device id; `rows_by_id` keeps what each row says."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.rows_by_id: dict[str, PeerRow] = {}
        self.folder: Path | None = None  # the sync folder the rows were read from

    def on_mount(self) -> None:
        self.add_columns(
            _("Name"), _("Device"), _("Last synced"), _("Changes"), _("Holds compaction back")
        )

    def show(self, rows: list[PeerRow], folder: Path | None) -> None:
        highlighted = self.highlighted
        self.clear()
        self.rows_by_id = {row.origin: row for row in rows}
        self.folder = folder
        for row in rows:
            seen = row.last_seen.astimezone() if row.last_seen else None
            self.add_row(
                (row.name or "—") + (" " + _("(this laptop)") if row.mine else ""),
                row.origin[-12:],
                seen.strftime("%Y-%m-%d %H:%M") if seen else _("never"),
                str(row.changes_imported),
                _holds_back(row),
                key=row.origin,
            )
        if highlighted is not None and highlighted.origin in self.rows_by_id:
            self.move_cursor(row=self.get_row_index(highlighted.origin))

    @property
    def highlighted(self) -> PeerRow | None:
        """The peer under the cursor (None when the table is empty)."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return self.rows_by_id.get(key or "")


def refusal(row: PeerRow, folder: Path | None) -> str:
    """Why this peer cannot be forgotten ("" when it can)."""
    if folder is None:
        return _("Type the shared folder's path first: a laptop is forgotten in one folder.")
    if row.mine:
        return _(
            "{who} is this laptop: it cannot forget itself. Forget a laptop that will not "
            "sync in the folder again."
        ).format(who=peer_name(row))
    if row.device is None:
        return _(
            "{who} does not sync in {folder} (a team database, or a laptop of another "
            "folder): there is nothing to forget there."
        ).format(who=peer_name(row), folder=folder)
    if row.device.forgotten is not None:
        return _(
            "{who} was already forgotten on {date}; it counts again only if it syncs in the "
            "folder again."
        ).format(who=peer_name(row), date=_date(row.device.forgotten))
    return ""


def forget_question(row: PeerRow, folder: Path) -> str:
    """What forgetting a laptop does, as the confirmation dialog asks it."""
    return _(
        "Forget {who} in {folder}?\n\n"
        "It stops holding compaction back: from now on its change files there are removed "
        "at later syncs, once a snapshot covers them (its changes are in that snapshot by "
        "then).\n\n"
        "This deletes no data: what it made stays in this database and in the snapshot. If "
        "that laptop syncs here again after all, it catches up from the snapshot like a new "
        "laptop, its own changes still reach everyone, and it holds compaction back again "
        "from that sync on."
    ).format(who=peer_name(row), folder=folder)
