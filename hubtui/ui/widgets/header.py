"""The header of the main screens: Textual's header drawn by one widget instead of four.

It looks and acts as Textual's did: the icon on the left (lit under the mouse; a click opens
the command palette), "title — subtitle" in the middle, the clock's room on the right, and a
click elsewhere makes it three lines tall or one again. Textual's four widgets (and their
module) took 34 M of the 1,130 M instructions to the app's first frame. Each line here is
drawn cell for cell, style for style, as Textual drew it (tests/ui/test_screen_header.py
compares the two).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # Textual's header icon: eight cells, one of padding on either side
CLOCK_WIDTH = 10  # the room Textual's header keeps for its clock
PALETTE_TIP = "Open the command palette"  # Textual's own words (untranslated there too)


def _at(style: Style | None, x: int) -> Style:
    """`style` marked with where in its widget's text it starts, as Textual marks the text of a
    widget (so the screen's lines come out in the same pieces as with Textual's header)."""
    return (style or Style()) + Style.from_meta({"offset": (x, 0)})


class ScreenHeader(Widget):
    COMPONENT_CLASSES = {"screen-header--icon-hover"}
    DEFAULT_CSS = """
    ScreenHeader {
        dock: top;
        width: 100%;
        background: $panel;
        color: $foreground;
        height: 1;
        &.-tall {
            height: 3;
        }
        & > .screen-header--icon-hover {
            background: $foreground 10%;
        }
    }
    """

    icon_hovered = reactive(False)

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._title_changed, init=False)
            self.watch(node, "sub_title", self._title_changed, init=False)

    def _title_changed(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        background = Color.from_rich_color(self.rich_style.bgcolor)
        plain = Style(bgcolor=background.rich_color)
        text = Style(color=self.rich_style.color, bgcolor=background.rich_color)
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        # The icon, the title and the clock's room were three widgets: their blanks differ.
        segments = self._icon(y == (self.size.height - 1) // 2)
        if y == 0:
            screen, app = self.screen, self.app
            title = app.format_title(
                screen.title if screen.title is not None else app.title,
                screen.sub_title if screen.sub_title is not None else app.sub_title,
            )
            title = title.rstrip().truncate(room, ellipsis=True)
            left = (room - title.cell_length) // 2
            padding = text + Style(reverse=False)
            segments += [Segment(" " * left, padding)] if left else []
            offset = 0
            for segment in title.render_segments(self.visual_style):
                segments.append(Segment(segment.text, _at(segment.style, offset)))
                offset += segment.cell_length
            right = room - left - title.cell_length
            segments += [Segment(" " * right, padding)] if right else []
            clock = [Segment("", _at(text, 0)), Segment(" " * (CLOCK_WIDTH - 2), plain)]
            segments += [Segment(" ", plain), *clock, Segment(" ", plain)]
        else:
            segments.append(Segment(" " * room, plain))
            segments += [Segment(" ", plain), Segment(" " * 8, text), Segment(" ", plain)]
        return Strip(segments).crop(0, width)

    def _icon(self, with_icon: bool) -> list[Segment]:
        background = Color.from_rich_color(self.rich_style.bgcolor)
        if self.icon_hovered:
            hover = self.get_component_styles("screen-header--icon-hover").background
            background = background + hover
        plain = Style(bgcolor=background.rich_color)
        text = Style(color=self.rich_style.color, bgcolor=background.rich_color)
        padding = text + Style(reverse=False)
        inner = ICON_WIDTH - 2
        if with_icon:
            middle = [Segment(ICON, _at(text, 0)), Segment(" " * (inner - 1), padding)]
        else:
            middle = [Segment(" " * inner, padding)]
        return [Segment(" ", plain), *middle, Segment(" ", plain)]

    # --- the mouse --------------------------------------------------------------------------
    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.icon_hovered = event.x < ICON_WIDTH

    def on_leave(self) -> None:
        self.icon_hovered = False

    def watch_icon_hovered(self, hovered: bool) -> None:
        self.tooltip = PALETTE_TIP if hovered and self.app.ENABLE_COMMAND_PALETTE else None
        self.refresh()

    async def on_click(self, event: events.Click) -> None:
        if event.x >= ICON_WIDTH:
            self.toggle_class("-tall")
        elif self.app.ENABLE_COMMAND_PALETTE:
            await self.run_action("app.command_palette")
