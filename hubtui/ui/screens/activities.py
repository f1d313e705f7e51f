"""The list of logged activities: filters, edit, delete with undo, and each one's history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Select

from hubtui.domain.activity_types import ACTIVITY_TYPES
from hubtui.ui import actions
from hubtui.ui.i18n import N_, _, error_text, number
from hubtui.ui.labels import type_label, type_options
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.org_picker import OrgPicker
from hubtui.ui.widgets.paging import Pager
from hubtui.ui.widgets.screen_bar import ScreenBar
from hubtui.ui.widgets.tables import flex_width

if TYPE_CHECKING:
    from hubtui.domain.errors import UserError
    from hubtui.services.activity_queries import ActivityFilters
    from hubtui.store import Store
    from hubtui.store.views import ActivityView

PAGE = 100


@dataclass(frozen=True)
class ActivityQuery:
    project_id: str | None = None
    type: str | None = None
    period: str | None = None
    advisor: str | None = None
    organisation_id: str | None = None
    text: str | None = None

    def filters(self) -> ActivityFilters:
        return {
            "text": self.text,
            "project_id": self.project_id,
            "type": self.type,
            "period": self.period,
            "advisor": self.advisor,
            "organisation_id": self.organisation_id,
        }


def _first_page(store: Store, query: ActivityQuery) -> tuple[list[ActivityView], int]:
    from hubtui.services.activity_queries import count_activities, list_activities

    rows = list_activities(store, limit=PAGE, **query.filters())
    if len(rows) < PAGE:
        return rows, len(rows)
    return rows, count_activities(store, **query.filters())


def add_activity_row(table: DataTable[str], a: ActivityView) -> None:
    names = ", ".join(o.name for o in a.organisations[:3])
    if len(a.organisations) > 3:
        names += _(" and {n} more").format(n=len(a.organisations) - 3)
    cells = (a.date.isoformat(), type_label(a.type), a.project_code, a.title, names, a.advisor)
    table.add_row(*cells, key=a.id)


class ActivitiesScreen(HubScreen):
    TITLE = N_("Activities")
    HELP = N_(
        "All logged activities, newest first. / searches titles, notes and organisation "
        "names. Filter by project, type, period (2026Q3, "
        "2026-05, 2026), advisor or organisation. Enter edits the highlighted activity, d "
        "deletes it (u undoes the delete) and h shows who changed what and when."
    )
    BINDINGS = [
        Binding("e", "edit", N_("Edit"), id="activities.edit"),
        Binding("d,delete", "delete", N_("Delete"), id="activities.delete"),
        Binding("u", "undo", N_("Undo delete"), id="activities.undo"),
        Binding("h", "history", N_("History"), id="activities.history"),
        Binding("slash", "focus_search", N_("Search"), show=False, id="activities.search"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_state = ActivityQuery()
        self.pager: Pager[ActivityView] | None = None
        self.deleted: list[str] = []  # ids deleted here, newest last, for undo

    @property
    def rows(self) -> list[ActivityView]:
        return self.pager.rows if self.pager else []

    @property
    def total(self) -> int:
        return self.pager.total if self.pager else 0

    def on_mount(self) -> None:
        table = self.query_one("#activity-table", DataTable)
        self.pager = Pager(self, table, add_activity_row, self._counted, name="activity")

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield ScreenBar()
        yield Input(
            placeholder=_("Search title, notes or organisation… (/)"), id="f-text", compact=True
        )
        with Horizontal(id="activity-filters", classes="filters"):
            yield Select([], prompt=_("Project"), id="f-project", compact=True)
            types = type_options(tuple(ACTIVITY_TYPES))
            yield Select(types, prompt=_("Type"), id="f-type", compact=True)
            yield Input(placeholder=_("Period (2026Q3)"), id="f-period", compact=True)
            yield Input(placeholder=_("Advisor"), id="f-advisor", compact=True)
            yield OrgPicker(id="f-organisation", move_on=False)
        yield Label("", id="activity-count")
        table: DataTable[str] = DataTable(
            id="activity-table", cursor_type="row", zebra_stripes=True
        )
        widths = [10, 16, 7, 22, 14]
        table.add_column(_("Date"), key="date", width=widths[0])
        table.add_column(_("Type"), key="type", width=widths[1])
        table.add_column(_("Project"), key="project", width=widths[2])
        table.add_column(_("Title"), key="title", width=flex_width(self.app.size.width, widths))
        table.add_column(_("Organisations"), key="organisations", width=widths[3])
        table.add_column(_("Advisor"), key="advisor", width=widths[4])
        yield table
        yield FittingFooter()

    def reload(self) -> None:
        select = self.query_one("#f-project", Select)
        projects = [(p.code, p.id) for p in self.hub.projects]
        chosen = select.value
        select.set_options(projects)
        if chosen in {p[1] for p in projects}:
            select.value = chosen
        elif self.project is not None and chosen is Select.NULL and not self.rows:
            select.value = self.project.id  # start with the current project
        self._search()

    # --- querying ---------------------------------------------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("f-project", "f-type"):
            self._search()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("f-text", "f-period", "f-advisor"):
            self._search()

    def on_org_picker_changed(self, event: OrgPicker.Changed) -> None:
        self._search()

    def _current_query(self) -> ActivityQuery:
        def value(select_id: str) -> Any:
            v = self.query_one(f"#{select_id}", Select).value
            return None if v is Select.NULL else v

        period = self.query_one("#f-period", Input).value.strip()
        advisor = self.query_one("#f-advisor", Input).value.strip()
        text = self.query_one("#f-text", Input).value.strip()
        return ActivityQuery(
            text=text or None,
            project_id=value("f-project"),
            type=value("f-type"),
            period=period or None,
            advisor=advisor or None,
            organisation_id=self.query_one("#f-organisation", OrgPicker).value,
        )

    def _search(self) -> None:
        query = self.query_state = self._current_query()
        self.query_one("#f-period", Input).set_class(False, "-invalid")

        def next_page(store: Store, offset: int) -> list[ActivityView]:
            from hubtui.services.activity_queries import list_activities

            return list_activities(store, limit=PAGE, offset=offset, **query.filters())

        def first_page(store: Store) -> tuple[list[ActivityView], int]:
            return _first_page(store, query)

        if self.pager is not None:
            self.pager.search(first_page, next_page, failed=self._bad_filter)

    def _bad_filter(self, error: UserError) -> None:
        self.query_one("#f-period", Input).set_class(True, "-invalid")
        self.query_one("#activity-count", Label).update(error_text(error))

    def _counted(self, shown: int, total: int) -> None:
        self.query_one("#activity-count", Label).update(
            _("{shown} of {total} activities").format(shown=number(shown), total=number(total))
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.pager is not None:
            self.pager.near(event.cursor_row)

    # --- actions ----------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.query_one("#f-text", Input).focus()

    def _highlighted(self) -> ActivityView | None:
        table = self.query_one("#activity-table", DataTable)
        if not self.rows or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        activity = self._highlighted()
        if activity is not None:
            actions.edit_activity(self.app, activity)

    def action_delete(self) -> None:
        from hubtui.ui.widgets.dialogs import ConfirmDialog

        activity = self._highlighted()
        if activity is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                from hubtui.services.activities import delete_activity

                self.run_db(lambda store: delete_activity(store, activity.id), deleted)

        def deleted(_done: bool) -> None:
            self.deleted.append(activity.id)
            self.notify(_("Activity deleted; press u to undo."))
            self.reload()

        question = _("Delete the activity {title} of {date}?").format(
            title=activity.title or type_label(activity.type), date=activity.date.isoformat()
        )
        self.app.push_screen(ConfirmDialog(question), answered)

    def action_undo(self) -> None:
        from hubtui.services.activities import restore_activity

        if not self.deleted:
            self.notify(_("Nothing to undo."))
            return
        activity_id = self.deleted.pop()

        def restored(_done: bool) -> None:
            self.notify(_("Activity restored."))
            self.reload()

        self.run_db(lambda store: restore_activity(store, activity_id), restored)

    def action_history(self) -> None:
        from hubtui.ui.screens.history import HistoryDialog

        activity = self._highlighted()
        if activity is not None:
            title = f"{activity.date.isoformat()} {activity.title or type_label(activity.type)}"
            self.app.push_screen(HistoryDialog("activity", activity.id, title))
