"""The KPI chart's x-axis runs over the whole project period, not only the periods so far."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from textual_plotext import PlotextPlot
from tui_support import settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.kpi_detail import KpiDetailScreen, tick_indices
from hubtui.ui.widgets.kpi_card import KpiCard


async def test_the_chart_spans_the_project_from_start_to_end(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db, screens=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.screen.query(KpiCard).first().focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KpiDetailScreen) and screen.detail is not None
        project = app.project
        assert project is not None
        periods = [p.period for p in screen.detail.series]
        assert periods[0].start == project.start and periods[-1].end == project.end
        assert len(periods) > len(screen.counted(screen.detail))  # the future is on the axis
        # Every chosen label is drawn, the project's last period among them.
        chart = screen.query_one("#kpi-chart", PlotextPlot)
        drawn = chart.plt.build()
        labels = [p.period.label for p in screen.detail.series]
        for i in tick_indices(len(labels), most=max(2, (chart.size.width - 8) // 10)):
            assert labels[i] in drawn


def test_axis_labels_include_both_ends_and_never_crowd() -> None:
    for count in range(1, 60):
        for most in range(2, 12):
            ticks = tick_indices(count, most)
            assert ticks[0] == 0 and ticks[-1] == count - 1
            assert len(ticks) <= max(most, 1) or count == 1
            step = -(-count // most)
            gaps = [b - a for a, b in itertools.pairwise(ticks)]
            assert all(gap >= step for gap in gaps), (count, most, ticks)
