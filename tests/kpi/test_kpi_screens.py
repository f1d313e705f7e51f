"""The KPI screens under Pilot show exactly the engine's numbers for the hand-counted dataset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from kpi_dataset import build_dataset
from sqlalchemy import select
from template_support import copy_template
from textual.widgets import DataTable, Label, Select, Static, TabbedContent
from tui_support import settle

from hubtui.config import Config
from hubtui.kpi import compute_kpis, kpi_series, resolve
from hubtui.store import open_store, tables
from hubtui.ui.app import HubtuiApp
from hubtui.ui.widgets.kpi_card import KpiCard, card_period_line, status_line, value_line
from hubtui.ui.widgets.kpi_format import number_text

TODAY = dt.date(2026, 8, 1)  # in 2026Q3
SIZE = (150, 50)


@pytest.fixture(scope="module")
def kaim_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("screens") / "hub.db"
    store = open_store(path, advisor="Test Advisor")
    build_dataset(store)
    store.close()
    return path


@pytest.fixture
def kaim(kaim_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "hub.db"
    copy_template(kaim_template, path)
    return path


def make_app(path: Path) -> HubtuiApp:
    config = Config(language="en", default_project="KAIM")
    return HubtuiApp(str(path), config, advisor="Test Advisor", today=TODAY)


def text_of(widget: Static | Label) -> str:
    return str(widget.content)


async def test_dashboard_shows_the_engine_numbers_lagging_first(kaim: Path) -> None:
    store = open_store(kaim)
    # 2026Q3 is running on TODAY: what is expected is what is expected by today.
    expected = compute_kpis(store, *resolve(store, "KAIM", "2026Q3"), today=TODAY)
    store.close()
    app = make_app(kaim)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        cards = list(screen.query(KpiCard).results(KpiCard))
        assert len(cards) == len(expected.kpis) == 20
        by_id = {k.id: k for k in expected.kpis}
        for card in cards:
            k = by_id[card.result.id]
            assert card.result == k
            assert text_of(card.query_one(".kpi-value", Static)) == value_line(k)
            assert text_of(card.query_one(".kpi-status", Static)) == status_line(k, False)
            assert text_of(card.query_one(".kpi-period", Static)) == card_period_line(k)
            assert card.has_class(f"status-{k.status}")
        statuses = [c.result.status for c in cards]
        assert statuses == sorted(statuses, key=["behind", "on_track", "ahead"].index)
        assert screen.query_one("#dash-period", Select).value == "2026Q3"
        assert "2026Q3 (2026-07-01 – 2026-09-30)" in text_of(
            screen.query_one("#dash-summary", Label)
        )
        # the period switcher recounts: 2026Q2 has A, C and J as companies in the period
        await pilot.press("left_square_bracket")
        await settle(pilot)
        card = screen.query_one("#kpi-foretag", KpiCard)
        assert (card.result.period_value, card.result.cumulative_value) == (3, 4)
        # the project switcher: OTHER has one goal, A and I supported in 2026Q3
        screen.query_one("#dash-project", Select).value = "OTHER"
        await settle(pilot)
        assert app.project is not None and app.project.code == "OTHER"
        cards = list(screen.query(KpiCard).results(KpiCard))
        assert [(c.result.id, c.result.cumulative_value) for c in cards] == [("foretag", 2)]


async def test_kpi_screen_periods_breakdown_and_drill_down(kaim: Path) -> None:
    from hubtui.ui.screens.kpi_detail import KpiDetailScreen
    from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen

    store = open_store(kaim)
    series = kpi_series(store, resolve(store, "KAIM")[0], "smf-stod")
    store.close()
    app = make_app(kaim)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one("#kpi-smf-stod", KpiCard).focus()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KpiDetailScreen)
        periods = screen.query_one("#kpi-periods", DataTable)
        shown = [periods.get_row_at(i) for i in range(periods.row_count)]
        assert shown == [
            [
                p.period.label,
                number_text(p.period_value, "companies_supported"),
                number_text(p.new_value, "companies_supported"),
                number_text(p.cumulative_value, "companies_supported"),
                number_text(p.expected_by_now, "companies_supported"),
            ]
            for p in series
            if p.period.start <= TODAY  # periods not begun yet have no numbers to show
        ]
        assert [row[0] for row in shown] == ["2026Q1", "2026Q2", "2026Q3"]
        breakdown = screen.query_one("#kpi-breakdown", DataTable)
        rows = [breakdown.get_row_at(i) for i in range(breakdown.row_count)]
        assert ["Size class", "Micro enterprise", "2"] in rows
        drill = screen.query_one("#kpi-drill", DataTable)
        assert [drill.get_row_at(i)[0] for i in range(drill.row_count)] == [
            "Alfa AB",
            "Beta AB",
            "Delta AB",
            "Theta AB",
        ]
        await pilot.press("c")  # from the project start: the same four SMEs
        await settle(pilot)
        assert drill.row_count == 4 and screen.drill is not None and screen.drill.cumulative
        screen.query_one(TabbedContent).active = "tab-drill"
        await settle(pilot)
        drill.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
        assert app.screen.org_id == screen.drill.rows[0].id


async def test_gender_screen_shows_the_engine_numbers_and_edits_groups(kaim: Path) -> None:
    from hubtui.kpi.gender import gender_balance
    from hubtui.services.groups import list_group_compositions
    from hubtui.ui.screens.gender import GenderScreen, counts_cells
    from hubtui.ui.screens.group_composition_form import GroupCompositionForm

    store = open_store(kaim)
    expected = gender_balance(store, *resolve(store, "KAIM", "2026Q3"))
    store.close()
    app = make_app(kaim)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GenderScreen)
        periods = screen.query_one("#gender-periods", DataTable)
        assert [periods.get_row_at(i) for i in range(periods.row_count)] == [
            [p.period.label, *counts_cells(p.in_period), *counts_cells(p.cumulative)]
            for p in expected.periods
        ]
        # 2026Q3: women 9, men 11, other 1, 4 not stated → 42.9 %; from the start 11/25 = 44 %
        assert periods.get_row_at(2) == [
            "2026Q3",
            "9",
            "11",
            "1",
            "4",
            "42.9 %",
            "11",
            "13",
            "1",
            "4",
            "44 %",
        ]
        summary = text_of(screen.query_one("#gender-summary", Static))
        assert "44 % from the start" in summary and "4 not stated" in summary
        assert "Women-led companies: 3 of 5 supported (60 %)" in summary
        types = screen.query_one("#gender-types", DataTable)
        assert types.get_row_at(0) == ["Seminar", "8", "11", "1", "4", "40 %"]
        # add a steering group count through the form; a wrong count is marked at its field
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GroupCompositionForm)
        for field, value in (("group_name", "Styrgrupp"), ("date", "2026-09-01"), ("women", "x")):
            form.query_one(f"#{field}").value = value  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "women" in form._invalid
        form.query_one("#women").value = "3"  # type: ignore[attr-defined]
        form.query_one("#men").value = "4"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        groups = screen.query_one("#gender-groups", DataTable)
        assert groups.get_row_at(0) == ["Styrgrupp", "2026-09-01", "3", "4", "0", "42.9 %"]
    store = open_store(kaim)
    assert [(g.group_name, g.women, g.men) for g in list_group_compositions(store, "KAIM")] == [
        ("Styrgrupp", 3, 4)
    ]
    store.close()


async def test_goals_screen_edits_a_goal_through_the_goals_file_rules(
    kaim: Path, tmp_path: Path
) -> None:
    from hubtui.services.projects import export_goals
    from hubtui.ui.screens.goal_forms import GoalForm
    from hubtui.ui.screens.goals import GoalsScreen

    # a9 lies before the project, which the goals file's dates must cover: delete it first
    activity = tables.ACTIVITY
    store = open_store(kaim)
    with store.read() as conn:
        a9 = conn.execute(
            select(activity.c.id).where(activity.c.date == dt.date(2025, 12, 15))
        ).scalar_one()
    with store.write() as w:
        w.delete("activity", a9)
    store.close()
    app = make_app(kaim)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GoalsScreen)
        goals = screen.query_one("#goals-table", DataTable)
        assert goals.row_count == 20
        assert goals.get_row_at(0)[0] == "smf-stod"
        assert goals.get_row_at(0)[4] == '{ size = ["micro", "small", "medium"] }'
        goals.focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GoalForm)
        form.query_one("#where").value = '{ size = ["mikro"] }'  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "where" in form._invalid  # nothing saved
        form.query_one("#where").value = '{ size = ["micro"], counties = ["04"] }'  # type: ignore[attr-defined]
        form.query_one("#target").value = "12"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen, [
            str(e.content) for e in form.query(".field-error, #form-error")
        ]
        # export the goals file
        await pilot.press("x")
        await settle(pilot)
        out = tmp_path / "kaim.toml"
        app.screen.query_one("#path").value = str(out)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and out.exists()
    store = open_store(kaim)
    goals = export_goals(store, "KAIM")
    smf = goals.kpi("smf-stod")
    assert (smf.target, dict(smf.where)) == (12, {"size": ("micro",), "counties": ("04",)})
    assert [k.id for k in goals.kpis][:2] == ["smf-stod", "foretag"]  # position kept
    # micro companies in Sörmland: J only (B is small, G's activity is deleted)
    assert (
        compute_kpis(store, *resolve(store, "KAIM", "2026Q3")).kpi("smf-stod").cumulative_value == 1
    )
    assert 'id = "smf-stod"' in out.read_text(encoding="utf-8")
    store.close()


def test_the_home_screen_module_leaves_the_engine_and_the_chart_library_for_later() -> None:
    """The dashboard paints before the engine (SQLAlchemy) or textual-plotext is imported."""
    import subprocess
    import sys

    code = (
        "import sys, hubtui.ui.screens.dashboard\n"
        "print(sorted(m for m in ('textual_plotext', 'hubtui.kpi', 'sqlalchemy') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
