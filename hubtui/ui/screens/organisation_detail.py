"""One organisation: profile, contacts, its activities across projects, group events, DMA."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from hubtui.domain.activity_types import OrgKind
from hubtui.domain.regions import county, municipality
from hubtui.domain.size import SizeClass
from hubtui.ui import actions
from hubtui.ui.i18n import N_, _
from hubtui.ui.labels import type_label, value_label
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.screens.contact_form import LEGAL_BASES
from hubtui.ui.widgets.aid_panel import AidPanel
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.tables import flex_width

if TYPE_CHECKING:
    from hubtui.services.aid import GroupLedger
    from hubtui.store import Store
    from hubtui.store.views import ActivityView, ContactView, DmaView, OrganisationView

LEGAL_BASIS_LABELS = dict(LEGAL_BASES)
DIMENSIONS = (
    N_("Strategy"),
    N_("Readiness"),
    N_("Human-centric"),
    N_("Data"),
    N_("Automation/AI"),
    N_("Green"),
)


@dataclass(frozen=True)
class OrganisationFile:
    organisation: OrganisationView
    contacts: list[ContactView]
    timeline: list[ActivityView]
    dma: list[DmaView]
    aid: GroupLedger


def load_file(store: Store, org_id: str, today: dt.date | None = None) -> OrganisationFile:
    from hubtui.services.activity_queries import organisation_timeline
    from hubtui.services.aid import group_ledger
    from hubtui.services.contacts import list_contacts
    from hubtui.services.dma import dma_history
    from hubtui.services.organisations import get_organisation

    return OrganisationFile(
        get_organisation(store, org_id),
        list_contacts(store, org_id),
        organisation_timeline(store, org_id),
        dma_history(store, org_id),
        group_ledger(store, org_id, today),
    )


def region_name(code: str | None, lookup: Callable[[str], Any]) -> str:
    return f"{code} {lookup(code).name}" if code else ""


def profile_text(org: OrganisationView) -> str:
    lines = [
        (_("Orgnr"), org.orgnr or _("none")),
        (_("Kind"), value_label(OrgKind(org.kind))),
        (_("County"), region_name(org.county, county)),
        (_("Municipality"), region_name(org.municipality, municipality)),
        (_("Employees"), "" if org.employees is None else str(org.employees)),
        (_("Size class"), value_label(SizeClass(org.size_class)) if org.size_class else ""),
        (_("SNI codes"), ", ".join(org.sni_codes)),
        (_("Manufacturing"), _("yes") if org.manufacturing else _("no")),
        (_("Founded"), org.founded.isoformat() if org.founded else ""),
        (_("Website"), org.website),
        (_("Notes"), org.notes),
    ]
    if org.personal_number:
        lines.append((_("Personal data"), _("the orgnr is a sole trader's personnummer")))
    return "\n".join(f"{name:<14} {value}" for name, value in lines if value)


def dma_change_row(first: DmaView, last: DmaView) -> tuple[str, ...]:
    """The change per dimension from the first assessment to the latest."""
    changes = [f"{b - a:+d}" for a, b in zip(first.scores, last.scores, strict=True)]
    return (f"{first.stage}→{last.stage}", "", *changes, f"{last.overall - first.overall:+.1f}")


class OrganisationDetailScreen(HubScreen):
    HELP = N_(
        "Everything known about one organisation. Tabs: profile and contacts, the timeline "
        "of all its activities across projects, the group events it attended, and its DMA "
        "results with the change from the first assessment to the latest, and its state aid: the "
        "de minimis ledger of its group, the headroom under the ceiling and the declarations "
        "of earlier aid (d adds a declaration). [ and ] switch tabs; Enter on a contact or "
        "activity edits it, on a declaration shows its history. k logs a new activity filled "
        "in from the latest one, dated today."
    )
    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="organisation.back"),
        Binding("e", "edit", N_("Edit"), id="organisation.edit"),
        Binding("c", "add_contact", N_("Add contact"), id="organisation.add_contact"),
        Binding("l", "log", N_("Log activity"), id="organisation.log"),
        Binding("k", "copy_last", N_("Copy last"), id="organisation.copy_last"),
        Binding("m", "dma", N_("DMA result"), id="organisation.dma"),
        Binding("h", "history", N_("History"), id="organisation.history"),
        Binding("d", "declare", N_("Add aid declaration"), show=False, id="organisation.declare"),
        Binding(
            "left_square_bracket",
            "tab(-1)",
            N_("Previous tab"),
            show=False,  # listed by F1; the footer has no room
            id="organisation.prev_tab",
        ),
        Binding(
            "right_square_bracket",
            "tab(1)",
            N_("Next tab"),
            show=False,
            id="organisation.next_tab",
        ),
    ]
    TABS = ("tab-profile", "tab-timeline", "tab-events", "tab-dma", "tab-aid")

    def __init__(self, org_id: str) -> None:
        super().__init__()
        self.org_id = org_id
        self.file: OrganisationFile | None = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        with TabbedContent(id="org-tabs"):
            with TabPane(_("Profile"), id="tab-profile"):
                yield Static("", id="org-profile", markup=False)
                yield DataTable(id="org-contacts", cursor_type="row")
            with TabPane(_("Timeline"), id="tab-timeline"):
                yield DataTable(id="org-timeline", cursor_type="row")
            with TabPane(_("Group events"), id="tab-events"):
                yield DataTable(id="org-events", cursor_type="row")
            with TabPane(_("DMA"), id="tab-dma"):
                yield DataTable(id="org-dma", cursor_type="row")
            with TabPane(_("State aid"), id="tab-aid"):
                yield AidPanel(id="org-aid")
        yield FittingFooter()

    def on_mount(self) -> None:
        contacts = self.query_one("#org-contacts", DataTable)
        widths = [20, 18, 14, 20]
        contacts.add_column(_("Contact"), width=widths[0])
        contacts.add_column(_("Role"), width=widths[1])
        contacts.add_column(_("E-mail"), width=flex_width(self.app.size.width, widths))
        contacts.add_column(_("Phone"), width=widths[2])
        contacts.add_column(_("Legal basis"), width=widths[3])
        for table_id, extra in (("#org-timeline", []), ("#org-events", [12])):
            table = self.query_one(table_id, DataTable)
            widths = [10, 18, 8, 18, *extra]
            table.add_column(_("Date"), width=widths[0])
            table.add_column(_("Type"), width=widths[1])
            table.add_column(_("Project"), width=widths[2])
            table.add_column(_("Title"), width=flex_width(self.app.size.width, widths))
            table.add_column(_("Advisor"), width=widths[3])
            if extra:
                table.add_column(_("Participants"), width=extra[0])
        dma = self.query_one("#org-dma", DataTable)
        dma.add_columns(_("Stage"), _("Date"), *(_(d) for d in DIMENSIONS), _("Overall"))

    def reload(self) -> None:
        today = self.hub.today
        self.run_db(
            lambda store: load_file(store, self.org_id, today), self._show, group="org-file"
        )

    def _show(self, file: OrganisationFile) -> None:
        self.file = file
        org = file.organisation
        self.title = org.name
        self.query_one("#org-profile", Static).update(f"{org.name}\n\n{profile_text(org)}")
        contacts = self.query_one("#org-contacts", DataTable)
        contacts.clear()
        for c in file.contacts:
            basis = _(LEGAL_BASIS_LABELS.get(c.legal_basis, c.legal_basis))
            contacts.add_row(c.name, c.role, c.email, c.phone, basis, key=c.id)
        timeline = self.query_one("#org-timeline", DataTable)
        events = self.query_one("#org-events", DataTable)
        timeline.clear()
        events.clear()
        for a in file.timeline:
            cells = (a.date.isoformat(), type_label(a.type), a.project_code, a.title, a.advisor)
            timeline.add_row(*cells, key=a.id)
            if a.is_group_event:
                events.add_row(*cells, str(a.participants), key=a.id)
        dma = self.query_one("#org-dma", DataTable)
        dma.clear()
        for d in file.dma:
            dma.add_row(d.stage, d.date.isoformat(), *map(str, d.scores), f"{d.overall:.1f}")
        if len(file.dma) >= 2:
            dma.add_row(*dma_change_row(file.dma[0], file.dma[-1]))
        self.query_one("#org-aid", AidPanel).show(file.aid)

    # --- actions ----------------------------------------------------------------------------
    def action_tab(self, step: int) -> None:
        tabs = self.query_one("#org-tabs", TabbedContent)
        index = self.TABS.index(tabs.active) if tabs.active in self.TABS else 0
        tabs.active = self.TABS[(index + step) % len(self.TABS)]
        pane = tabs.get_pane(tabs.active)
        for table in pane.query(DataTable).results(DataTable):
            table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(self) -> None:
        if self.file:
            actions.open_form(self.app, "organisation", organisation=self.file.organisation)

    def action_add_contact(self) -> None:
        if self.file:
            actions.open_form(self.app, "contact", organisation=self.file.organisation)

    def action_log(self) -> None:
        if self.file:
            actions.open_form(self.app, "activity", organisation=self.file.organisation)

    def action_copy_last(self) -> None:
        """A new activity filled in from this organisation's latest one, dated today."""
        if self.file is None:
            return
        if not self.file.timeline:
            self.notify(_("This organisation has no activity to copy yet."))
            return
        latest = max(self.file.timeline, key=lambda a: a.date)
        actions.copy_activity(self.app, latest)

    def action_dma(self) -> None:
        if self.file:
            actions.open_form(self.app, "dma", organisation=self.file.organisation)

    def action_declare(self) -> None:
        from hubtui.ui.screens.aid_declaration_form import AidDeclarationForm

        if self.file is None:
            return

        def saved(result: object) -> None:
            if result is not None:
                self.reload()

        self.app.push_screen(AidDeclarationForm(self.file.organisation), saved)

    def action_history(self) -> None:
        from hubtui.ui.screens.history import HistoryDialog

        self.app.push_screen(HistoryDialog("organisation", self.org_id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.file is None or event.row_key.value is None:
            return
        key = event.row_key.value
        if event.data_table.id == "org-contacts":
            contact = next(c for c in self.file.contacts if c.id == key)
            actions.open_form(self.app, "contact", contact=contact)
        elif event.data_table.id in ("org-timeline", "org-events"):
            activity = next(a for a in self.file.timeline if a.id == key)
            actions.edit_activity(self.app, activity)
        elif event.data_table.id == "aid-declarations":
            from hubtui.ui.screens.history import HistoryDialog

            self.app.push_screen(HistoryDialog("aid_declaration", key))
