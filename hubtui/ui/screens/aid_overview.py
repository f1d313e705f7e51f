"""The hub's companies nearest the de minimis ceiling: each group's aid in the last three
years across every project, with the headroom left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from hubtui.domain.aid import CEILING_EUR, format_amount
from hubtui.ui.i18n import N_, _
from hubtui.ui.messages import DbReply
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.header import ScreenHeader

if TYPE_CHECKING:
    from hubtui.services.aid_overview import GroupStanding

BAR_WIDTH = 20


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """The used share of the ceiling as a bar of blocks."""
    filled = max(0, min(width, round(share * width)))
    return "█" * filled + "░" * (width - filled)


class AidOverviewScreen(HubScreen):
    TITLE = N_("State aid")
    HELP = N_(
        "The companies (single undertakings: a company and its group) with the most de minimis "
        "aid in the three years up to today, across every project and declaration, nearest the "
        "EUR 300 000 ceiling first. Enter opens the company."
    )
    BINDINGS = [Binding("escape", "back", N_("Back"), id="aid_overview.back")]

    class Standings(DbReply["list[GroupStanding]"]):
        """Each group with de minimis aid, nearest its ceiling first."""

    def __init__(self) -> None:
        super().__init__()
        self.standings: list[GroupStanding] = []

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Static("", id="aid-overview-summary", markup=False)
        yield DataTable(id="aid-overview", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#aid-overview", DataTable)
        table.add_column(_("Company"), width=28)
        table.add_column(_("Orgnr"), width=11)
        table.add_column(_("In group"), width=8)
        table.add_column("EUR", width=12)
        table.add_column(_("Remaining"), width=12)
        table.add_column(_("Used"), width=BAR_WIDTH + 6)

    def reload(self) -> None:
        from hubtui.services.aid_overview import nearest_ceiling

        today = self.hub.today
        self.post_db(lambda store: nearest_ceiling(store, today), self.Standings, group="aid")

    def on_aid_overview_screen_standings(self, message: AidOverviewScreen.Standings) -> None:
        standings = message.result
        self.standings = standings
        summary = self.query_one("#aid-overview-summary", Static)
        if not standings:
            summary.update(_("No company has de minimis aid in the last three years."))
        else:
            summary.update(
                _("{count} companies with de minimis aid; ceiling EUR {ceiling}").format(
                    count=len(standings), ceiling=format_amount(CEILING_EUR)
                )
            )
        table = self.query_one("#aid-overview", DataTable)
        table.clear()
        for s in standings:
            table.add_row(
                s.top.name,
                s.top.orgnr or "",
                str(s.members),
                format_amount(s.total_eur),
                format_amount(s.remaining_eur),
                f"{bar(s.used_share)} {s.used_share:4.0%}",
                key=s.top.id,
            )

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen

        if event.row_key.value is not None:
            self.app.push_screen(OrganisationDetailScreen(event.row_key.value))
