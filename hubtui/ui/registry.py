"""The app's main screens. Add one line for a new screen; its module is imported when first shown.

Each screen is a `textual.screen.Screen` subclass constructed without arguments (derive from
`hubtui.ui.screens.base.HubScreen` to get the store, the current project and worker helpers).
`key` switches to it (a digit, shown in the footer); `label_msgid` is its English name, to be
translated by `_()`.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hubtui.ui.i18n import N_

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    id: str
    label_msgid: str
    key: str
    target: str  # "module:ClassName"

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def is_available(self) -> bool:
        """True if the screen's module exists (without importing it)."""
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:
            return False

    def load(self) -> type[Screen[None]]:
        module_name, _, class_name = self.target.partition(":")
        screen_class: type[Screen[None]] = getattr(importlib.import_module(module_name), class_name)
        return screen_class


SCREENS: list[ScreenEntry] = [
    ScreenEntry("dashboard", N_("Dashboard"), "1", "hubtui.ui.screens.dashboard:DashboardScreen"),
    ScreenEntry(
        "organisations",
        N_("Organisations"),
        "2",
        "hubtui.ui.screens.organisations:OrganisationsScreen",
    ),
    ScreenEntry(
        "activities", N_("Activities"), "3", "hubtui.ui.screens.activities:ActivitiesScreen"
    ),
    ScreenEntry("gender", N_("Gender balance"), "4", "hubtui.ui.screens.gender:GenderScreen"),
    ScreenEntry("report", N_("Report"), "5", "hubtui.ui.screens.report:ReportScreen"),
    ScreenEntry("goals", N_("Goals"), "6", "hubtui.ui.screens.goals:GoalsScreen"),
    ScreenEntry("sync", N_("Sync"), "7", "hubtui.ui.screens.sync:SyncScreen"),
    ScreenEntry("import", N_("Import"), "8", "hubtui.ui.screens.import_file:ImportScreen"),
    ScreenEntry("backups", N_("Backups"), "9", "hubtui.ui.screens.backups:BackupsScreen"),
]

HOME = "dashboard"


def available_screens() -> list[ScreenEntry]:
    return [entry for entry in SCREENS if entry.is_available()]


def screen_entry(screen_id: str) -> ScreenEntry:
    for entry in SCREENS:
        if entry.id == screen_id:
            return entry
    raise KeyError(screen_id)
