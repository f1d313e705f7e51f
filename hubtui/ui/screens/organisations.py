"""Find an organisation among tens of thousands: search as you type, filters, paged loading.

Each keystroke starts an exclusive thread worker (the previous one is cancelled) that reads
one page of 50 rows and the total count; more pages load when the cursor nears the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Select

from hubtui.domain.activity_types import OrgKind
from hubtui.domain.regions import all_counties
from hubtui.domain.size import SizeClass
from hubtui.ui import actions
from hubtui.ui.i18n import N_, _, number
from hubtui.ui.labels import enum_options, value_label
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.paging import Pager
from hubtui.ui.widgets.screen_bar import ScreenBar
from hubtui.ui.widgets.tables import flex_width

if TYPE_CHECKING:
    from hubtui.services.organisations import OrganisationFilters
    from hubtui.store import Store
    from hubtui.store.views import OrganisationView

PAGE = 50


@dataclass(frozen=True)
class OrgQuery:
    text: str = ""
    county: str | None = None
    size: str | None = None
    kind: str | None = None
    manufacturing: bool | None = None
    project_id: str | None = None

    def filters(self) -> OrganisationFilters:
        return {
            "county": self.county,
            "size": self.size,
            "kind": self.kind,
            "manufacturing": self.manufacturing,
            "project_id": self.project_id,
        }


def _first_page(store: Store, query: OrgQuery) -> tuple[list[OrganisationView], int]:
    from hubtui.services.organisations import count_organisations, search_organisations

    rows = search_organisations(store, query.text, limit=PAGE, **query.filters())
    if len(rows) < PAGE:
        return rows, len(rows)
    return rows, count_organisations(store, query.text, **query.filters())


def add_org_row(table: DataTable[str], org: OrganisationView) -> None:
    size = value_label(SizeClass(org.size_class)) if org.size_class else ""
    kind = value_label(OrgKind(org.kind))
    table.add_row(org.name, org.orgnr or "", org.county or "", size, kind, key=org.id)


class OrganisationsScreen(HubScreen):
    TITLE = N_("Organisations")
    HELP = N_(
        "Type part of a name or the first digits of an orgnr to search; the filters narrow "
        "the list further. Enter opens an organisation: its contacts, all its activities "
        "across projects, its DMA results and the group events it attended."
    )
    BINDINGS = [
        Binding("slash", "focus_search", N_("Search"), id="organisations.search"),
        Binding("n", "new", N_("New"), id="organisations.new"),
        Binding("ctrl+r", "clear", N_("Clear filters"), id="organisations.clear"),
        Binding("escape", "focus_table", N_("To the list"), id="organisations.to_list"),
        Binding("a", "app.aid_overview", N_("State aid"), show=False, id="organisations.aid"),
        # From the search box, the arrow key goes on to the results (the table handles its own).
        Binding("down", "focus_table", show=False, id="organisations.down_to_list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_state = OrgQuery()
        self.pager: Pager[OrganisationView] | None = None

    @property
    def rows(self) -> list[OrganisationView]:
        return self.pager.rows if self.pager else []

    @property
    def total(self) -> int:
        return self.pager.total if self.pager else 0

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield ScreenBar()
        yield Input(placeholder=_("Search name or orgnr…"), id="search", compact=True)
        with Horizontal(id="org-filters", classes="filters"):
            counties = [(f"{c.code} {c.short_name}", c.code) for c in all_counties()]
            yield Select(counties, prompt=_("County"), id="f-county", compact=True)
            sizes = enum_options(SizeClass)
            yield Select(sizes, prompt=_("Size"), id="f-size", compact=True)
            kinds = enum_options(OrgKind)
            yield Select(kinds, prompt=_("Kind"), id="f-kind", compact=True)
            manufacturing = [(_("Manufacturing"), "yes"), (_("Not manufacturing"), "no")]
            yield Select(manufacturing, prompt=_("Industry"), id="f-manufacturing", compact=True)
            yield Select([], prompt=_("Project"), id="f-project", compact=True)
        yield Label("", id="org-count")
        table: DataTable[str] = DataTable(id="org-table", cursor_type="row", zebra_stripes=True)
        widths = [11, 6, 18, 22]
        table.add_column(_("Name"), key="name", width=flex_width(self.app.size.width, widths))
        table.add_column(_("Orgnr"), key="orgnr", width=widths[0])
        table.add_column(_("County"), key="county", width=widths[1])
        table.add_column(_("Size"), key="size", width=widths[2])
        table.add_column(_("Kind"), key="kind", width=widths[3])
        yield table
        yield FittingFooter()

    def on_mount(self) -> None:
        table = self.query_one("#org-table", DataTable)
        self.pager = Pager(self, table, add_org_row, self._counted, name="org")
        self.query_one("#search", Input).focus()

    def reload(self) -> None:
        projects = [(p.code, p.id) for p in self.hub.projects]
        project_filter = self.query_one("#f-project", Select)
        chosen = project_filter.value
        project_filter.set_options(projects)
        if chosen in {p[1] for p in projects}:
            project_filter.value = chosen
        self._search()

    # --- querying ---------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self._search()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id and event.select.id.startswith("f-"):
            self._search()

    def _current_query(self) -> OrgQuery:
        def value(select_id: str) -> Any:
            v = self.query_one(f"#{select_id}", Select).value
            return None if v is Select.NULL else v

        manufacturing = value("f-manufacturing")
        return OrgQuery(
            text=self.query_one("#search", Input).value.strip(),
            county=value("f-county"),
            size=value("f-size"),
            kind=value("f-kind"),
            manufacturing=None if manufacturing is None else manufacturing == "yes",
            project_id=value("f-project"),
        )

    def _search(self) -> None:
        query = self.query_state = self._current_query()

        def next_page(store: Store, offset: int) -> list[OrganisationView]:
            from hubtui.services.organisations import search_organisations

            return search_organisations(
                store, query.text, limit=PAGE, offset=offset, **query.filters()
            )

        if self.pager is not None:
            self.pager.search(lambda store: _first_page(store, query), next_page)

    def _counted(self, shown: int, total: int) -> None:
        self.query_one("#org-count", Label).update(
            _("{shown} of {total} organisations").format(shown=number(shown), total=number(total))
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.pager is not None:
            self.pager.near(event.cursor_row)

    # --- actions ----------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from hubtui.ui.screens.organisation_detail import OrganisationDetailScreen

        org_id = event.row_key.value
        if org_id:
            self.app.push_screen(OrganisationDetailScreen(org_id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search" and self.rows:
            self.query_one("#org-table", DataTable).focus()

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#org-table", DataTable).focus()

    def action_new(self) -> None:
        name = self.query_one("#search", Input).value.strip()
        actions.open_form(self.app, "organisation", name="" if name.isdigit() else name)

    def action_clear(self) -> None:
        for select in self.query("#org-filters Select").results(Select):
            select.clear()
        self.query_one("#search", Input).value = ""
