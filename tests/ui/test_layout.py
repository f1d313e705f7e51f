"""At 100×30 in Swedish: the screen bar names every screen whole, the footer fits, focus starts
where the keys work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui_support import settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.widgets.footer import GROUP_INDENT, PALETTE_WIDTH, FittingFooter
from hubtui.ui.widgets.kpi_card import KpiCard
from hubtui.ui.widgets.screen_bar import ScreenBar


async def test_every_screen_at_100_columns_has_a_whole_bar_and_a_footer_that_fits(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db, language="sv")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key in "123456789":
            await pilot.press("escape")  # out of a text field, if one took focus
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            bar = str(screen.query_one(ScreenBar).render())
            assert "…" not in bar, (key, bar)
            assert "Organisationer" in bar and "Jämställdhet" in bar
            entries = screen.query_one(FittingFooter).shown_entries()
            assert entries, key
            indent = GROUP_INDENT if any(e.label for e in entries) else 0
            assert indent + sum(e.width for e in entries) <= 100 - PALETTE_WIDTH, key


async def test_the_dashboard_opens_with_the_most_lagging_card_focused(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        cards = list(app.screen.query(KpiCard).results(KpiCard))
        assert cards and app.focused is cards[0]
        await pilot.press("3")  # the number keys work at once
        await settle(pilot)
        assert app.current_mode == "activities"
