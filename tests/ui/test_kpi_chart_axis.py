"""The KPI chart's x-axis runs over the whole project period, not only the periods so far."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui_support import settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.kpi_detail import KpiDetailScreen
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
