"""Bring a spreadsheet in: pick the file, check the column mapping, dry run, then import.

Reading, planning and importing all run in thread workers (hubtui.importers, no Textual
there); the screen only shows what they return.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Button,
    DataTable,
    Input,
    Label,
    ProgressBar,
    Select,
)

from hubtui.errors import UserError
from hubtui.importers.doubts import mapping_doubts
from hubtui.importers.fields import FIELDS, KINDS
from hubtui.ui.i18n import N_, _, error_text
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader

if TYPE_CHECKING:
    from hubtui.importers import ColumnMapping, ImportPlan, ImportResult, Prepared, Totals
    from hubtui.store import Store

KIND_LABELS = {
    "organisations": N_("Organisations"),
    "contacts": N_("Contacts"),
    "activities": N_("Activities (one per row)"),
    "events": N_("Events (attendance rows)"),
}
FIELD_LABELS = {
    "name": N_("Organisation name"),
    "orgnr": N_("Organisation number"),
    "kind": N_("Organisation kind"),
    "county": N_("County"),
    "municipality": N_("Municipality"),
    "employees": N_("Employees"),
    "size_override": N_("Size class"),
    "sni_codes": N_("SNI codes"),
    "founded": N_("Founded"),
    "leader_gender": N_("Leader's gender"),
    "website": N_("Website"),
    "country": N_("Country"),
    "notes": N_("Notes"),
    "contact": N_("Contact person"),
    "role": N_("Role"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "project": N_("Project"),
    "date": N_("Date"),
    "type": N_("Activity type"),
    "title": N_("Title"),
    "hours": N_("Hours"),
    "women": N_("Women"),
    "men": N_("Men"),
    "other": N_("Other"),
    "unstated": N_("Not stated"),
    "participants": N_("Participants"),
    "note": N_("Note"),
    "advisor": N_("Advisor"),
    "category": N_("Service category"),
    "support": N_("Support form"),
    "outcome": N_("Outcome"),
}
ACTION_LABELS = {
    "create": N_("create"),
    "update": N_("update"),
    "reject": N_("rejected"),
}
SHOWN_ROWS = 2_000  # the table shows this many results; the totals count them all


def totals_text(totals: Totals, *, done: bool = False) -> str:
    """The counts of a plan ("3 to create, …") or of an import ("3 created, …")."""
    return totals.text(done=done)


class ImportScreen(HubScreen):
    TITLE = N_("Import")
    HELP = N_(
        "Import organisations, contacts, activities or event attendance from an .xlsx or .csv "
        "file. Type the file's path and press enter: the columns are matched to fields from "
        "their headers; change any with its list. f5 shows what would be created, updated and "
        "rejected, row by row, without writing anything; f9 imports every row that passes in "
        "one go and writes the rejected rows, with the reason, beside the file."
    )
    CSS_PATH = "import_file.tcss"
    BINDINGS = [
        Binding("f5", "dry_run", N_("Dry run"), id="import.dry_run"),
        Binding("f9", "run_import", N_("Import"), id="import.run"),
        Binding("escape", "cancel_import", N_("Cancel import"), id="import.cancel"),
        HubScreen.LEAVE_TEXT,  # its check_action lets escape leave a text field when idle
    ]

    def __init__(self) -> None:
        super().__init__()
        self.cancel: threading.Event | None = None  # set while an import runs
        self.prepared: Prepared | None = None
        self.mapping: ColumnMapping | None = None
        self.planned: ImportPlan | None = None  # the dry run of the mapping on screen

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with Horizontal(id="import-controls", classes="filters"):
            yield Input(placeholder=_("Path of an .xlsx or .csv file"), id="i-path", compact=True)
            kinds = [(_("Guess from the headers"), "auto")] + [
                (_(KIND_LABELS[k]), k) for k in KINDS
            ]
            yield Select(kinds, value="auto", allow_blank=False, id="i-kind", compact=True)
            yield Select([], prompt=_("Project"), id="i-project", compact=True)
        yield Label(_("Type a file's path and press enter."), id="i-source")
        yield VerticalScroll(id="i-mapping")
        with Horizontal(id="import-buttons"):
            yield Button(_("Dry run (f5)"), id="i-dry-run", disabled=True)
            yield Button(_("Import (f9)"), id="i-import", variant="primary", disabled=True)
            yield ProgressBar(id="i-progress", total=1, show_eta=False)  # still until work starts
        yield DataTable(id="i-results", cursor_type="row", zebra_stripes=True)
        yield Label("", id="i-status")
        yield FittingFooter()

    def on_mount(self) -> None:
        table = self.query_one("#i-results", DataTable)
        table.add_columns(_("Rows"), _("Action"), _("What"))

    def reload(self) -> None:
        select = self.query_one("#i-project", Select)
        chosen = select.value
        select.set_options([(f"{p.code} – {p.name}", p.code) for p in self.hub.projects])
        codes = {p.code for p in self.hub.projects}
        if chosen in codes:
            select.value = chosen
        elif self.project is not None:
            select.value = self.project.code

    # --- reading the file ---------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "i-path":
            self.read_file()

    def read_file(self) -> None:
        from hubtui.importers import parse_kind, prepare

        text = self.query_one("#i-path", Input).value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        kind_value = self.query_one("#i-kind", Select).value
        kind = parse_kind(str(kind_value)) if kind_value not in ("auto", Select.NULL) else None
        self._status(_("Reading {name}…").format(name=path.name))
        self.run_db(
            lambda _store: prepare(path, kind=kind),
            self._show_file,
            group="import-read",
            exclusive=True,
            failed=self._file_failed,
        )

    def _file_failed(self, error: UserError) -> None:
        self.query_one("#i-path", Input).set_class(True, "-invalid")
        self._status(error_text(error))

    async def _show_file(self, prepared: Prepared) -> None:
        self.query_one("#i-path", Input).set_class(False, "-invalid")
        self.prepared = prepared
        table = prepared.table
        where = _("sheet {sheet}").format(sheet=table.sheet) if table.sheet else table.encoding
        self.query_one("#i-source", Label).update(
            _("{name} ({where}): header on row {row}, {count} rows below it.").format(
                name=table.path.name, where=where, row=table.header_row, count=len(table.rows)
            )
        )
        self.query_one("#i-kind", Select).value = prepared.mapping.kind
        await self._set_mapping(prepared.mapping)
        doubts = " ".join(mapping_doubts(prepared.mapping, "app"))
        self._status(
            " ".join([doubts, _("Check the columns, then press f5 for a dry run.")]).strip()
        )

    async def _set_mapping(self, mapping: ColumnMapping) -> None:
        self.mapping = mapping
        self._stale()
        box = self.query_one("#i-mapping", VerticalScroll)
        await box.remove_children()  # the old lists must be gone before new ones take their ids
        options = [(f"{_(FIELD_LABELS[f])} ({f})", f) for f in FIELDS[mapping.kind]]
        rows = []
        for index in range(len(mapping.headers)):
            current = mapping.columns.get(index)
            select: Select[str] = Select(
                options,
                value=current if current else Select.NULL,
                prompt=_("(ignored)"),
                id=f"map-{index}",
                compact=True,
            )
            rows.append(
                Horizontal(Label(mapping.column_label(index), classes="i-header"), select,
                           classes="i-map-row")
            )  # fmt: skip
        await box.mount_all(rows)
        self.query_one("#i-dry-run", Button).disabled = False

    async def on_select_changed(self, event: Select.Changed) -> None:
        select_id = event.select.id or ""
        if select_id == "i-kind" and self.prepared is not None and event.value != "auto":
            if self.mapping is not None and event.value != self.mapping.kind:
                from hubtui.importers import build_mapping, parse_kind

                kind = parse_kind(str(event.value))
                mapping = build_mapping(self.prepared.table.headers, kind)
                for index, field in self.mapping.columns.items():
                    if field in FIELDS[kind]:  # keep what the user chose where it still fits
                        mapping = mapping.with_field(index, field)
                await self._set_mapping(mapping)
        elif select_id.startswith("map-") and self.mapping is not None:
            index = int(select_id.removeprefix("map-"))
            field = "" if event.value is Select.NULL else str(event.value)
            if self.mapping.columns.get(index, "") == field:
                return
            self.mapping = self.mapping.with_field(index, field)
            for other, select in self._selects():
                if other != index and select.value != self.mapping.columns.get(other, Select.NULL):
                    select.value = self.mapping.columns.get(other, Select.NULL)
            self._stale()
        elif select_id == "i-project":
            self._stale()

    def _selects(self) -> list[tuple[int, Select[str]]]:
        return [
            (int((s.id or "map-0").removeprefix("map-")), s)
            for s in self.query("#i-mapping Select").results(Select)
        ]

    def _stale(self) -> None:
        """The mapping or project changed: the last dry run no longer holds."""
        self.planned = None
        self.query_one("#i-import", Button).disabled = True

    # --- dry run and import -------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "i-dry-run":
            self.action_dry_run()
        elif event.button.id == "i-import":
            self.action_run_import()

    def _project(self) -> str | None:
        value = self.query_one("#i-project", Select).value
        return value if isinstance(value, str) else None

    def action_dry_run(self) -> None:
        from hubtui.importers import dry_run

        if self.prepared is None or self.mapping is None:
            self._status(_("Type a file's path and press enter first."))
            return
        prepared, mapping, project = self.prepared, self.mapping, self._project()
        self._status(_("Checking every row…"))

        def plan(store: Store) -> ImportPlan:
            return dry_run(store, prepared, project=project, mapping=mapping)

        self.run_db(plan, self._show_plan, group="import-plan", exclusive=True,
                    failed=lambda error: self._status(error_text(error)))  # fmt: skip

    def _show_plan(self, plan: ImportPlan) -> None:
        if plan.mapping != self.mapping:
            return  # the mapping changed while the dry run ran
        self.planned = plan
        self._show_results(plan)
        self.query_one("#i-import", Button).disabled = plan.writes == 0
        self._status(_("Dry run: {totals}. Nothing was written; f9 imports.").format(
            totals=totals_text(plan.totals)))  # fmt: skip

    def _show_results(self, plan: ImportPlan) -> None:
        table = self.query_one("#i-results", DataTable)
        table.clear()
        shown = [r for r in plan.results if r.action in ACTION_LABELS][:SHOWN_ROWS]
        for result in shown:
            rows = ", ".join(str(n) for n in result.rows)
            table.add_row(rows, _(ACTION_LABELS[result.action]), result.message)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_import":
            return self.cancel is not None  # escape cancels only while an import runs
        if action == "leave_text":
            return self.cancel is None and isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    def action_cancel_import(self) -> None:
        """Stop the import: its one transaction is rolled back, so nothing is written."""
        if self.cancel is not None:
            self.cancel.set()
            self._status(_("Cancelling…"))

    def _import_ended(self) -> None:
        self.cancel = None
        self.query_one("#i-progress", ProgressBar).update(total=1, progress=0)
        self.refresh_bindings()

    def action_run_import(self) -> None:
        from hubtui.importers import run_import

        if self.planned is None or self.prepared is None:
            self._status(_("Run a dry run (f5) first, then import."))
            return
        prepared, planned = self.prepared, self.planned
        mapping, project = planned.mapping, planned.project
        bar = self.query_one("#i-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#i-import", Button).disabled = True
        self._status(_("Importing… (esc cancels)"))
        app = self.app
        self.cancel = cancel = threading.Event()
        self.refresh_bindings()

        def progress(done: int, total: int) -> None:
            if cancel.is_set():  # inside the import's transaction: raising rolls it back
                raise UserError("The import was cancelled; nothing was written.")
            app.call_from_thread(bar.update, total=max(total, 1), progress=done)

        def work(store: Store) -> ImportResult:
            # The dry run's plan is used unless the database changed since.
            return run_import(
                store, prepared, project=project, mapping=mapping, progress=progress,
                planned=planned,
            )  # fmt: skip

        def failed(error: UserError) -> None:
            self._import_ended()
            self._status(error_text(error))

        self.run_db(work, self._imported, group="import-run", exclusive=True, failed=failed)

    def _imported(self, result: ImportResult) -> None:
        self._import_ended()
        self.planned = None
        self._show_results(result.plan)
        text = _("Imported: {totals}.").format(totals=totals_text(result.plan.totals, done=True))
        if result.rejected_file is not None:
            text += " " + _("Rejected rows, with the reason, are in {path}.").format(
                path=result.rejected_file
            )
        self._status(text)
        self.notify(text)
        self.hub.reload_projects()

    def _status(self, text: Any) -> None:
        self.query_one("#i-status", Label).update(str(text))
