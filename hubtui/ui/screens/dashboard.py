"""The home screen: one card per KPI of the chosen project and period."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static


class DashboardScreen(Screen[None]):
    """The project's KPIs against its goals (filled in by the KPI engine)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="kpi-cards"):
            yield Static("", id="dashboard-status")
        yield Footer()
