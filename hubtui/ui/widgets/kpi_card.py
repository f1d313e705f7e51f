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
    """The value from the project's start against the target (a company counts once)."""
    return _("{value} of {target} since the start").format(
        value=number_text(k.cumulative_value, k.metric), target=number_text(k.target, k.metric)
    )


def currency_note(k: KpiResult) -> str:
    """Says so when amounts in SEK and EUR were added together; else empty."""
    if k.details.get("currencies", 0) <= 1:
        return ""
    return _("mixed currencies: {currencies}").format(
        currencies=", ".join(k.breakdown.get("currency", {}))
    )


def expected_text(k: KpiResult, finished: bool) -> str:
    """What is expected: by today in a running period, by its end in a finished one."""
    text = (
        _("expected by the period's end {expected}")
        if finished
        else _("expected by today {expected}")
    )
    return text.format(expected=number_text(k.expected_by_now, k.metric))


def detail_line(k: KpiResult, finished: bool) -> str:
    """Status, this period (and its new organisations) and expected on one line, for screens
    as wide as the terminal."""
    parts = [status_text(k.status), period_line(k)]
    if k.new_value is not None:
        parts.append(new_text(k))
    parts.append(expected_text(k, finished))
    return " · ".join(parts)


def new_text(k: KpiResult) -> str:
    """The organisations supported for the first time in the project in this period."""
    return _("new this period {new}").format(new=number_text(k.new_value, k.metric))


def card_period_line(k: KpiResult) -> str:
    """The card's period line: narrow; for organisations, how many of the period's are new."""
    if k.new_value is None:
        return period_line(k)
    return _("this period {period}, of which new {new}").format(
        period=number_text(k.period_value, k.metric), new=number_text(k.new_value, k.metric)
    )


def status_line(k: KpiResult, finished: bool) -> str:
    """The card's status line: narrow enough for a card at 100 columns."""
    return f"{status_text(k.status)} · {expected_text(k, finished)}"


def period_line(k: KpiResult) -> str:
    """The period's own figure; for organisations, the ones supported in the period."""
    from hubtui.kpi.model import DMA_METRICS, ORGANISATION_METRICS

    period = number_text(k.period_value, k.metric)
    if k.metric in ORGANISATION_METRICS | DMA_METRICS:
        line = _("organisations this period {period}").format(period=period)
    else:
        line = _("this period {period}").format(period=period)
    note = currency_note(k)
    return f"{line} · {note}" if note else line


class KpiCard(Vertical, can_focus=True):
    """A focusable card; Enter or a click asks to open the KPI's own screen."""

    BINDINGS = [Binding("enter", "open", N_("Open"), id="kpi_card.open")]

    class Selected(Message):
        def __init__(self, result: KpiResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self, result: KpiResult, *, finished: bool = False) -> None:
        super().__init__(classes=f"kpi-card status-{result.status}", id=f"kpi-{result.id}")
        self._bindings = translated_bindings(self._bindings)
        self.result = result
        self.finished = finished  # the period is over: expected by its end, not by today

    def compose(self) -> ComposeResult:
        k = self.result
        progress = float(k.cumulative_value or 0) / float(k.target) if k.target else 1.0
        expected = k.expected_by_now / float(k.target) if k.target else None
        # One line each, cut with an ellipsis in a narrow card; the tooltip has it all.
        self.tooltip = "\n".join((k.shown_label, value_line(k), detail_line(k, self.finished)))
        yield Label(k.shown_label, classes="kpi-label", markup=False)
        yield Static(value_line(k), classes="kpi-value", markup=False)
        yield KpiBar(progress, expected)
        yield Static(status_line(k, self.finished), classes="kpi-status", markup=False)
        yield Static(card_period_line(k), classes="kpi-period", markup=False)

    def action_open(self) -> None:
        self.post_message(self.Selected(self.result))

    def on_click(self) -> None:
        self.focus()
        self.action_open()
