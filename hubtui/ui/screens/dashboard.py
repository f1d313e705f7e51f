"""The home screen: one card per KPI of the current project for a period, lagging ones first.

It paints at once; the numbers are counted in a thread worker and fill the cards when ready.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Select

from hubtui.ui.i18n import N_, _
from hubtui.ui.messages import DbReply
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.screen_bar import ScreenBar

# The cards and their formatting are imported with the first numbers, not for the first frame.
if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from hubtui.domain.periods import Period
    from hubtui.kpi import KpiResult, ProjectKpis
    from hubtui.store import Store
    from hubtui.ui.widgets.kpi_card import KpiCard

ALL = "all"
CARD_WIDTH = 44


@dataclass(frozen=True)
class DashboardData:
    periods: list[Period]
    kpis: ProjectKpis


def load_dashboard(
    store: Store, project: str, period: str | None, today: dt.date | None
) -> DashboardData:
    from hubtui.kpi import compute_kpis, project_periods, resolve

    kpis = compute_kpis(store, *resolve(store, project, period, today=today), today=today)
    return DashboardData(project_periods(kpis.project), kpis)


def period_options(periods: list[Period]) -> list[tuple[str, str]]:
    return [(p.label, p.label) for p in periods] + [(_("Whole project"), ALL)]


class DashboardScreen(HubScreen):
    CSS_PATH = "kpi.tcss"
    TITLE = N_("Dashboard")
    HELP = N_(
        "The current project's goals for a period: each card shows the value from the "
        "project start against the target, a bar with a mark where the value should be by now, "
        "and the status (within 5 % of expected is on track). Lagging goals come first. "
        "Enter opens a goal with its periods, chart, breakdowns and the organisations or "
        "activities behind the number. [ and ] change the period."
    )
    # [ and ] share one footer entry, so the footer fits 100 columns.
    PERIOD_KEYS = Binding.Group(N_("Period"), compact=True)
    BINDINGS = [
        Binding(
            "left_square_bracket",
            "period(-1)",
            N_("Previous period"),
            id="dashboard.prev",
            group=PERIOD_KEYS,
        ),
        Binding(
            "right_square_bracket",
            "period(1)",
            N_("Next period"),
            id="dashboard.next",
            group=PERIOD_KEYS,
        ),
        Binding("r", "refresh", N_("Refresh"), id="dashboard.refresh"),
    ]

    class Loaded(DbReply["DashboardData"]):
        """The KPIs of the project and period, and the project's periods."""

    def __init__(self) -> None:
        super().__init__()
        group = Binding.Group(_(self.PERIOD_KEYS.description), compact=True)
        self._bindings = BindingsMap(
            replace(b, group=group) if b.group == self.PERIOD_KEYS else b
            for _key, b in self._bindings
        )
        self.shown_project: str | None = None
        self.data: DashboardData | None = None
        self._selects_mounted: AwaitMount | None = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield ScreenBar()  # composed, not mounted after the header: one layout less to paint
        # The selects come with the projects (see `_mount_selects`): two of them cost more
        # than the rest of the first frame, which has nothing to choose from yet.
        yield Horizontal(classes="kpi-bar", id="dash-bar")
        yield Label(_("Loading…"), id="dash-summary", classes="kpi-summary")
        yield VerticalScroll(id="kpi-cards")
        yield FittingFooter()

    def on_resize(self) -> None:
        cards = self.query_one("#kpi-cards")
        cards.styles.grid_size_columns = max(1, self.size.width // CARD_WIDTH)

    # --- loading ----------------------------------------------------------------------------
    def reload(self) -> None:
        if self._selects_mounted is None and not (self.hub.projects_read or self.hub.store_failed):
            self._show_message(self._no_project_text())  # "Loading…"; nothing to choose yet
            return
        self.call_later(self._reload)

    async def _mount_selects(self) -> None:
        if self._selects_mounted is not None:
            await self._selects_mounted  # at once if they are there already
            return
        project = Select[str]([], prompt=_("Project"), id="dash-project", compact=True)
        period = Select[str]([], prompt=_("Period"), id="dash-period", compact=True)
        self._selects_mounted = self.query_one("#dash-bar").mount(project, period)
        await self._selects_mounted
        # Auto-focus, which ran at compose, took the cards' scroll area for want of the selects.
        if self.focused in (None, self.query_one("#kpi-cards")):
            self.set_focus(project, scroll_visible=False)

    async def _reload(self) -> None:
        await self._mount_selects()
        project = self.project
        self._fill_projects()
        if project is None:
            self._show_message(self._no_project_text())
            return
        self.post_db(
            lambda store: load_dashboard(store, project.code, self.period, self._today()),
            self.Loaded,
            group="dashboard",
            exclusive=True,
        )

    def on_dashboard_screen_loaded(self, message: DashboardScreen.Loaded) -> None:
        self.show(message.result)

    def _no_project_text(self) -> str:
        # Until the projects are read, an empty list says nothing about the database.
        if self.hub.store_failed:
            return _("The database could not be opened.")
        if not self.hub.projects_read:
            return _("Loading…")
        return _("No project yet: import a goals file to create one.")

    def _fill_projects(self) -> None:
        select = self.query_one("#dash-project", Select)
        options = [(f"{p.code} – {p.name}", p.code) for p in self.hub.projects]
        with self.prevent(Select.Changed):
            select.set_options(options)
            if self.project is not None:
                select.value = self.project.code

    def _show_message(self, text: str) -> None:
        self.data = None
        summary = self.query_one("#dash-summary", Label)
        if summary.content != text:  # "Loading…" from compose stays: no new layout for it
            summary.update(text)
        cards = self.query_one("#kpi-cards")
        if cards.children:
            cards.remove_children()

    def show(self, data: DashboardData) -> None:
        from hubtui.ui.widgets.kpi_format import status_text

        if self.project is None or data.kpis.project.code != self.project.code:
            return  # the user switched project while this was counting
        self.data = data
        result = data.kpis
        self.shown_project = result.project.code
        period_select = self.query_one("#dash-period", Select)
        with self.prevent(Select.Changed):
            period_select.set_options(period_options(data.periods))
            period_select.value = result.period.label
        counts = {
            s: sum(1 for k in result.kpis if k.status == s) for s in ("behind", "on_track", "ahead")
        }
        p = result.period
        self.query_one("#dash-summary", Label).update(
            f"{result.project.code} · {p.label} ({p.start} – {p.end}) · "
            + ", ".join(f"{n} {status_text(s)}" for s, n in counts.items())
        )
        self.call_later(self._replace_cards, list(result.kpis), p.end < self._today())

    def _today(self) -> dt.date:
        return self.hub.today or dt.date.today()

    async def _replace_cards(self, results: list[KpiResult], finished: bool) -> None:
        from hubtui.ui.widgets.kpi_card import KpiCard
        from hubtui.ui.widgets.kpi_format import lagging_first

        cards = self.query_one("#kpi-cards")
        focused = self.focused.id if isinstance(self.focused, KpiCard) else None
        await cards.remove_children()
        if not results:
            message = _("This project has no goals yet; add them on the Goals screen.")
            await cards.mount(Label(message, classes="kpi-empty"))
            return
        await cards.mount_all(KpiCard(k, finished=finished) for k in lagging_first(results))
        if focused:
            self._refocus(focused)
        elif not (isinstance(self.focused, Select) and self.focused.expanded):
            # Opened, or another project or period chosen: the most lagging goal first.
            self.query(KpiCard).first().focus(scroll_visible=False)

    def _refocus(self, card_id: str) -> None:
        from hubtui.ui.widgets.kpi_card import KpiCard

        for card in self.query(f"#{card_id}").results(KpiCard):
            card.focus()

    # --- switching --------------------------------------------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        value: Any = event.value
        if value is Select.NULL:
            return
        if event.select.id == "dash-project":
            project = next((p for p in self.hub.projects if p.code == value), None)
            if project is not None and project.code != (self.project and self.project.code):
                self.hub.set_project(project)  # and the period of today; screens reload
        elif event.select.id == "dash-period" and value != self.period:
            self.period = str(value)  # the app's period: the screens on show reload

    def action_period(self, step: int) -> None:
        if self.data is None:
            return
        labels = [p.label for p in self.data.periods]
        current = self.data.kpis.period.label
        index = labels.index(current) if current in labels else len(labels) - 1
        new = min(len(labels) - 1, max(0, index + step))
        if labels and labels[new] != current:
            self.period = labels[new]

    def action_refresh(self) -> None:
        self.reload()

    def on_kpi_card_selected(self, event: KpiCard.Selected) -> None:
        from hubtui.ui.screens.kpi_detail import KpiDetailScreen

        if self.data is None:
            return
        self.app.push_screen(
            KpiDetailScreen(
                self.data.kpis.project.code, event.result.id, self.data.kpis.period.label
            )
        )
