"""One KPI on the dashboard: value against target, a bar with the expected mark, status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, Static

from hubtui.ui.i18n import N_, _, translated_bindings
from hubtui.ui.widgets.kpi_bar import KpiBar
from hubtui.ui.widgets.kpi_format import number_text, status_text

if TYPE_CHECKING:
    from hubtui.kpi import KpiResult


def value_line(k: KpiResult) -> str:
    return _("{value} of {target}").format(
        value=number_text(k.cumulative_value, k.metric), target=number_text(k.target, k.metric)
    )


def currency_note(k: KpiResult) -> str:
    """Says so when amounts in SEK and EUR were added together; else empty."""
    if k.details.get("currencies", 0) <= 1:
        return ""
    return _("mixed currencies: {currencies}").format(
        currencies=", ".join(k.breakdown.get("currency", {}))
    )


def detail_line(k: KpiResult) -> str:
    """Status, this period and expected on one line, for screens as wide as the terminal."""
    line = _("{status} · this period {period} · expected by now {expected}").format(
        status=status_text(k.status),
        period=number_text(k.period_value, k.metric),
        expected=number_text(k.expected_by_now, k.metric),
    )
    note = currency_note(k)
    return f"{line} · {note}" if note else line


def status_line(k: KpiResult) -> str:
    """The card's status line: narrow enough for a card at 100 columns."""
    return _("{status} · expected by now {expected}").format(
        status=status_text(k.status), expected=number_text(k.expected_by_now, k.metric)
    )


def period_line(k: KpiResult) -> str:
    line = _("this period {period}").format(period=number_text(k.period_value, k.metric))
    note = currency_note(k)
    return f"{line} · {note}" if note else line


class KpiCard(Vertical, can_focus=True):
    """A focusable card; Enter or a click asks to open the KPI's own screen."""

    BINDINGS = [Binding("enter", "open", N_("Open"), id="kpi_card.open")]

    class Selected(Message):
        def __init__(self, result: KpiResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self, result: KpiResult) -> None:
        super().__init__(classes=f"kpi-card status-{result.status}", id=f"kpi-{result.id}")
        self._bindings = translated_bindings(self._bindings)
        self.result = result

    def compose(self) -> ComposeResult:
        k = self.result
        progress = float(k.cumulative_value or 0) / float(k.target) if k.target else 1.0
        expected = k.expected_by_now / float(k.target) if k.target else None
        # One line each, cut with an ellipsis in a narrow card; the tooltip has it all.
        self.tooltip = "\n".join((k.label, value_line(k), detail_line(k)))
        yield Label(k.label, classes="kpi-label", markup=False)
        yield Static(value_line(k), classes="kpi-value", markup=False)
        yield KpiBar(progress, expected)
        yield Static(status_line(k), classes="kpi-status", markup=False)
        yield Static(period_line(k), classes="kpi-period", markup=False)

    def action_open(self) -> None:
        self.post_message(self.Selected(self.result))

    def on_click(self) -> None:
        self.focus()
        self.action_open()
