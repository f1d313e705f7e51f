"""The footer of the main screens: as many keys as fit on one line, the screen's own first.

One widget draws the whole line. Textual's footer is a container of one widget per key, which
it composes anew whenever the keys change: on the dashboard those ten widgets cost more start-up
time than the rest of the first frame's widgets together. This one looks the same (Textual's
compact footer, with its colours from the same theme variables), lights the key under the
mouse, runs a key when clicked, shows the tooltips of grouped keys and the palette key, and
leaves out keys that do not fit, the app-wide logging keys first (F1 and the palette list them
all), so what is shown is whole.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

PALETTE_WIDTH = 13  # "▏^p palette" and its padding
# Left out first when short of room (F1 and the palette still list them): the logging keys,
# then help and quit, which every screen's help names too.
DROP_FIRST = ("log(", "app.log(", "settings", "app.settings")
DROP_NEXT = ("help", "app.help", "quit", "app.quit")
GROUP_INDENT = 2  # Textual's footer set a line with a key group two cells in


class Key(NamedTuple):
    """One key as the footer shows it."""

    key: str  # what a click presses
    display: str
    description: str  # "" for a key of a group: the group's label follows its keys
    enabled: bool
    tooltip: str


class Entry(NamedTuple):
    """A key, or a group's keys and label: what is shown or left out as a whole."""

    keys: tuple[Key, ...]
    label: str  # the group's; "" for a single key
    action: str  # the first key's, which decides when the entry is left out

    @property
    def width(self) -> int:
        """Its cells and the space after it: "k description " or "[ ] label "."""
        if not self.label:
            key = self.keys[0]
            return cell_len(key.display) + 1 + cell_len(key.description) + 1
        return sum(cell_len(k.display) + 1 for k in self.keys) + cell_len(self.label) + 1


def footer_entries(screen: Screen[object]) -> tuple[list[Entry], Key | None]:
    """The screen's shown keys in Textual's footer's order, and the palette's key."""
    app = screen.app
    active = screen.active_bindings
    by_action: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
    for _node, binding, enabled, tooltip in active.values():
        if binding.show:
            by_action[binding.action].append((binding, enabled, tooltip))

    def key(binding: Binding, enabled: bool, tooltip: str, description: str) -> Key:
        return Key(binding.key, app.get_key_display(binding), description, enabled, tooltip)

    entries: list[Entry] = []
    for group, same_group in groupby(by_action.values(), lambda found: found[0][0].group):
        actions = list(same_group)
        if group is not None and len(actions) > 1:
            keys = tuple(key(b, e, t or b.description, "") for b, e, t in (a[0] for a in actions))
            entries.append(Entry(keys, group.description, actions[0][0][0].action))
        else:
            for binding, enabled, tooltip in (a[0] for a in actions):
                entries.append(
                    Entry(
                        (key(binding, enabled, tooltip, binding.description),), "", binding.action
                    )
                )
    palette = None
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
        _node, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
        palette = key(binding, enabled, binding.tooltip or binding.description, binding.description)
    return entries, palette


def fitting(entries: list[Entry], room: int) -> list[Entry]:
    """The entries that fit in `room` cells, leaving out the least needed ones first."""
    shown = list(entries)

    def used() -> int:
        indent = GROUP_INDENT if any(e.label for e in shown) else 0
        return indent + sum(e.width for e in shown)

    for prefixes in (DROP_FIRST, DROP_NEXT, ("",)):
        for entry in reversed(list(shown)):
            if used() <= room:
                return shown
            if entry.action.startswith(prefixes):
                shown.remove(entry)
    return shown


class Span(NamedTuple):
    """Where a key is drawn on the line."""

    start: int
    end: int
    key: Key


class FittingFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--palette-edge",
    }
    # The colours of Textual's compact footer and its keys, from the same theme variables.
    DEFAULT_CSS = """
    FittingFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            background: $block-hover-background;
        }
        .footer-key--palette-edge {
            color: $foreground 20%;
        }
    }
    """

    hovered: reactive[int | None] = reactive(None)  # the index of the span under the mouse

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[Span] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()  # one line drawn again; nothing to lay out

    def shown_entries(self) -> list[Entry]:
        """The keys on the line now (for tests and help)."""
        entries, _palette = footer_entries(self.screen)
        return fitting(entries, self._width() - PALETTE_WIDTH)

    def _width(self) -> int:
        return self.size.width or self.app.size.width or 80

    def render_line(self, y: int) -> Strip:
        # The line's own segments, as they are: rendered through `render`, Textual would give
        # the blanks between the keys the footer's text colour, which its footer did not.
        line = self._line()
        return Strip(line.render(self.app.console), line.cell_len)

    def _line(self) -> Text:
        entries, palette = footer_entries(self.screen)
        width = self._width()
        shown = fitting(entries, width - PALETTE_WIDTH)
        background = Color.from_rich_color(self.rich_style.bgcolor)
        base = Style(bgcolor=background.rich_color)  # the blanks between and after the keys
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[Span] = []
        if any(e.label for e in shown):
            line.append(" " * GROUP_INDENT, base)
        for entry in shown:
            for key in entry.keys:
                start = line.cell_len
                self._append_key(line, key, len(spans), background)
                spans.append(Span(start, line.cell_len, key))
                line.append(" ", base)
            if entry.label:
                line.append(entry.label, self._style("footer-key--description", background))
                line.append(" ", base)
        if palette is not None:
            edge_width = 1
            right = cell_len(palette.display) + 1 + cell_len(palette.description) + edge_width
            line.truncate(max(0, width - right - 1), pad=True)
            start = line.cell_len
            # The edge's colour is blended with the footer's background, lit or not.
            edge = self._style("footer-key--palette-edge", background)
            item = self._item_background(len(spans), background)
            line.append("▏", edge + Style(bgcolor=item.rich_color))
            self._append_key(line, palette, len(spans), background)
            spans.append(Span(start, line.cell_len, palette))
        line.truncate(width, pad=True)
        line.stylize_before(base)
        self._spans = spans
        return line

    def _item_background(self, index: int, background: Color) -> Color:
        if index == self.hovered:
            return background + self.get_component_styles("footer-key--hover").background
        return background

    def _style(self, component: str, background: Color) -> Style:
        styles = self.get_component_styles(component)
        colour = background + styles.background
        style = Style(color=(colour + styles.color).rich_color, bgcolor=colour.rich_color)
        return style + styles.text_style

    def _append_key(self, line: Text, key: Key, index: int, background: Color) -> None:
        item = self._item_background(index, background)
        dim = Style(dim=True) if not key.enabled else Style()
        line.append(key.display, self._style("footer-key--key", item) + dim)
        if key.description:
            text = " " + key.description
            line.append(text, self._style("footer-key--description", item) + dim)

    # --- the mouse --------------------------------------------------------------------------
    def _span_at(self, x: int) -> int | None:
        return next((i for i, s in enumerate(self._spans) if s.start <= x < s.end), None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self._span_at(event.x)

    def on_leave(self) -> None:
        self.hovered = None

    def watch_hovered(self, index: int | None) -> None:
        key = self._spans[index].key if index is not None else None
        self.styles.pointer = "pointer" if key is not None else "default"
        self.tooltip = key.tooltip if key is not None and key.tooltip else None
        self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        index = self._span_at(event.x)
        if index is None:
            return
        key = self._spans[index].key
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
