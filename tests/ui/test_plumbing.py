"""UI plumbing: workers report through typed messages, and the current project and period are
reactive attributes of the app that the screens on show follow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from tui_support import open_screen, settle

from hubtui.ui.app import HubtuiApp
from hubtui.ui.messages import ProjectsRead, StoreOpened
from hubtui.ui.screens.dashboard import DashboardScreen
from hubtui.ui.screens.gender import GenderScreen


async def test_workers_answer_with_typed_messages(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    seen: list[Message] = []
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        opened = [m for m in seen if isinstance(m, StoreOpened)]
        assert len(opened) == 1 and [p.code for p in opened[0].projects] == ["KAIM"]
        assert any(isinstance(m, DashboardScreen.Loaded) for m in seen)  # its numbers
        app.reload_projects("KAIM")
        await settle(pilot)
        read = [m for m in seen if isinstance(m, ProjectsRead)]
        assert read and read[-1].current == "KAIM"


async def test_the_period_is_the_apps_and_the_screens_follow_it(
    demo_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard = await open_screen(pilot, "1", DashboardScreen)
        assert app.period is None and dashboard.data is not None
        today = dashboard.data.kpis.period.label
        await pilot.press("left_square_bracket")  # the previous period
        await settle(pilot)
        assert app.period is not None and app.period != today
        assert dashboard.data.kpis.period.label == app.period
        gender = await open_screen(pilot, "4", GenderScreen)
        assert gender.balance is not None and gender.balance.period.label == app.period
        # another project: its own period of today, and the screen on show reloads
        other = next(p for p in app.projects if p.code != app.project.code)  # type: ignore[union-attr]
        app.set_project(other)
        await settle(pilot)
        assert app.period is None
        assert gender.balance.project.code == other.code
        assert app.sub_title.startswith(other.code)
