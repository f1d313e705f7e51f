"""Log a group event: seminar, workshop, training, network meeting or study visit.

Attendance is kept as counts per gender (aggregate statistics, not personal data); the
participating organisations are picked from the list or added on the spot.
"""

from __future__ import annotations

from contextlib import suppress
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Input, Static

from hubtui.domain.activity_types import ACTIVITY_TYPES
from hubtui.domain.bounds import OutOfRange, check_int
from hubtui.domain.errors import Term
from hubtui.ui.i18n import N_, _
from hubtui.ui.labels import type_options
from hubtui.ui.screens.log_activity import ActivityFormBase
from hubtui.ui.widgets.form import (
    Field,
    choice_select,
    count,
    decimal_text,
    optional_hours,
    required,
    text_input,
)
from hubtui.ui.widgets.org_picker import OrgPicker

if TYPE_CHECKING:
    from hubtui.store.views import OrganisationView

GROUP_EVENT_TYPES = tuple(t.id for t in ACTIVITY_TYPES.values() if t.mode == "group")
COUNTS = (
    ("women", N_("Women")),
    ("men", N_("Men")),
    ("other", N_("Other")),
    ("unstated", N_("Not stated")),
)


class GroupEventForm(ActivityFormBase):
    FORM_TITLE = N_("Log group event")
    HELP = N_(
        "Count the participants by gender; the total is shown as you type. Add each "
        "participating organisation by typing its name and pressing enter; choose "
        "'+ New organisation' to add one that is not in the list yet. Backspace in the empty "
        "box removes the last one."
    )

    def compose_fields(self) -> ComposeResult:
        a = self.filled
        types = GROUP_EVENT_TYPES if a is None or a.type in GROUP_EVENT_TYPES else (a.type,)
        kind = choice_select("type", type_options(types), a.type if a else None, blank=False)
        yield Field(_("Type"), kind)
        yield Field(_("Title"), text_input("title", a.title if a else ""))
        yield self.date_field()
        yield self.project_select()
        for field_id, text in COUNTS:
            value = str(getattr(a, field_id)) if a else ""
            yield Field(_(text), text_input(field_id, value, "0"))
        yield Field(_("Total"), Static("0", id="total"))
        picker = OrgPicker(
            id="organisations",
            multiple=True,
            allow_create=True,
            initial=a.organisations if a else (),
        )
        yield Field(_("Organisations"), picker)
        hours = decimal_text(a.hours) if a else ""
        yield Field(_("Hours"), text_input("hours", hours, _("e.g. 3")))
        yield Field(_("Notes"), text_input("note", a.note if a else ""))
        yield self.advisor_field()
        yield from self.aid_fields()

    def on_mount(self) -> None:
        self._update_total()
        self.query_one("#type").focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        super().on_input_changed(event)
        if event.input.id in {field_id for field_id, _text in COUNTS}:
            self._update_total()

    def _update_total(self) -> None:
        total = 0
        for field_id, _text in COUNTS:
            text = self.query_one(f"#{field_id}", Input).value
            with suppress(OutOfRange):  # shown at the field when saving
                total += check_int("attendance", text.strip())
        self.query_one("#total", Static).update(str(total))

    def on_org_picker_create_requested(self, event: OrgPicker.CreateRequested) -> None:
        from hubtui.ui.screens.organisation_form import OrganisationForm

        picker = event.picker

        def created(organisation: OrganisationView | None) -> None:
            if organisation is not None:
                picker.pick(organisation)

        self.app.push_screen(OrganisationForm(name=event.name), created)

    def collect(self) -> dict[str, Any]:
        values = self.common_values()
        values["type"] = self.raw("type")
        values["title"] = self.read("title", lambda t: required(t, Term("Title")))
        from hubtui.services.activities import COUNT_NAMES

        for field_id, _text in COUNTS:
            values[field_id] = self.read(field_id, partial(count, what=COUNT_NAMES[field_id]))
        values["organisation_ids"] = self.raw("organisations")
        values["hours"] = self.read("hours", optional_hours)
        values["note"] = self.raw("note").strip()
        values.update(self.aid_values())
        return values

    def aid_organisations(self) -> tuple[str, ...]:
        return tuple(self.raw("organisations") or ())
