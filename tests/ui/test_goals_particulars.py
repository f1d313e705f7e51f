"""The Goals screen: the project's particulars edited (checked at the field, saved in the goals
file the command line imports and exports, and opening the report), and a template's example
targets marked until they are replaced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Checkbox, DataTable, Input, Static
from tui_support import TODAY, open_screen, read_db, settle

from hubtui.domain.goals import GoalsFile
from hubtui.domain.goals_toml import dump_goals
from hubtui.kpi import resolve
from hubtui.reports.formats.markdown import render_markdown
from hubtui.reports.model import build_report
from hubtui.services.projects import export_goals
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.goal_forms import GoalForm
from hubtui.ui.screens.goal_particulars import ParticularsForm
from hubtui.ui.screens.goals import GoalsScreen

TYPED = {
    "beneficiary": "Mälardalens universitet",
    "beneficiary_orgnr": "2021005224",  # kept as 202100-5224
    "case_number": "20204567",
    "programme": "Regionalfonden Östra Mellansverige 2021–2027",
    "contact": "Anna Ansvarig, anna@example.se, 021-10 10 10",
}


def _goals(path: Path) -> GoalsFile:
    return read_db(path, lambda store: export_goals(store, "KAIM"))


async def test_particulars_are_checked_saved_in_the_goals_file_and_reported(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    before = _goals(hub_db)
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "6", GoalsScreen)
        await pilot.press("p")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ParticularsForm)
        for key, text in TYPED.items():
            form.query_one(f"#{key}", Input).value = text
        form.query_one("#beneficiary_orgnr", Input).value = "556036-0794"  # bad check digit
        await settle(pilot)
        error = form.query_one("#field-beneficiary_orgnr .field-error", Static)
        assert "check digit" in str(error.content)  # said at once, at the field
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert form._invalid == ["beneficiary_orgnr"]
        assert _goals(hub_db) == before  # nothing written

        form.query_one("#beneficiary_orgnr", Input).value = TYPED["beneficiary_orgnr"]
        form.query_one("#edih", Checkbox).value = True
        await settle(pilot)
        assert not str(error.content)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        shown = str(screen.query_one("#goals-particulars", Static).content)
        assert "Mälardalens universitet (202100-5224)" in shown
        assert "20204567" in shown and shown.splitlines()[0].endswith("EDIH")

        # Opened again, the form reads back what was saved.
        await pilot.press("p")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, ParticularsForm)
        assert again.query_one("#beneficiary_orgnr", Input).value == "202100-5224"
        assert again.query_one("#contact", Input).value == TYPED["contact"]
        assert again.query_one("#edih", Checkbox).value is True

    after = _goals(hub_db)
    assert after.kpis == before.kpis  # the goals themselves are left as they were
    p = after.project
    assert (p.owner, p.beneficiary_orgnr, p.case_number, p.programme, p.contact, p.edih) == (
        TYPED["beneficiary"],
        "202100-5224",
        TYPED["case_number"],
        TYPED["programme"],
        TYPED["contact"],
        True,
    )
    # The goals file the command line exports carries them under their file keys.
    text = dump_goals(after)
    assert 'beneficiary = "Mälardalens universitet"' in text
    assert 'beneficiary_orgnr = "202100-5224"' in text
    assert "edih = true" in text
    # And the report opens with them.
    report = read_db(
        hub_db, lambda store: build_report(store, *resolve(store, "KAIM", "2026Q2"), today=TODAY)
    )
    markdown = render_markdown(report)
    for value in ("20204567", "202100-5224", TYPED["programme"], TYPED["contact"]):
        assert value in markdown


async def test_template_targets_are_marked_as_examples_until_edited(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)  # KAIM, loaded from its template
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "6", GoalsScreen)
        table = screen.query_one("#goals-table", DataTable)
        assert [table.get_row_at(0)[0], table.get_row_at(0)[2]] == ["smf_stod", "60 *"]
        hint = str(screen.query_one("#goals-particulars", Static).content)
        assert "marked * are examples" in hint
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GoalForm)
        form.query_one("#target", Input).value = "65"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert table.get_row_at(0)[2] == "65"  # the decision's target: no longer an example
        assert table.get_row_at(1)[2] == "25 *"


async def test_a_goals_english_label_is_kept_when_edited_and_shown_in_english(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    from hubtui.i18n import set_language
    from hubtui.kpi import compute_kpis

    app = make_app(hub_db)  # KAIM from its template, which gives English labels
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "6", GoalsScreen)
        table = screen.query_one("#goals-table", DataTable)
        assert table.get_row_at(0)[1] == "SMEs supported"  # the app runs in English here
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, GoalForm)
        assert form.query_one("#label_en", Input).value == "SMEs supported"
        form.query_one("#target", Input).value = "65"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
    [first, *_rest] = _goals(hub_db).kpis
    assert (first.label, first.label_en, first.target) == (
        "SMF som fått stöd",
        "SMEs supported",
        65,
    )
    result = read_db(hub_db, lambda store: compute_kpis(store, *resolve(store, "KAIM", "all")))
    assert result.kpis[0].shown_label == "SMEs supported"
    set_language("sv")
    try:
        assert result.kpis[0].shown_label == "SMF som fått stöd"
    finally:
        set_language("en")
