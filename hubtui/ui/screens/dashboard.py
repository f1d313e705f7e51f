"""The home screen (placeholder until the KPI dashboard replaces it): project name and status."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Label

from hubtui.ui.i18n import N_, _
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.screen_bar import ScreenBar


class DashboardScreen(HubScreen):
    HELP = N_("The dashboard shows the current project's goals and how far each has come.")

    def compose(self) -> ComposeResult:
        yield Header()
        yield ScreenBar()
        yield Label("", id="project-name")
        yield Label(_("The numbers are loading…"), id="numbers-loading")
        yield Footer(compact=True)

    def reload(self) -> None:
        project = self.project
        self.query_one("#project-name", Label).update(
            f"{project.code}: {project.name}" if project else _("No project yet")
        )
