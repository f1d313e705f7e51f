"""The current project's goals: view, add, edit and delete them; import and export the file."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from hubtui.ui.i18n import N_, _, language, shown_label
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.screens.goal_forms import GoalForm, GoalsExportForm, GoalsImportForm, where_text
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.kpi_format import number_text

if TYPE_CHECKING:
    from hubtui.domain.goals import GoalsFile, KpiSpec
    from hubtui.store import Store


def load_goals_file(store: Store, code: str) -> tuple[GoalsFile, set[str]]:
    """The project's goals, and the ids of those whose target is still the example its
    template shipped with (not yet replaced by the funding decision's)."""
    from hubtui.services.projects import export_goals
    from hubtui.templates import example_targets

    goals = export_goals(store, code)
    examples = example_targets(code)
    return goals, {k.id for k in goals.kpis if examples.get(k.id) == float(k.target)}


def metric_text(metric: str) -> str:
    from hubtui.domain.metrics import METRICS

    info = METRICS.get(metric)
    if info is None:
        return metric
    return info.sv if language() == "sv" else info.en


def target_text(kpi: KpiSpec, example: bool) -> str:
    number = number_text(kpi.target, kpi.metric)
    return f"{number} *" if example else number  # explained under the project line


def particulars_text(goals: GoalsFile) -> str:
    """The report's particulars in one line ("–" for what is not filled in yet)."""
    p = goals.project
    beneficiary = p.owner or "–"
    if p.beneficiary_orgnr:
        beneficiary = f"{beneficiary} ({p.beneficiary_orgnr})"
    text = _(
        "Beneficiary {beneficiary} · case number {case} · {programme} · contact {contact}"
    ).format(
        beneficiary=beneficiary,
        case=p.case_number or "–",
        programme=p.programme or _("programme –"),
        contact=p.contact or "–",
    )
    return f"{text} · EDIH" if p.edih else text


class GoalsScreen(HubScreen):
    CSS_PATH = "kpi.tcss"
    TITLE = N_("Goals")
    HELP = N_(
        "The goals of the current project, as in its goals file. a adds a goal, Enter edits "
        "the highlighted one, d deletes it; p edits the project's particulars (beneficiary, "
        "orgnr, case number, programme, contact person, EDIH) that the report opens with; "
        "i imports a goals file, x exports this project's. "
        "The project's counties only describe its target region: a goal counts one county "
        "only when its own filters name it."
    )
    BINDINGS = [
        Binding("a", "add", N_("Add goal"), id="goals.add"),
        Binding("d", "delete", N_("Delete goal"), id="goals.delete"),
        Binding("p", "particulars", N_("Particulars"), id="goals.particulars"),
        Binding("i", "import_file", N_("Import file"), id="goals.import"),
        Binding("x", "export_file", N_("Export file"), id="goals.export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.goals: GoalsFile | None = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Static(
            _("The goals are loading…"), id="goals-project", classes="kpi-summary", markup=False
        )
        yield Static("", id="goals-particulars", classes="kpi-summary", markup=False)
        yield DataTable(id="goals-table", cursor_type="row")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.query_one("#goals-table", DataTable).add_columns(
            _("Id"), _("Label"), _("Target"), _("Counts"), _("Filters")
        )

    def reload(self) -> None:
        project = self.project
        if project is None:
            self.query_one("#goals-project", Static).update(
                _("No project yet: press i to import a goals file.")
                if self.hub.projects_read
                else _("Loading…")
            )
            return
        self.run_db(lambda store: load_goals_file(store, project.code), self.show, group="goals")

    def show(self, loaded: tuple[GoalsFile, set[str]]) -> None:
        goals, examples = loaded
        self.goals = goals
        p = goals.project
        counties = ", ".join(p.counties) or _("anywhere")
        self.query_one("#goals-project", Static).update(
            _(
                "{code} {name}: {start} – {end}, reporting every {months} months; "
                "target region {counties}"
            ).format(
                code=p.code,
                name=p.name,
                start=p.start,
                end=p.end,
                months=p.period_months,
                counties=counties,
            )
        )
        particulars = particulars_text(goals)
        if examples:
            particulars += "\n" + _(
                "Targets marked * are examples that came with the template: replace them with "
                "the targets of the funding decision."
            )
        self.query_one("#goals-particulars", Static).update(particulars)
        table = self.query_one("#goals-table", DataTable)
        table.clear()
        for k in goals.kpis:
            table.add_row(
                k.id,
                shown_label(k.label, k.label_en),
                target_text(k, k.id in examples),
                metric_text(k.metric),
                where_text(k),
                key=k.id,
            )

    # --- actions ----------------------------------------------------------------------------
    def _highlighted(self) -> KpiSpec | None:
        table = self.query_one("#goals-table", DataTable)
        if self.goals is None or table.cursor_row >= len(self.goals.kpis):
            return None
        return self.goals.kpis[table.cursor_row]

    def _edit(self, kpi: KpiSpec | None) -> None:
        if self.goals is None or self.project is None:
            return
        self.app.push_screen(GoalForm(self.project, self.goals, kpi), self._saved)

    def _saved(self, result: object) -> None:
        if result is not None:
            self.reload()

    def action_add(self) -> None:
        self._edit(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        kpi = self._highlighted()
        if kpi is not None:
            self._edit(kpi)

    def action_delete(self) -> None:
        from hubtui.ui.widgets.dialogs import ConfirmDialog

        kpi, goals = self._highlighted(), self.goals
        if kpi is None or goals is None:
            return
        remaining = replace(goals, kpis=tuple(k for k in goals.kpis if k.id != kpi.id))

        def answered(yes: bool | None) -> None:
            if yes:
                from hubtui.services.projects import import_goals

                self.run_db(lambda store: import_goals(store, remaining), lambda _p: self.reload())

        question = _("Delete the goal {label} ({id})?").format(
            label=shown_label(kpi.label, kpi.label_en), id=kpi.id
        )
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_particulars(self) -> None:
        from hubtui.ui.screens.goal_particulars import ParticularsForm

        if self.goals is not None and self.project is not None:
            self.app.push_screen(ParticularsForm(self.project, self.goals), self._saved)

    def action_import_file(self) -> None:
        def imported(code: object) -> None:
            if isinstance(code, str):
                self.notify(_("Goals of {code} imported.").format(code=code))
                self.hub.reload_projects(code)

        self.app.push_screen(GoalsImportForm(self.project), imported)

    def action_export_file(self) -> None:
        if self.project is not None:
            self.app.push_screen(GoalsExportForm(self.project))
