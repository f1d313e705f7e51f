"""Testbeds: register one (name, host organisation, location) and log sessions at it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Select

from hubtui.ui.i18n import N_, _
from hubtui.ui.screens.log_activity import ActivityFormBase
from hubtui.ui.widgets.form import (
    Field,
    FormScreen,
    decimal_text,
    optional_hours,
    required,
    text_input,
)
from hubtui.ui.widgets.org_picker import OrgPicker

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import TestbedView

NEW_TESTBED = "__new__"


class TestbedForm(FormScreen):
    FORM_TITLE = N_("New testbed")
    HELP = N_("A testbed is a facility where companies test solutions before investing.")
    FIELD_IDS = {"host_organisation_id": "host"}

    def compose_fields(self) -> ComposeResult:
        yield Field(_("Name"), text_input("name"))
        yield Field(_("Host organisation"), OrgPicker(id="host"))
        yield Field(_("Location"), text_input("location"))

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    def collect(self) -> dict[str, Any]:
        return {
            "name": self.read("name", lambda t: required(t, _("Name"))),
            "host_organisation_id": self.raw("host"),
            "location": self.raw("location").strip(),
        }

    def save(self, store: Store, values: dict[str, Any]) -> TestbedView:
        from hubtui.services.testbeds import add_testbed

        return add_testbed(store, **values)


class TestbedSessionForm(ActivityFormBase):
    FORM_TITLE = N_("Log testbed session")
    HELP = N_(
        "Pick the testbed (or '+ New testbed' to register one), the organisation that tested "
        "there, the hours used and what came out of it."
    )
    FIELD_IDS = {**ActivityFormBase.FIELD_IDS, "testbed_id": "testbed"}

    def compose_fields(self) -> ComposeResult:
        a = self.filled
        options = [(_("+ New testbed"), NEW_TESTBED)]
        testbed = Select(options, prompt=_("Testbed"), id="testbed", compact=True)
        yield Field(_("Testbed"), testbed)
        initial = (self.organisation,) if self.organisation else (a.organisations[:1] if a else ())
        yield Field(_("Organisation"), OrgPicker(id="organisation", initial=initial))
        yield self.date_field()
        yield self.project_select()
        hours = decimal_text(a.hours) if a else ""
        yield Field(_("Hours"), text_input("hours", hours, _("e.g. 4")))
        yield Field(_("Title"), text_input("title", a.title if a else ""))
        yield Field(_("Outcome"), text_input("outcome", a.outcome if a else ""))
        yield self.advisor_field()
        yield from self.aid_fields()

    def on_mount(self) -> None:
        self.query_one("#testbed").focus()
        self._load_testbeds(self.filled.testbed_id if self.filled else None, initial=True)

    def _load_testbeds(self, chosen: str | None, *, initial: bool = False) -> None:
        from hubtui.services.testbeds import list_testbeds

        def show(testbeds: list[TestbedView]) -> None:
            select: Select[str] = self.query_one("#testbed", Select)
            options = [(t.name, t.id) for t in testbeds]
            select.set_options([*options, (_("+ New testbed"), NEW_TESTBED)])
            if chosen:
                select.value = chosen
            if initial:
                self.remember_values("testbed")  # filled in by the form, not chosen

        self.run_db(list_testbeds, show, group="testbeds")

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "testbed" and event.value == NEW_TESTBED:
            event.select.clear()

            def created(testbed: TestbedView | None) -> None:
                if testbed is not None:
                    self._load_testbeds(testbed.id)

            self.app.push_screen(TestbedForm(), created)

    def collect(self) -> dict[str, Any]:
        values = self.common_values()
        testbed = self.raw("testbed")
        if not testbed or testbed == NEW_TESTBED:
            self.field_error("testbed", _("Pick the testbed, or register a new one."))
        organisation = self.raw("organisation")
        if not organisation:
            self.field_error("organisation", _("Pick the organisation that used the testbed."))
        values.update(
            type="testbed_session",
            testbed_id=testbed,
            organisation_ids=(organisation,),
            hours=self.read("hours", optional_hours),
            title=self.raw("title").strip(),
            outcome=self.raw("outcome").strip(),
            **self.aid_values(),
        )
        return values
