"""The shared rules give one answer everywhere: the dashboard, `hubtui kpi`, the report model
and the organisation screen's tabs agree on a dataset with the edge cases (a seminar logged
without attendance, a needs analysis with and one without attendance, a deleted event, an
event outside the period)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result
from textual.widgets import DataTable, Input
from tui_support import open_screen, settle

from hubtui.kpi import compute_kpis, resolve
from hubtui.reports.model import build_report
from hubtui.services.activities import delete_activity, log_activity
from hubtui.services.activity_input import ActivityInput
from hubtui.services.organisations import search_organisations
from hubtui.store import Store, open_store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.dashboard import DashboardScreen
from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen
from hubtui.ui.screens.organisations import OrganisationsScreen
from hubtui.ui.widgets.kpi_card import KpiCard

PERIOD = "2026Q2"  # the period that contains the app's today (2026-05-04)
MEKANISKA, ELEKTRONIK = "556036-0793", "556703-7485"
# name: (title, type, date, organisations, attendance)
ACTIVITIES: dict[str, tuple[str, str, str, tuple[str, ...], dict[str, int]]] = {
    "bare seminar": ("Seminarium utan närvaro", "seminar", "2026-04-10", (MEKANISKA,), {}),
    "network meeting": (
        "Nätverksträff",
        "network_meeting",
        "2026-05-02",
        (MEKANISKA, ELEKTRONIK),
        {"women": 3, "men": 2, "unstated": 1},
    ),
    "group analysis": (
        "Behovsanalys i grupp",
        "needs_analysis",
        "2026-04-20",
        (ELEKTRONIK,),
        {"women": 2, "men": 2},
    ),
    "one-to-one analysis": ("Behovsanalys", "needs_analysis", "2026-04-21", (MEKANISKA,), {}),
    "deleted seminar": ("Struket seminarium", "seminar", "2026-04-15", (MEKANISKA,), {"women": 9}),
    "earlier seminar": ("Tidigare seminarium", "seminar", "2026-03-10", (MEKANISKA,), {"men": 4}),
}
EVENTS_IN_PERIOD = {"bare seminar", "network meeting", "group analysis"}
EXPECTED = {  # KAIM goal: (period value, cumulative value)
    "evenemang": (2, 3),  # seminars, network meetings, study visits, with attendance or not
    "behovsanalyser": (2, 2),
    "deltagare": (10, 14),
    "andel_kvinnor": (round(5 / 9, 3), round(5 / 13, 3)),  # "not stated" is not divided by
}


def fill(store: Store) -> dict[str, str]:
    """Log the activities (and delete one); returns name by activity id."""
    orgs = {o.orgnr: o.id for o in search_organisations(store, limit=None)}
    names = {}
    for name, (title, kind, date, orgnrs, counts) in ACTIVITIES.items():
        view = log_activity(
            store,
            ActivityInput(
                project="KAIM",
                type=kind,
                date=date,
                title=title,
                organisation_ids=[orgs[n] for n in orgnrs],
                **counts,
            ),
        )
        names[view.id] = name
        if name == "deleted seminar":
            delete_activity(store, view.id)
    return names


async def test_dashboard_cli_report_and_organisation_tabs_agree(
    hub_db: Path, make_app: Callable[..., HubtuiApp], run_cli: Callable[..., Result]
) -> None:
    store = open_store(hub_db)
    try:
        names = fill(store)
        kpis = compute_kpis(store, *resolve(store, "KAIM", PERIOD)).kpis
        engine = {k.id: (k.period_value, k.cumulative_value) for k in kpis}
        report = build_report(store, *resolve(store, "KAIM", PERIOD))
    finally:
        store.close()
    assert {k: engine[k] for k in EXPECTED} == EXPECTED

    cli = run_cli("kpi", "-p", "KAIM", "--period", PERIOD, "--format", "json", db=hub_db)
    assert cli.exit_code == 0, cli.stderr
    from_cli = {k["id"]: (k["period_value"], k["cumulative_value"]) for k in json.loads(
        cli.stdout)["kpis"]}  # fmt: skip
    assert from_cli == engine

    # The report lists exactly the period's group events, the seminar without attendance
    # among them, and counts attendance as the engine does.
    titles = {name: spec[0] for name, spec in ACTIVITIES.items()}
    assert {e.title for e in report.events} == {titles[n] for n in EVENTS_IN_PERIOD}
    assert report.gender.attendance.total == EXPECTED["deltagare"][0]
    assert {c.key: c.activities for c in report.by_type} == {
        "seminar": 1,
        "network_meeting": 1,
        "needs_analysis": 2,
    }

    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert dashboard.data is not None and dashboard.data.kpis.period.label == PERIOD
        cards = {c.result.id: c.result for c in dashboard.query(KpiCard)}
        assert {k: (r.period_value, r.cumulative_value) for k, r in cards.items()} == engine

        tabs = {}
        screen = await open_screen(pilot, "2", OrganisationsScreen)
        for orgnr in (MEKANISKA, ELEKTRONIK):
            search = screen.query_one("#search", Input)
            search.value = ""
            search.focus()
            await pilot.press(*orgnr.replace("-", ""), "enter", "enter")
            await settle(pilot)
            detail = app.screen
            assert isinstance(detail, OrganisationDetailScreen)
            tabs[orgnr] = {
                tab: {names[key] for key in _row_keys(detail.query_one(f"#org-{tab}", DataTable))}
                for tab in ("events", "timeline")
            }
            await pilot.press("escape")
            await settle(pilot)

    # Every live group event an organisation took part in, in any period; never the deleted
    # one, never a needs analysis without attendance.
    assert tabs[MEKANISKA]["events"] == {"bare seminar", "network meeting", "earlier seminar"}
    assert tabs[MEKANISKA]["timeline"] == tabs[MEKANISKA]["events"] | {"one-to-one analysis"}
    assert tabs[ELEKTRONIK]["events"] == {"network meeting", "group analysis"}
    # Within the period, the organisations' Events tabs hold exactly the report's events.
    in_period = (tabs[MEKANISKA]["events"] | tabs[ELEKTRONIK]["events"]) - {"earlier seminar"}
    assert in_period == EVENTS_IN_PERIOD


def _row_keys(table: DataTable[Any]) -> list[str]:
    return [str(key.value) for key in table.rows]
