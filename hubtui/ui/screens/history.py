"""The change history of one record: who changed which field to what, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from hubtui.ui.i18n import N_, _
from hubtui.ui.messages import DbReply
from hubtui.ui.screens.base import HubModal

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import ChangeView


def describe(change: ChangeView, names: Mapping[str, str]) -> tuple[str, str]:
    """(what, new value) of one change record in words; `names` maps organisation ids."""
    from hubtui.services.history import change_words

    return change_words(change, names, separator="\n")  # a created record's fields, a line each


def load_history(
    store: Store, entity: str, entity_id: str
) -> tuple[list[ChangeView], dict[str, str]]:
    """The changes of a record (with an activity's organisation links) and the names linked."""
    from hubtui.services.history import history
    from hubtui.services.organisations import get_organisations

    changes = history(store, entity, entity_id, with_links=True)
    ids = [c.extra["organisation_id"] for c in changes if "organisation_id" in c.extra]
    names = {org_id: org.name for org_id, org in get_organisations(store, ids).items()}
    return changes, names


class HistoryDialog(HubModal[None]):
    HELP = N_("Every change to this record, oldest first, with the advisor who made it.")
    BINDINGS = [Binding("escape,h", "close", N_("Close"), id="history.close")]

    class Loaded(DbReply["tuple[list[ChangeView], dict[str, str]]"]):
        """The record's changes, oldest first, and the names of the organisations linked."""

    def __init__(self, entity: str, entity_id: str, title: str = "") -> None:
        super().__init__(classes="dialog")
        self.entity = entity
        self.entity_id = entity_id
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box"):
            yield Label(self.heading or _("History"), classes="dialog-title")
            table: DataTable[str] = DataTable(id="history-table", cursor_type="row")
            table.add_columns(_("When"), _("Who"), _("What"), _("New value"))
            yield table

    def on_mount(self) -> None:
        entity, entity_id = self.entity, self.entity_id
        self.post_db(lambda store: load_history(store, entity, entity_id), self.Loaded)
        self.query_one(DataTable).focus()

    def on_history_dialog_loaded(self, message: HistoryDialog.Loaded) -> None:
        changes, names = message.result
        table = self.query_one(DataTable)
        for change in changes:
            what, value = describe(change, names)
            at = change.recorded_at
            at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)  # SQLite drops the zone
            when = at.astimezone().strftime("%Y-%m-%d %H:%M")
            height = value.count("\n") + 1
            table.add_row(when, change.advisor, what, value, key=change.id, height=height)

    def action_close(self) -> None:
        self.dismiss(None)
