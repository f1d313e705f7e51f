"""WCAG AA in the light theme: every text colour the app's CSS sets is 4.5:1 against the
backgrounds it is drawn on, computed from the theme's variables as the app resolves them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.color import Color

from hubtui.ui.app import HubtuiApp
from hubtui.ui.themes import LIGHT

UI = Path(__file__).parents[2] / "hubtui" / "ui"
TEXT = 4.5
BACKGROUNDS = ("background", "surface", "panel")


def luminance(c: Color) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: Color, b: Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def on(background: Color, value: str) -> Color:
    """A CSS colour value as drawn on `background` ("auto 60%" and alpha included)."""
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return background + background.get_contrast_text(alpha)
    return background + Color.parse(value)


def css_text_colours() -> set[str]:
    """The theme variables the app's own CSS uses as text colour."""
    sources = [p.read_text(encoding="utf-8") for p in UI.rglob("*.tcss")]
    sources += [p.read_text(encoding="utf-8") for p in UI.rglob("*.py")]
    found = set()
    for text in sources:
        found |= set(re.findall(r"(?<![-\w])color: *\$([a-z0-9-]+)", text))
    return found


def light_variables() -> dict[str, str]:
    theme = HubtuiApp("unused.db").available_themes[LIGHT]
    return {**theme.to_color_system().generate(), **theme.variables}  # as App.get_css_variables


def test_the_css_uses_the_text_colours_checked_here() -> None:
    assert {"text", "text-muted", "text-error", "text-success", "text-warning"} <= (
        css_text_colours()
    )


@pytest.mark.parametrize("colour", sorted(css_text_colours() | {"footer-key-foreground"}))
def test_text_in_the_light_theme_meets_wcag_aa(colour: str) -> None:
    variables = light_variables()
    for name in BACKGROUNDS:
        background = Color.parse(variables[name])
        ratio = contrast(on(background, variables[colour]), background)
        assert ratio >= TEXT, f"${colour} on ${name}: {ratio:.2f}:1"


def test_the_contrast_formula() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21)
    assert contrast(Color(118, 118, 118), Color(255, 255, 255)) == pytest.approx(4.54, abs=0.01)
