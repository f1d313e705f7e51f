"""Nothing typed is lost: escape and ctrl+q ask "Spara / Släng / Fortsätt redigera" first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Button, Input, TextArea
from tui_support import open_screen, read_db, settle, type_chunk

from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.services.activity_queries import list_activities
from hubtui.services.notes import get_note
from hubtui.store import Store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.dashboard import DashboardScreen
from hubtui.ui.screens.group_event import GroupEventForm
from hubtui.ui.screens.report import ReportScreen
from hubtui.ui.widgets.unsaved import UnsavedDialog


def kaim_notes(store: Store) -> dict[str, str]:
    notes = {s: get_note(store, project="KAIM", period="2026Q2", section=s) for s in NOTE_SECTIONS}
    return {s: note.text for s, note in notes.items() if note.text}


async def test_escape_on_an_untouched_form_just_closes_it(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_chunk(app, "g")
        assert isinstance(app.screen, GroupEventForm)
        await type_chunk(app, "\x1b")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_escape_with_typed_text_asks_and_keeps_or_discards_it(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db, language="sv")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_chunk(app, "g\tFrukostmöte")
        form = app.screen
        assert isinstance(form, GroupEventForm)
        await pilot.press("escape")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, UnsavedDialog)
        labels = [str(b.label) for b in dialog.query(Button).results(Button)]
        assert labels == ["Spara", "Släng", "Fortsätt redigera"]
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#title", Input).value == "Frukostmöte"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#discard")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert read_db(hub_db, list_activities) == []


async def test_escape_then_save_saves_the_form(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_chunk(app, "g\tFrukostmöte\t\t\t7\x1b")
        assert isinstance(app.screen, UnsavedDialog)
        await pilot.click("#save")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    [event] = read_db(hub_db, list_activities)
    assert (event.title, event.women) == ("Frukostmöte", 7)


async def test_ctrl_q_with_an_unsaved_report_note_saves_it_before_quitting(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        report = await open_screen(pilot, "5", ReportScreen)
        note = report.query_one("#note-arbetssatt", TextArea)
        note.focus()
        await type_chunk(app, "Vi träffar 12 företag i veckan.")
        assert note.text == "Vi träffar 12 företag i veckan."  # digits are text, not screens
        assert app.screen is report
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.return_code is not None, "the app quit once the note was saved"
    assert read_db(hub_db, kaim_notes)["arbetssatt"] == "Vi träffar 12 företag i veckan."


async def test_ctrl_q_discard_quits_without_saving_and_keep_editing_stays(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        report = await open_screen(pilot, "5", ReportScreen)
        report.query_one("#note-resultat", TextArea).focus()
        await type_chunk(app, "Utkast")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is report and app.return_code is None
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#discard")
        await settle(pilot)
        assert app.return_code is not None
    assert "resultat" not in read_db(hub_db, kaim_notes)


async def test_escape_leaves_a_text_area_and_the_number_keys_work_again(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    app = make_app(hub_db)
    async with app.run_test(size=(100, 30)) as pilot:
        report = await open_screen(pilot, "5", ReportScreen)
        note = report.query_one("#note-aktiviteter", TextArea)
        note.focus()
        await type_chunk(app, "1")
        assert app.screen is report and note.text == "1"
        assert "escape" in {b.binding.key for b in app.active_bindings.values()}
        await type_chunk(app, "\x1b")  # (escape and 1 in one chunk would be alt+1)
        await type_chunk(app, "1")
        await settle(pilot)
        assert note.text == "1"
        assert app.screen is not report  # quitting would ask; switching screens keeps the note
