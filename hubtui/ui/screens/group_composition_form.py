"""Record or edit how many women, men and others a steering group or network has at a date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult

from hubtui.domain.errors import Term
from hubtui.ui.i18n import N_, _
from hubtui.ui.widgets.form import Field, FormScreen, count, date_value, required, text_input

if TYPE_CHECKING:
    from hubtui.services.groups import GroupView
    from hubtui.store import Store


class GroupCompositionForm(FormScreen):
    FORM_TITLE = N_("Group composition")
    HELP = N_(
        "How many women, men and others a steering group or network of the project has at a "
        "date. Only the counts are kept, never who the members are."
    )

    def __init__(self, project: str, group: GroupView | None = None) -> None:
        super().__init__()
        self.project_code = project
        self.group = group

    def compose_fields(self) -> ComposeResult:
        g = self.group
        yield Field(
            _("Group"), text_input("group_name", g.group_name if g else "", _("Steering group"))
        )
        yield Field(_("Date"), text_input("date", g.date.isoformat() if g else "", "2026-09-01"))
        yield Field(_("Women"), text_input("women", str(g.women) if g else ""))
        yield Field(_("Men"), text_input("men", str(g.men) if g else ""))
        yield Field(_("Other"), text_input("other", str(g.other) if g else ""))

    def on_mount(self) -> None:
        self.query_one("#group_name").focus()

    def collect(self) -> dict[str, Any]:
        return {
            "group_name": self.read("group_name", lambda v: required(v, Term("The group's name"))),
            "date": self.read("date", date_value),
            "women": self.read("women", lambda v: count(v, Term("Women"), "group_members")),
            "men": self.read("men", lambda v: count(v, Term("Men"), "group_members")),
            "other": self.read("other", lambda v: count(v, Term("Other"), "group_members")),
        }

    def save(self, store: Store, values: dict[str, Any]) -> GroupView:
        from hubtui.services.groups import add_group_composition, update_group_composition

        if self.group is None:
            return add_group_composition(store, project=self.project_code, **values)
        return update_group_composition(store, self.group.id, **values)
