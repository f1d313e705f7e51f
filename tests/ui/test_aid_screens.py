"""State aid in the TUI: the organisation's Aid tab, the declaration form, the aid field of
the activity forms (refusal and warning at the field before saving) and the hub-wide screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.widgets import DataTable, Input, ProgressBar, Select, Static, TabbedContent
from tui_support import open_screen, read_db, settle

from hubtui.domain.goals import parse_goals
from hubtui.services.activities import log_activity
from hubtui.services.activity_input import ActivityInput
from hubtui.services.activity_queries import list_activities
from hubtui.services.aid import group_ledger
from hubtui.services.organisations import resolve_organisation
from hubtui.services.projects import import_goals
from hubtui.store import open_store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.aid_declaration_form import AidDeclarationForm
from hubtui.ui.screens.aid_overview import AidOverviewScreen
from hubtui.ui.screens.history import HistoryDialog
from hubtui.ui.screens.log_activity import LogActivityForm
from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen
from hubtui.ui.screens.organisations import OrganisationsScreen
from hubtui.ui.widgets.form import Field

MEKANISKA, ELEKTRONIK = "556036-0793", "556703-7485"
AID_PROJECT = """[project]
code = "STOD"
name = "Stödprojekt"
start = 2024-01-01
end = 2027-12-31

[aid]
scheme = "de_minimis"
grantor = "Region Västmanland"
hourly_rate_sek = 1000
eur_rate = 10
"""


def _seed(path: Path) -> None:
    """EUR 100,000 to Mälardalens Mekaniska and EUR 295,000 to Eskilstuna Elektronik."""
    store = open_store(path, advisor="Test Advisor")
    try:
        import_goals(store, parse_goals(AID_PROJECT, "stod.toml"))
        for orgnr, amount in ((MEKANISKA, 1_000_000), (ELEKTRONIK, 2_950_000)):
            org = resolve_organisation(store, orgnr)
            log_activity(
                store,
                ActivityInput(
                    project="STOD",
                    type="advisory",
                    date=dt.date(2026, 1, 10),
                    organisation_ids=(org.id,),
                    aid_sek=amount,
                ),
            )
    finally:
        store.close()


async def test_aid_tab_and_declaration_form(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    _seed(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot, "2", OrganisationsScreen)
        await pilot.press(*MEKANISKA.replace("-", ""), "enter", "enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, OrganisationDetailScreen)
        detail.query_one(TabbedContent).active = "tab-aid"
        await settle(pilot)
        summary = str(detail.query_one("#aid-summary", Static).content)
        assert "EUR 100 000,00 (SEK 1 000 000,00) of EUR 300 000,00" in summary
        assert "Remaining under the ceiling: EUR 200 000,00" in summary
        assert detail.query_one("#aid-used", ProgressBar).progress == 100_000
        assert detail.query_one("#aid-ledger", DataTable).row_count == 1
        assert detail.query_one("#aid-declarations", DataTable).row_count == 0
        await pilot.press("d")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, AidDeclarationForm)
        form.query_one("#grantor", Input).value = "Almi"
        form.query_one("#granted", Input).value = "2025-09-01"
        form.query_one("#amount", Input).value = "-5"
        form.query_one("#currency", Select).value = "EUR"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and form._invalid == ["amount"]  # nothing saved
        form.query_one("#amount", Input).value = "12 000"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        assert detail.query_one("#aid-declarations", DataTable).row_count == 1
        assert detail.query_one("#aid-ledger", DataTable).row_count == 2
        assert detail.query_one("#aid-used", ProgressBar).progress == 112_000
        declarations = detail.query_one("#aid-declarations", DataTable)
        declarations.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HistoryDialog)
        await pilot.press("escape")
    org = read_db(hub_db, lambda s: resolve_organisation(s, MEKANISKA))
    view = read_db(hub_db, lambda s: group_ledger(s, org.id, dt.date(2026, 5, 4)))
    assert view.ledger.total_eur == 112_000


async def test_aid_field_refuses_at_the_ceiling_before_saving(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    _seed(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LogActivityForm)
        await pilot.press(*"eskil", "enter")
        form.query_one("#project", Select).value = "STOD"
        form.query_one("#aid_sek", Input).value = "60000"  # EUR 6,000; EUR 5,000 remain
        await settle(pilot)
        field = form.query_one("#field-aid_sek", Field)
        error = str(field.query_one(".field-error", Static).content)
        assert "over the ceiling of EUR 300 000.00 (EUR 5 000.00 remains)" in error
        hint = str(field.query_one(".field-hint", Static).content)
        assert "Eskilstuna Elektronik AB has given no declaration" in hint
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and form._invalid == ["aid_sek"]
        # within the headroom the error goes away; under GBER art. 28 it saves
        form.query_one("#aid_sek", Input).value = "50000"
        await settle(pilot)
        assert str(field.query_one(".field-error", Static).content) == ""
        form.query_one("#aid_sek", Input).value = "60000"
        form.query_one("#aid_scheme", Select).value = "gber_28"
        await settle(pilot)
        assert str(field.query_one(".field-error", Static).content) == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, LogActivityForm)
    saved = read_db(hub_db, lambda s: list_activities(s, project_id="STOD"))
    assert [(a.aid_sek, a.aid_scheme) for a in saved if a.date == dt.date(2026, 5, 4)] == [
        (60000.0, "gber_28")
    ]


async def test_companies_nearest_the_ceiling(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    _seed(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_aid_overview()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AidOverviewScreen)
        table = screen.query_one("#aid-overview", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [r[0] for r in rows] == ["Eskilstuna Elektronik AB", "Mälardalens Mekaniska AB"]
        assert rows[0][3:5] == ["295 000,00", "5 000,00"]
        assert rows[0][5].endswith("98%") and rows[1][5].endswith("33%")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OrganisationDetailScreen)
