"""The lägesrapport screen: choose project and period, write the text sections, preview the
report and export it (Word, Excel, Markdown, CSV, EDIH) with progress."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Checkbox,
    Input,
    Label,
    Markdown,
    ProgressBar,
    Select,
    TabbedContent,
    TabPane,
    TextArea,
)

from hubtui.config import export_folder
from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.errors import UserError
from hubtui.ui.i18n import N_, _, error_text
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.report_preview import ReportPreview

if TYPE_CHECKING:
    from hubtui.domain.periods import Period
    from hubtui.reports.export import ExportRequest
    from hubtui.reports.labels import ReportLang
    from hubtui.store import Store
    from hubtui.store.views import ProjectView

    Chosen = tuple[ProjectView, Period]  # the project and period on screen, resolved once

SECTION_TITLES = {
    "arbetssatt": N_("Way of working and organisation"),
    "aktiviteter": N_("Activities"),
    "resultat": N_("Results"),
    "jamstalldhet": N_("Gender balance"),
    "lika_mojligheter": N_("Equal opportunities and non-discrimination"),
    "hallbar_utveckling": N_("Sustainable development (environment)"),
    "malgrupp": N_("Reaching the target group (gender, age, background, geography)"),
    "avvikelser": N_("Deviations"),
    "oforutsedda": N_("Unforeseen effects"),
}
DEFAULT_FORMATS = "docx,xlsx,md"


def load_notes(store: Store, project: str, period: str) -> tuple[Chosen, dict[str, str]]:
    """The project and the period, each resolved once, and the notes of that period."""
    from hubtui.kpi import resolve
    from hubtui.services.notes import notes_for

    view, span = resolve(store, project, period)
    return (view, span), notes_for(store, view.id, span)


def preview_text(
    store: Store, request: ExportRequest, notes: dict[str, str], today: dt.date | None
) -> str:
    """The report as the export would write it (the submitted one, if the period was
    submitted), with the notes as typed (saved or not) while it is not submitted."""
    from hubtui.reports.export import report_of
    from hubtui.reports.formats.markdown import render_markdown

    report = report_of(store, request, today=today)
    if report.submitted is None:
        typed = {k: v.strip() for k, v in notes.items() if v.strip()}
        report = dataclasses.replace(report, notes=typed)
    return render_markdown(report, request.lang)


def existing_targets(store: Store, request: ExportRequest) -> list[Path]:
    from hubtui.reports.export import planned_paths

    _report, paths = planned_paths(store, request, Path.cwd())
    return [p for p in paths if p.exists()]


class ReportScreen(HubScreen):
    TITLE = N_("Report")
    HELP = N_(
        "The lägesrapport of a project and period (2026Q3, or all for the final report). "
        "Write the text sections under Notes (ctrl+s saves them), see the whole report under "
        "Preview (f5) and export it with ctrl+o to the formats and folder given at the top "
        "(docx, xlsx, md, csv, edih). A sole trader's orgnr is a personnummer: the participant "
        "list masks it, and leaves out contact persons' e-mails, unless With personal data is "
        "ticked (as --with-personal-data does on the command line)."
    )
    CSS_PATH = "report.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save_notes", N_("Save notes"), id="report.save_notes"),
        Binding("f5", "preview", N_("Preview"), id="report.preview"),
        Binding("ctrl+o", "export", N_("Export"), id="report.export"),
        Binding("escape", "cancel_export", N_("Cancel export"), id="report.cancel_export"),
        HubScreen.LEAVE_TEXT,
    ]
    cancel: threading.Event | None = None  # set while an export runs

    def __init__(self) -> None:
        super().__init__()
        self.loaded: tuple[str, str] | None = None  # (project code, period label) on screen
        self.chosen: Chosen | None = None  # the same, resolved
        self.saved_notes: dict[str, str] = {}
        self.written: list[Path] = []  # the files of the last export

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal(id="report-controls", classes="filters"):
            yield Select([], prompt=_("Project"), id="r-project", allow_blank=True, compact=True)
            yield Input(placeholder=_("Period, e.g. 2026Q3"), id="r-period", compact=True)
            yield Input(DEFAULT_FORMATS, placeholder=_("Formats"), id="r-formats", compact=True)
            yield Select(
                [("svenska", "sv"), ("English", "en")],
                value="sv",
                allow_blank=False,
                id="r-lang",
                compact=True,
            )
        with Horizontal(id="report-out-row", classes="filters"):
            yield Label(_("Folder"), id="r-out-label")
            yield Input(str(export_folder(self.hub.config)), id="r-out", compact=True)
            yield Checkbox(_("With personal data"), id="r-personal", compact=True)
            yield Checkbox(_("Overwrite"), id="r-force", compact=True)
        with TabbedContent(id="report-tabs"):
            with TabPane(_("Notes"), id="tab-notes"), VerticalScroll(id="report-notes"):
                for section in NOTE_SECTIONS:
                    yield Label(_(SECTION_TITLES[section]), classes="note-title")
                    yield TextArea(id=f"note-{section}", classes="note-text")
            with TabPane(_("Preview"), id="tab-preview"), VerticalScroll(id="report-preview-box"):
                yield ReportPreview("", id="report-preview")
        with Horizontal(id="report-status-row"):
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Label("", id="report-status")
        yield FittingFooter()

    # --- choosing project and period --------------------------------------------------------
    def reload(self) -> None:
        select = self.query_one("#r-project", Select)
        projects = [(f"{p.code} – {p.name}", p.code) for p in self.hub.projects]
        chosen = select.value
        select.set_options(projects)
        codes = {p[1] for p in projects}
        if chosen in codes:
            select.value = chosen
        elif self.project is not None:
            select.value = self.project.code
        period = self.query_one("#r-period", Input)
        if not period.value and self.project is not None:
            from hubtui.kpi import default_period

            period.value = default_period(self.project, self.hub.today).label
        self._load_notes()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "r-project":
            self._load_notes()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "r-period":
            self._load_notes()
        elif event.input.id in ("r-formats", "r-out"):
            self.action_export()

    def _choice(self) -> tuple[str, str] | None:
        value = self.query_one("#r-project", Select).value
        period = self.query_one("#r-period", Input).value.strip()
        if value is Select.NULL or not isinstance(value, str) or not period:
            return None
        return value, period

    def _typed_notes(self) -> dict[str, str]:
        return {s: self.query_one(f"#note-{s}", TextArea).text for s in NOTE_SECTIONS}

    def _dirty(self) -> bool:
        typed = {k: v.strip() for k, v in self._typed_notes().items()}
        return any(typed[s] != self.saved_notes.get(s, "").strip() for s in NOTE_SECTIONS)

    def _load_notes(self) -> None:
        choice = self._choice()
        if choice is None:
            return
        if self.loaded is not None and self._dirty():
            if self.loaded[0] == choice[0] and self.loaded[1] == choice[1].upper():
                return  # shown again (after a dialog, say): keep what is being typed
            self._save(self.loaded, then=self._load_notes)  # keep what was typed, then switch
            return
        self.query_one("#r-period", Input).set_class(False, "-invalid")
        self.run_db(
            lambda store: load_notes(store, *choice),
            self._show_notes,
            group="report-notes",
            exclusive=True,
            failed=self._bad_choice,
        )

    def _bad_choice(self, error: UserError) -> None:
        self.query_one("#r-period", Input).set_class(True, "-invalid")
        self._status(error_text(error))

    def _show_notes(self, result: tuple[Chosen, dict[str, str]]) -> None:
        self.chosen, notes = result
        code, label = self.chosen[0].code, self.chosen[1].label
        self.loaded = (code, label)
        self.saved_notes = dict(notes)
        for section in NOTE_SECTIONS:
            self.query_one(f"#note-{section}", TextArea).load_text(notes.get(section, ""))
        self._status(_("Notes of {code} {period}.").format(code=code, period=label))

    # --- notes --------------------------------------------------------------------------------
    def unsaved(self) -> bool:
        return self.loaded is not None and self._dirty()

    def save_unsaved(self, done: Any) -> None:
        if self.loaded is None:
            done(True)
            return
        self._save(self.loaded, then=lambda: done(True), failed=lambda: done(False))

    def action_save_notes(self) -> None:
        if self.loaded is not None:
            self._save(self.loaded)

    def _save(self, where: tuple[str, str], then: Any = None, failed: Any = None) -> None:
        from hubtui.services.notes import set_notes

        texts = self._typed_notes()

        def saved(_result: None) -> None:
            self.saved_notes = {k: v.strip() for k, v in texts.items() if v.strip()}
            self._status(
                _("Notes saved for {code} {period}.").format(code=where[0], period=where[1])
            )
            if then is not None:
                then()

        def not_saved(error: UserError) -> None:
            self._status(str(error))
            if failed is not None:
                failed()

        self.run_db(
            lambda store: set_notes(store, project=where[0], period=where[1], texts=texts),
            saved,
            group="report-save",
            failed=not_saved,
        )

    # --- preview and export -------------------------------------------------------------------
    def _request(self, *, force: bool = False) -> ExportRequest | None:
        from hubtui.reports.export import ExportRequest
        from hubtui.reports.formats import parse_formats

        if self.loaded is None or self.chosen is None:
            self._status(_("Choose a project and a period first."))
            return None
        try:
            formats = parse_formats(self.query_one("#r-formats", Input).value)
        except UserError as error:
            self.query_one("#r-formats", Input).set_class(True, "-invalid")
            self._status(error_text(error))
            return None
        self.query_one("#r-formats", Input).set_class(False, "-invalid")
        lang: ReportLang = "en" if self.query_one("#r-lang", Select).value == "en" else "sv"
        out = self.query_one("#r-out", Input).value.strip()
        return ExportRequest(
            project=self.chosen[0],
            period=self.chosen[1],
            formats=formats,
            out=Path(out).expanduser() if out else None,
            lang=lang,
            with_contacts=self.query_one("#r-personal", Checkbox).value,
            force=force or self.query_one("#r-force", Checkbox).value,
        )

    def action_preview(self) -> None:
        request = self._request()
        if request is None:
            return
        notes = self._typed_notes()
        self._status(_("Building the preview…"))
        self.run_db(
            lambda store: preview_text(store, request, notes, self.hub.today),
            self._show_preview,
            group="report-preview",
            exclusive=True,
            failed=lambda error: self._status(error_text(error)),
        )

    def _show_preview(self, text: str) -> None:
        self.query_one("#report-preview", Markdown).update(text)
        self.query_one("#report-tabs", TabbedContent).active = "tab-preview"
        self._status(_("Preview ready; f5 builds it again."))

    def action_export(self) -> None:
        request = self._request()
        if request is None:
            return
        if self._dirty():
            assert self.loaded is not None
            self._save(self.loaded, then=self.action_export)
            return
        if request.force:
            self._export(request)
            return
        self.run_db(
            lambda store: existing_targets(store, request),
            lambda existing: self._ask_overwrite(request, existing),
            group="report-export",
            failed=lambda error: self._status(error_text(error)),
        )

    def _ask_overwrite(self, request: ExportRequest, existing: list[Path]) -> None:
        from hubtui.ui.widgets.dialogs import ConfirmDialog

        if not existing:
            self._export(request)
            return
        names = "\n".join(str(p) for p in existing)
        question = _("These files exist already:\n{files}\n\nOverwrite them?").format(files=names)

        def answered(yes: bool | None) -> None:
            if yes:
                self._export(dataclasses.replace(request, force=True))
            else:
                self._status(_("Nothing exported."))

        self.app.push_screen(ConfirmDialog(question), answered)

    def _export(self, request: ExportRequest) -> None:
        from hubtui.reports.export import export_report

        bar = self.query_one("#export-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self._status(_("Exporting… (esc cancels)"))
        app = self.app
        self.cancel = cancel = threading.Event()
        self.refresh_bindings()

        def progress(done: int, total: int, path: Path) -> None:
            if cancel.is_set() and done < total:  # files are written only after the last one
                raise UserError("The export was cancelled; no file was written.")
            app.call_from_thread(bar.update, total=total, progress=done)

        self.run_db(
            lambda store: export_report(store, request, today=self.hub.today, progress=progress),
            self._exported,
            group="report-export",
            exclusive=True,
            failed=self._export_failed,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_export":
            return self.cancel is not None  # escape cancels only while an export runs
        if action == "leave_text":  # escape leaves a text field when nothing runs
            return self.cancel is None and isinstance(self.focused, (Input, TextArea))
        return super().check_action(action, parameters)

    def action_cancel_export(self) -> None:
        if self.cancel is not None:
            self.cancel.set()

    def _export_failed(self, error: UserError) -> None:
        self.cancel = None
        self.refresh_bindings()
        self.query_one("#export-progress", ProgressBar).display = False
        self._status(error_text(error))

    def _exported(self, paths: list[Path]) -> None:
        self.cancel = None
        self.refresh_bindings()
        self.query_one("#export-progress", ProgressBar).display = False
        self.written = paths
        listing = "\n".join(str(p) for p in paths)
        self._status(_("Wrote {n} files:\n{files}").format(n=len(paths), files=listing))
        self.notify(_("Report exported to {folder}.").format(folder=paths[0].parent))

    def _status(self, text: str) -> None:
        self.query_one("#report-status", Label).update(text)
