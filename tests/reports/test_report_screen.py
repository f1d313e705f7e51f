"""The report screen under Pilot: choose the period, edit and save notes, preview, export,
and the question before overwriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from report_fixture import Fixture
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, Markdown, Select, TextArea
from tui_support import settle

from hubtui.config import Config
from hubtui.services.notes import get_note
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.report import ReportScreen
from hubtui.ui.widgets.dialogs import ConfirmDialog
from hubtui.ui.widgets.report_preview import PreviewTable


def make_app(db_path: Path) -> HubtuiApp:
    config = Config(language="en", default_project="RAPP")
    return HubtuiApp(str(db_path), config, advisor="Test Advisor", today=dt.date(2026, 10, 2))


async def open_report(pilot: Pilot[Any], period: str | None = None) -> ReportScreen:
    """The report screen, with `period` chosen (as typed, then enter) if given."""
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    if period is not None:
        field = screen.query_one("#r-period", Input)
        field.value = period
        field.focus()
        await pilot.press("enter")
        await settle(pilot)
    return screen


async def test_report_screen_notes_preview_export(
    rapp: Fixture, db_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    app = make_app(db_path)
    async with app.run_test(size=(150, 50)) as pilot:
        screen = await open_report(pilot)
        assert screen.query_one("#r-project", Select).value == "RAPP"
        period = screen.query_one("#r-period", Input)
        assert period.value == "2026Q4"  # the period holding "today"

        # Choose 2026Q3: its saved notes appear.
        period.value = "2026Q3"
        period.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.loaded == ("RAPP", "2026Q3")
        notes = screen.query_one("#note-arbetssatt", TextArea)
        assert notes.text == "Vi arbetar med besök och seminarier."

        # Type a result note and save it with ctrl+s.
        area = screen.query_one("#note-resultat", TextArea)
        area.focus()
        await pilot.press(*"Bra start")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = get_note(rapp.store, project="RAPP", period="2026Q3", section="resultat")
        assert saved.text == "Bra start"

        # Preview (f5) shows the engine's indicators and the typed text.
        await pilot.press("f5")
        await settle(pilot)
        source = screen.query_one("#report-preview", Markdown).source
        assert "| Företag som fått stöd | 40 | 3 | 3 |" in source
        assert "Bra start" in source

        # Export to a folder.
        screen.query_one("#r-formats", Input).value = "docx,md"
        screen.query_one("#r-out", Input).value = str(out)
        await pilot.press("ctrl+o")
        await settle(pilot)
        written = sorted(p.name for p in out.iterdir())
        assert written == ["lagesrapport-RAPP-2026Q3.docx", "lagesrapport-RAPP-2026Q3.md"]
        status = str(screen.query_one("#report-status", Label).content)
        assert str(out / "lagesrapport-RAPP-2026Q3.md") in status

        # Exporting again asks first; "no" leaves the files alone, "yes" overwrites.
        md = out / "lagesrapport-RAPP-2026Q3.md"
        md.write_text("edited by hand", encoding="utf-8")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert md.read_text(encoding="utf-8") == "edited by hand"
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert md.read_text(encoding="utf-8").startswith("# Lägesrapport")


async def test_bad_period_is_marked_at_the_field(rapp: Fixture, db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(150, 50)) as pilot:
        screen = await open_report(pilot, "2031Q1")
        assert screen.query_one("#r-period", Input).has_class("-invalid")
        assert "outside project" in str(screen.query_one("#report-status", Label).content)


async def test_personal_data_box_shows_contact_e_mails(rapp: Fixture, db_path: Path) -> None:
    """Unticked, the participant list leaves out e-mails (and masks personnummer); ticked, it
    holds them, in the preview as in the export (--with-personal-data on the command line)."""
    app = make_app(db_path)
    async with app.run_test(size=(150, 50)) as pilot:
        screen = await open_report(pilot, "2026Q3")
        box = screen.query_one("#r-personal", Checkbox)
        assert str(box.label) == "With personal data"
        await pilot.press("f5")
        await settle(pilot)
        assert "anna@alfa.se" not in screen.query_one("#report-preview", Markdown).source
        assert screen.query(PreviewTable)  # tables whose cells are not cut
        box.value = True
        await pilot.press("f5")
        await settle(pilot)
        assert "anna@alfa.se" in screen.query_one("#report-preview", Markdown).source
