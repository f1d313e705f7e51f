"""The screens' header is one widget drawing what Textual's header (four widgets) drew, cell for
cell and style for style, and it acts the same: the icon opens the command palette, a click
elsewhere makes it tall or short, it follows the title and subtitle."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Label

from hubtui.ui.widgets.header import ScreenHeader

Cells = list[tuple[str, str]]


class Titled(Screen[None]):
    def __init__(self, header: type[Widget], title: str, sub_title: str) -> None:
        super().__init__()
        self.header, self.title, self.sub_title = header, title, sub_title

    def compose(self) -> ComposeResult:
        yield self.header()
        yield Label("body")


async def drawn(
    header: type[Widget], width: int, title: str, sub_title: str, tall: bool, theme: str
) -> list[Cells]:
    """The header's lines, each cell with its style, with the mouse on the icon."""
    app: App[None] = App()
    async with app.run_test(size=(width, 10)) as pilot:
        app.theme = theme
        await app.push_screen(Titled(header, title, sub_title))
        await pilot.pause()
        widget = app.screen.query_one(header)
        if tall:
            await pilot.click(widget, offset=(30, 0))
        await pilot.hover(widget, offset=(3, 0))
        await pilot.pause()
        strips = app.screen._compositor.render_strips()[: widget.size.height]
        return [[(c, str(s.style)) for s in strip for c in s.text] for strip in strips]


@pytest.mark.parametrize(
    ("width", "title", "sub_title", "tall", "theme"),
    [
        (100, "Översikt", "AISL · Anna", False, "textual-dark"),
        (100, "Översikt", "", True, "textual-light"),
        (40, "A screen title longer than the room", "and a subtitle", False, "textual-dark"),
    ],
)
async def test_the_header_draws_what_textuals_header_drew(
    width: int, title: str, sub_title: str, tall: bool, theme: str
) -> None:
    ours = await drawn(ScreenHeader, width, title, sub_title, tall, theme)
    textuals = await drawn(Header, width, title, sub_title, tall, theme)
    assert ours == textuals


async def test_the_icon_opens_the_palette_and_a_click_elsewhere_makes_it_tall() -> None:
    app: App[None] = App()
    async with app.run_test(size=(100, 10)) as pilot:
        await app.push_screen(Titled(ScreenHeader, "Start", ""))
        await pilot.pause()
        header = app.screen.query_one(ScreenHeader)
        await pilot.click(header, offset=(50, 0))
        await pilot.pause()
        assert header.size.height == 3
        app.screen.sub_title = "later"
        await pilot.pause()
        line = "".join(s.text for s in app.screen._compositor.render_strips()[0])
        assert "Start — later" in line
        await pilot.click(header, offset=(1, 1))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
