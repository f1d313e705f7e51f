"""The footer is one widget drawing one line: the keys as Textual's compact footer showed them,
the key under the mouse lit, a click on a key pressing it, and only whole keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tui_support import settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.widgets.footer import FittingFooter


def footer_line(app: HubtuiApp) -> str:
    return "".join(segment.text for segment in app.screen._compositor.render_strips()[-1])


async def test_the_dashboard_footer_shows_its_keys_and_the_palette(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        line = footer_line(app)
        assert line.startswith("  ⏎ Open [ ] Period r Refresh ^q Quit f1 Help l Log"), line
        assert line.endswith("▏^p palette "), line
        assert len(app.screen.query(FittingFooter).first().children) == 0  # no widget per key


async def test_a_click_on_a_footer_key_presses_it_and_the_key_under_the_mouse_is_lit(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(FittingFooter)
        x = footer_line(app).index("f1 Help")
        await pilot.hover(footer, offset=(x, 0))
        await pilot.pause()
        assert footer.hovered is not None
        help_key = footer._spans[footer.hovered].key
        assert help_key.key == "f1"
        await pilot.click(footer, offset=(x + 3, 0))  # on its description
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpDialog"


async def test_a_narrow_footer_leaves_out_whole_keys(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(60, 30)) as pilot:
        await settle(pilot)
        line = footer_line(app)
        assert "f1 Help" in line and " l Lo" not in line, line  # not "l Lo", cut by the palette
        assert line.endswith("▏^p palette "), line
