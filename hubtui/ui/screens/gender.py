"""Gender balance: attendance by gender per period and by activity type, the share of women
against its goal, women-led supported companies, and steering group and network composition
over time (added and edited here)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Label, Static, TabbedContent, TabPane

from hubtui.ui.i18n import N_, _
from hubtui.ui.messages import DbReply
from hubtui.ui.screens.base import HubScreen
from hubtui.ui.widgets.footer import FittingFooter
from hubtui.ui.widgets.header import ScreenHeader
from hubtui.ui.widgets.kpi_format import key_text, number_text, status_text

if TYPE_CHECKING:
    from hubtui.kpi.gender import GenderBalance, GenderCounts
    from hubtui.services.groups import GroupView
    from hubtui.store import Store
    from hubtui.store.views import ProjectView

SHARE = "women_share"


def counts_cells(c: GenderCounts) -> list[str]:
    return [
        str(c.women),
        str(c.men),
        str(c.other),
        str(c.unstated),
        number_text(c.women_share, SHARE),
    ]


def load_balance(
    store: Store, project: ProjectView, period: str | None, today: Any
) -> GenderBalance:
    """The gender balance of the project the screen has (not looked up again) and a period."""
    from hubtui.kpi import resolve_period
    from hubtui.kpi.gender import gender_balance

    return gender_balance(store, project, resolve_period(project, period, today))


def summary_lines(b: GenderBalance) -> list[str]:
    lines = [
        _(
            "{label}: {value} from the start, {period} this period (target {target}, {status}); "
            "{unstated} not stated are left out of the share"
        ).format(
            label=k.shown_label,
            value=number_text(k.cumulative_value, SHARE),
            period=number_text(k.period_value, SHARE),
            target=number_text(k.target, SHARE),
            status=status_text(k.status),
            unstated=int(k.details.get("unstated", 0)),
        )
        for k in b.share_kpis
    ]
    share = b.women_led / b.supported if b.supported else None
    lines.append(
        _("Women-led companies: {women_led} of {supported} supported ({share})").format(
            women_led=b.women_led, supported=b.supported, share=number_text(share, SHARE)
        )
    )
    return lines


class GenderScreen(HubScreen):
    CSS_PATH = "kpi.tcss"
    TITLE = N_("Gender balance")
    HELP = N_(
        "Participants by gender in each period and from the project start, and by activity "
        'type; "not stated" is shown but left out of the share of women. The Groups tab '
        "keeps how many women and men the steering group and networks have over time: a adds, "
        "Enter edits, d deletes. [ and ] change the period."
    )
    BINDINGS = [
        Binding("a", "add_group", N_("Add group count"), id="gender.add_group"),
        Binding("d", "delete_group", N_("Delete group count"), id="gender.delete_group"),
        Binding("left_square_bracket", "period(-1)", N_("Previous period"), id="gender.prev"),
        Binding("right_square_bracket", "period(1)", N_("Next period"), id="gender.next"),
    ]

    class Balance(DbReply["GenderBalance"]):
        """The gender balance of the project and period on screen."""

    class GroupDeleted(DbReply[bool]):
        """A group count was deleted."""

    def __init__(self) -> None:
        super().__init__()
        self.balance: GenderBalance | None = None

    def compose(self) -> ComposeResult:
        yield ScreenHeader()
        yield Static(
            _("The numbers are loading…"), id="gender-summary", classes="kpi-summary", markup=False
        )
        with TabbedContent(id="gender-tabs", classes="kpi-tabs"):
            with TabPane(_("Attendance"), id="tab-attendance"):
                yield DataTable(id="gender-periods", cursor_type="row")
                yield Label(_("By activity type, from the project start"), classes="kpi-section")
                yield DataTable(id="gender-types", cursor_type="row")
            with TabPane(_("Groups"), id="tab-groups"):
                yield DataTable(id="gender-groups", cursor_type="row")
        yield FittingFooter()

    def on_mount(self) -> None:
        genders = [_("Women"), _("Men"), _("Other"), _("Not stated"), _("Share of women")]
        periods = self.query_one("#gender-periods", DataTable)
        periods.add_column(_("Period"))
        for name in genders:
            periods.add_column(name)
        for name in genders:
            periods.add_column(_("{column} from start").format(column=name))
        self.query_one("#gender-types", DataTable).add_columns(_("Activity type"), *genders)
        self.query_one("#gender-groups", DataTable).add_columns(
            _("Group"), _("Date"), _("Women"), _("Men"), _("Other"), _("Share of women")
        )

    def reload(self) -> None:
        project = self.project
        if project is None:
            text = _("No project yet.") if self.hub.projects_read else _("Loading…")
            self.query_one("#gender-summary", Static).update(text)
            return
        period = self.period
        self.post_db(
            lambda store: load_balance(store, project, period, self.hub.today),
            self.Balance,
            group="gender",
            exclusive=True,
        )

    def on_gender_screen_balance(self, message: GenderScreen.Balance) -> None:
        self.show(message.result)

    def on_gender_screen_group_deleted(self, _message: GenderScreen.GroupDeleted) -> None:
        self.reload()

    def show(self, b: GenderBalance) -> None:
        self.balance = b
        p = b.period
        head = f"{b.project.code} · {p.label} ({p.start} – {p.end})"
        self.query_one("#gender-summary", Static).update("\n".join([head, *summary_lines(b)]))
        periods = self.query_one("#gender-periods", DataTable)
        periods.clear()
        for row in b.periods:
            periods.add_row(
                row.period.label, *counts_cells(row.in_period), *counts_cells(row.cumulative)
            )
        types = self.query_one("#gender-types", DataTable)
        types.clear()
        for type_id, counts in b.by_type:
            types.add_row(key_text("type", type_id), *counts_cells(counts))
        groups = self.query_one("#gender-groups", DataTable)
        groups.clear()
        for g in b.groups:
            groups.add_row(
                g.group_name,
                g.date.isoformat(),
                str(g.women),
                str(g.men),
                str(g.other),
                number_text(g.women_share, SHARE),
                key=g.id,
            )

    # --- periods ----------------------------------------------------------------------------
    def action_period(self, step: int) -> None:
        if self.balance is None:
            return
        from hubtui.kpi import project_periods

        labels = [x.label for x in project_periods(self.balance.project)]
        current = self.balance.period.label
        index = labels.index(current) if current in labels else len(labels) - 1
        new = min(len(labels) - 1, max(0, index + step))
        if labels[new] != current:
            self.period = labels[new]

    # --- groups -----------------------------------------------------------------------------
    def _highlighted_group(self) -> GroupView | None:
        table = self.query_one("#gender-groups", DataTable)
        if self.balance is None or not self.balance.groups:
            return None
        if table.cursor_row >= len(self.balance.groups):
            return None
        return self.balance.groups[table.cursor_row]

    def _open_form(self, group: GroupView | None) -> None:
        from hubtui.ui.screens.group_composition_form import GroupCompositionForm

        if self.project is None:
            return

        def saved(result: object) -> None:
            if result is not None:
                self.reload()

        self.app.push_screen(GroupCompositionForm(self.project.code, group), saved)

    def action_add_group(self) -> None:
        self.query_one("#gender-tabs", TabbedContent).active = "tab-groups"
        self._open_form(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "gender-groups":
            group = self._highlighted_group()
            if group is not None:
                self._open_form(group)

    def action_delete_group(self) -> None:
        from hubtui.ui.widgets.dialogs import ConfirmDialog

        group = self._highlighted_group()
        if group is None or self.query_one("#gender-tabs", TabbedContent).active != "tab-groups":
            return

        def answered(yes: bool | None) -> None:
            if yes:
                from hubtui.services.groups import delete_group_composition

                self.post_db(
                    lambda store: delete_group_composition(store, group.id), self.GroupDeleted
                )

        question = _("Delete the count of {group} on {date}?").format(
            group=group.group_name, date=group.date.isoformat()
        )
        self.app.push_screen(ConfirmDialog(question), answered)
