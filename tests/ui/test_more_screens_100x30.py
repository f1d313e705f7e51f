"""The KPI screens, forms, dialogs and detail screens not in test_screens_100x30.py, at 100×30.

In Swedish, the same way: the seeded demo opened by a relative name from a folder of its own, a
fixed home folder and date, no toasts, no blinking cursors. The history dialog shows when each
change was recorded, so the copy's changes are given one fixed time and the clock zone is UTC.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tui_support import CARD, TODAY, snapshot_steps

from hubtui.config import Config
from hubtui.store import Store, open_store
from hubtui.ui.app import HubtuiApp

SIZE = (100, 30)
RECORDED_AT = "2026-05-04 09:30:00.000000"


@pytest.fixture
def app_on(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[bool], HubtuiApp]]:
    """An app on a copy of the demo (or, given False, on a new empty database)."""
    shutil.copyfile(demo_template, tmp_path / "demo.db")
    with sqlite3.connect(tmp_path / "demo.db") as db:
        db.execute("UPDATE change SET recorded_at = ?", (RECORDED_AT,))
    db.close()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", "/home/radgivare")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    # plotext drops duplicate x ticks through a set, so the order the tick labels are laid out
    # in (and whether the last one is drawn) follows the string hash seed of the process.
    monkeypatch.setattr("plotext._utility.no_duplicates", lambda data: list(dict.fromkeys(data)))
    stores: list[Store] = []

    def make(demo: bool = True) -> HubtuiApp:
        store = open_store("demo.db" if demo else "ny.db", advisor="Karin Lund")
        stores.append(store)
        config = Config(language="sv", advisor="Karin Lund", export_folder="rapporter")
        app = HubtuiApp(store, config, advisor="Karin Lund", today=TODAY)
        monkeypatch.setattr(app, "notify", lambda *args, **kwargs: None)  # no toasts
        return app

    yield make
    for store in stores:
        store.close()
    monkeypatch.undo()
    time.tzset()


ORGANISATION = ("2", *"bergslagens", "enter", "enter")
SCREENS: dict[str, tuple[str, ...]] = {
    "organisation_form": (*ORGANISATION, "e"),
    "contact_form": (*ORGANISATION, "c"),
    "dma_form": (*ORGANISATION, "m"),
    "aid_declaration_form": (*ORGANISATION, "d"),
    "organisation_history": (*ORGANISATION, "h"),
    "aid_overview": ("2", "escape", "a"),
    "goal_form": ("6", "enter"),
    "goal_particulars": ("6", "p"),
    "group_composition_form": ("4", "a"),
}
# One KPI screen per kind of goal on the demo's first cards: DMA improvement, a sum (euros),
# organisations supported, events, a share (women) and participants.
for card in range(6):
    SCREENS[f"kpi_detail_{card}"] = (f"{CARD}{card}", "enter")


@pytest.mark.parametrize("name", list(SCREENS))
def test_more_screens_at_100x30(
    name: str, app_on: Callable[[bool], HubtuiApp], snap_compare: Any
) -> None:
    assert snap_compare(app_on(True), terminal_size=SIZE, run_before=snapshot_steps(*SCREENS[name]))


def test_first_run_at_100x30(app_on: Callable[[bool], HubtuiApp], snap_compare: Any) -> None:
    assert snap_compare(app_on(False), terminal_size=SIZE, run_before=snapshot_steps())
