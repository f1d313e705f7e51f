"""At 100×30 in Swedish: the screen bar names every screen whole, the footer fits, focus starts
where the keys work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets._footer import FooterKey
from tui_support import settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.widgets.footer import PALETTE_WIDTH, FittingFooter, key_width
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
            footer = screen.query_one(FittingFooter)
            keys = [
                k for k in footer.query(FooterKey).results(FooterKey)
                if "-command-palette" not in k.classes
            ]  # fmt: skip
            assert keys, key
            assert sum(key_width(k) for k in keys) <= 100 - PALETTE_WIDTH, key


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
