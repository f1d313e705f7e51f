"""One KPI: period by period, a chart against the target, breakdowns, and what makes the number.

Opened from a dashboard card. textual-plotext is imported only when this screen is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label, Static, TabbedContent, TabPane

from hubtui.ui.i18n import N_, _
from hubtui.ui.messages import DbReply
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.kpi_bar import KpiBar
from hubtui.ui.widgets.kpi_card import detail_line, value_line
from hubtui.ui.widgets.kpi_format import DIMENSION_LABELS, decimal_text, key_text, number_text

if TYPE_CHECKING:
    from hubtui.kpi import DrillDown, KpiResult, SeriesPoint
    from hubtui.store import Store

COLUMN_LABELS = {
    "orgnr": N_("Orgnr"),
    "kind": N_("Kind"),
    "size_class": N_("Size class"),
    "county": N_("County"),
    "first_support": N_("First support"),
    "type": N_("Type"),
    "category": N_("Category"),
    "hours": N_("Hours"),
    "women": N_("Women"),
    "men": N_("Men"),
    "other": N_("Other"),
    "unstated": N_("Not stated"),
    "t0_date": N_("T0 date"),
    "t0_overall": N_("T0"),
    "later_date": N_("Latest date"),
    "later_overall": N_("Latest"),
    "amount": N_("Amount"),
    "currency": N_("Currency"),
    "note": N_("Note"),
}


@dataclass(frozen=True)
class KpiDetail:
    result: KpiResult
    series: list[SeriesPoint]
    finished: bool  # the period is over: expected by its end, else by today


def load_detail(store: Store, project: str, kpi_id: str, period: str, today: dt.date) -> KpiDetail:
    from hubtui.kpi import compute_kpi, kpi_series, resolve

    found, chosen = resolve(store, project, period, today=today)
    result = compute_kpi(store, found, chosen, kpi_id, today=today)
    return KpiDetail(result, kpi_series(store, found, kpi_id), chosen.end < today)


def tick_indices(count: int, most: int) -> list[int]:
    """Which of `count` periods get a label on the chart's axis: the first, the last and
    evenly spaced ones between, at most `most` and never closer than the step, so no label
    overlaps another (plotext would then drop one, which one by chance)."""
    if count <= 0:
        return []
    step = -(-count // max(1, most))  # ceiling division
    ticks = list(range(0, count, step))
    if ticks[-1] != count - 1:
        if len(ticks) > 1:
            ticks[-1] = count - 1  # the end of the project is always on the axis
        else:
            ticks.append(count - 1)
    return ticks


def cell(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class KpiDetailScreen(HubScreen):
    CSS_PATH = "kpi.tcss"
    HELP = N_(
        "One goal: its value in each period and from the project start, a chart of the "
        "cumulative value against the target and the straight line from zero to the target, "
        "its breakdowns, and the organisations or activities behind the number. c switches "
        "the list between this period and the whole time since the project start; Enter "
        "opens an organisation or activity."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="kpi.back"),
        Binding("c", "toggle_cumulative", N_("Period/cumulative"), id="kpi.cumulative"),
    ]

    class Loaded(DbReply["KpiDetail"]):
        """The KPI, its series and whether the period has ended."""

    class Drilled(DbReply["DrillDown"]):
        """What the KPI counted, row by row."""

    class ActivityRead(DbReply[Any]):
        """An activity of the drill-down, to edit."""

    def __init__(self, project: str, kpi_id: str, period: str) -> None:
        super().__init__()
        self.project_code = project
        self.kpi_id = kpi_id
        self.detail_period = period
        self.cumulative = False
        self.detail: KpiDetail | None = None
        self.drill: DrillDown | None = None

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield ScreenHeader()
        with Vertical(id="kpi-head"):
            yield Label(_("The numbers are loading…"), id="kpi-title", classes="kpi-label")
            yield Static("", id="kpi-value", classes="kpi-value", markup=False)
            yield KpiBar(id="kpi-progress")
            yield Static("", id="kpi-detail", classes="kpi-detail", markup=False)
        with TabbedContent(id="kpi-tabs", classes="kpi-tabs"):
            with TabPane(_("Periods"), id="tab-periods"):
                yield DataTable(id="kpi-periods", cursor_type="row")
                yield PlotextPlot(id="kpi-chart")
            with TabPane(_("Breakdown"), id="tab-breakdown"):
                yield DataTable(id="kpi-breakdown", cursor_type="row")
            with TabPane(_("Behind the number"), id="tab-drill"):
                yield Label("", id="kpi-drill-title", classes="kpi-hint")
                yield DataTable(id="kpi-drill", cursor_type="row")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.title = f"{self.project_code} · {self.detail_period}"  # the goal's name once loaded
        self.period_columns(distinct=False)
        self.query_one("#kpi-breakdown", DataTable).add_columns(_("By"), _("Group"), _("Value"))

    def reload(self) -> None:
        project, kpi_id, period = self.project_code, self.kpi_id, self.detail_period
        today = self.hub.today or dt.date.today()
        self.post_db(
            lambda store: load_detail(store, project, kpi_id, period, today),
            self.Loaded,
            group="kpi-detail",
            exclusive=True,
        )
        self.load_drill()

    def load_drill(self) -> None:
        from_start = self.cumulative
        project, kpi_id, period = self.project_code, self.kpi_id, self.detail_period

        def work(store: Store) -> DrillDown:
            from hubtui.kpi import drill_down, resolve

            return drill_down(
                store, *resolve(store, project, period), kpi_id, cumulative=from_start
            )

        self.post_db(work, self.Drilled, group="kpi-drill", exclusive=True)

    def on_kpi_detail_screen_loaded(self, message: KpiDetailScreen.Loaded) -> None:
        self.show(message.result)

    def on_kpi_detail_screen_drilled(self, message: KpiDetailScreen.Drilled) -> None:
        self.show_drill(message.result)

    # --- showing ----------------------------------------------------------------------------
    def show(self, detail: KpiDetail) -> None:
        self.detail = detail
        k = detail.result
        self.query_one("#kpi-title", Label).update(k.shown_label)
        self.title = f"{k.shown_label} · {self.project_code} · {self.detail_period}"
        self.query_one("#kpi-value", Static).update(value_line(k))
        self.query_one("#kpi-detail", Static).update(detail_line(k, detail.finished))
        self.query_one("#kpi-head").set_classes(f"status-{k.status}")
        bar = self.query_one("#kpi-progress", KpiBar)
        bar.progress = float(k.cumulative_value or 0) / float(k.target) if k.target else 1.0
        bar.expected = k.expected_by_now / float(k.target) if k.target else None
        periods = self.period_columns(distinct=k.new_value is not None)
        for point in self.counted(detail):
            new = () if k.new_value is None else (number_text(point.new_value, k.metric),)
            periods.add_row(
                point.period.label,
                number_text(point.period_value, k.metric),
                *new,
                number_text(point.cumulative_value, k.metric),
                number_text(point.expected_by_now, k.metric),
                key=point.period.label,
            )
        breakdown = self.query_one("#kpi-breakdown", DataTable)
        breakdown.clear()
        for dimension, values in k.breakdown.items():
            for key, value in values.items():
                breakdown.add_row(
                    _(DIMENSION_LABELS.get(dimension, dimension)),
                    key_text(dimension, key),
                    number_text(value, k.metric),
                )
        self.draw_chart(detail)

    def period_columns(self, *, distinct: bool) -> DataTable[Any]:
        """The periods table emptied, with a column of new organisations for distinct counts."""
        periods: DataTable[Any] = self.query_one("#kpi-periods", DataTable)
        new = (_("New this period"),) if distinct else ()
        periods.clear(columns=True)
        periods.add_columns(
            _("Period"), _("This period"), *new, _("From the start"), _("Expected by its end")
        )
        return periods

    def counted(self, detail: KpiDetail) -> list[SeriesPoint]:
        """The periods that have begun (and the one asked for): later ones have no numbers yet."""
        today = self.hub.today or dt.date.today()
        shown = detail.series
        chosen = next((p for p in shown if p.period.label == self.detail_period), None)
        last = max(today, chosen.period.start) if chosen else today
        return [p for p in shown if p.period.start <= last]

    def draw_chart(self, detail: KpiDetail) -> None:
        from textual_plotext import PlotextPlot

        chart = self.query_one("#kpi-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        points = detail.series
        xs = [float(x) for x in range(1, len(points) + 1)]
        ratio = detail.result.is_ratio
        scale = 100.0 if ratio else 1.0
        counted = len(self.counted(detail))
        known = [
            (x, p)
            for x, p in zip(xs[:counted], points[:counted], strict=True)
            if p.cumulative_value is not None
        ]
        plt.plot(
            [x for x, _p in known],
            [float(p.cumulative_value or 0) * scale for _x, p in known],
            label=_("From the start"),
            marker="braille",
        )
        plt.plot(
            xs,
            [p.expected_by_now * scale for p in points],
            label=_("Expected (straight line)"),
            marker="braille",
        )
        target = float(detail.result.target) * scale
        plt.hline(target)
        # The value axis in the language's numbers (plotext writes 12.5 whatever the language).
        drawn = [target, *(float(p.cumulative_value or 0) * scale for _x, p in known)]
        top = max([*drawn, *(p.expected_by_now * scale for p in points), 1.0])
        levels = [top * i / 4 for i in range(5)]
        plt.ylim(0, top)
        plt.yticks(levels, [decimal_text(round(y, 1 if y < 1000 else None)) for y in levels])
        width = chart.size.width or 88  # not laid out yet: a 100-column screen's chart
        ticks = tick_indices(len(points), most=max(2, (width - 8) // 10))
        plt.xticks([xs[i] for i in ticks], [points[i].period.label for i in ticks])
        plt.xlim(0.5, len(points) + 0.5)  # room for the first and last labels
        plt.title(
            _("{label}: target {target}").format(
                label=detail.result.shown_label,
                target=number_text(detail.result.target, detail.result.metric),
            )
        )
        chart.refresh()

    def show_drill(self, drill: DrillDown) -> None:
        self.drill = drill
        what = (
            _("from the project start")
            if drill.cumulative
            else _("in {period}").format(period=drill.period.label)
        )
        self.query_one("#kpi-drill-title", Label).update(
            _("{count} rows {what} (c switches)").format(count=len(drill.rows), what=what)
        )
        table = self.query_one("#kpi-drill", DataTable)
        table.clear(columns=True)
        when = _("First support") if drill.entity == "organisation" else _("Date")
        table.add_columns(_("Name"), when, *(_(COLUMN_LABELS.get(c, c)) for c in drill.columns))
        for index, row in enumerate(drill.rows):
            table.add_row(
                row.name,
                cell(row.date),
                *(cell(row.values.get(c)) for c in drill.columns),
                key=str(index),
            )

    # --- actions ----------------------------------------------------------------------------
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_toggle_cumulative(self) -> None:
        self.cumulative = not self.cumulative
        self.load_drill()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id != "kpi-drill" or self.drill is None:
            return
        row = self.drill.rows[event.cursor_row]
        if row.entity == "organisation":
            from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen

            self.app.push_screen(OrganisationDetailScreen(row.id))
        elif row.entity == "activity":
            self.post_db(lambda store: _activity(store, row.id), self.ActivityRead)

    def on_kpi_detail_screen_activity_read(self, message: KpiDetailScreen.ActivityRead) -> None:
        from hubtui.ui.actions import edit_activity

        edit_activity(self.app, message.result)


def _activity(store: Store, activity_id: str) -> Any:
    from hubtui.services.activity_queries import get_activity

    return get_activity(store, activity_id)
