"""The quick form for one-to-one support: a visit, meeting, needs analysis, advisory…"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Checkbox, Input, Select

from hubtui.domain.activity_types import ACTIVITY_TYPES, SupportForm
from hubtui.ui.i18n import N_, _
from hubtui.ui.labels import support_options, type_options
from hubtui.ui.widgets.aid_fields import AidFields
from hubtui.ui.widgets.form import (
    Field,
    checkbox,
    choice_select,
    date_value,
    decimal_text,
    optional_hours,
    text_input,
)
from hubtui.ui.widgets.org_picker import OrgPicker

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import ActivityView, OrganisationView, ProjectView

# The testbed session has its own form (it names the testbed).
ONE_TO_ONE = tuple(
    t.id for t in ACTIVITY_TYPES.values() if t.is_one_to_one and t.id != "testbed_session"
)


class ActivityFormBase(AidFields):
    """What the activity forms share: project, date, the aid field and the edit-or-add switch."""

    FIELD_IDS = {"organisation_ids": "organisation"}

    BINDINGS = [
        Binding("ctrl+n", "save_and_next", N_("Save and log another"), id="form.save_next"),
    ]

    def __init__(
        self,
        activity: ActivityView | None = None,
        organisation: OrganisationView | None = None,
        *,
        keep: dict[str, str] | None = None,
        copy_of: ActivityView | None = None,
    ) -> None:
        super().__init__()
        self.activity = activity  # the one edited; None: a new one is logged
        # What the fields start with: the activity edited, or the one copied (a new one then,
        # dated today and logged by the one logging).
        self.filled = activity or copy_of
        self.organisation = organisation
        self.keep = keep or {}  # date, project and advisor kept from the one saved before
        self._log_another = False
        self._projects: list[ProjectView] = []  # read here if the app had none yet

    # --- save and log another (keeps date, project and advisor) -----------------------------
    def action_save_and_next(self) -> None:
        if self.activity is not None:
            self.action_save()  # editing: nothing to log next
            return
        self._log_another = True
        self.action_save()

    def saved(self, result: Any) -> None:
        keep = {k: str(self.raw(k) or "") for k in ("date", "project", "advisor")}
        another = self._log_another
        super().saved(result)
        if another:
            self.app.push_screen(type(self)(keep=keep))

    def save_failed(self, error: Any) -> None:
        self._log_another = False
        super().save_failed(error)

    def action_save(self) -> None:
        super().action_save()
        if not self.saving:
            self._log_another = False  # a field was wrong: stay

    # --- a date in the future is allowed, but said ------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "date":
            self._check_date(event.value)

    def _check_date(self, text: str) -> None:
        from hubtui.domain.periods import parse_date

        try:
            day = parse_date(text.strip())
        except Exception:
            return  # said when saving
        warning = _("This date is in the future.") if day > self.today() else ""
        self.query_one("#field-date", Field).set_hint(warning)

    def today(self) -> dt.date:
        return self.hub.today or dt.date.today()

    def project_select(self) -> Field:
        options = [(f"{p.code}: {p.name}", p.code) for p in self.hub.projects]
        current = self.filled.project_code if self.filled else self.keep.get("project")
        current = current or (self.project.code if self.project else None)
        if not options:
            options = [(_("(no project yet)"), "")]
            current = ""
        return Field(_("Project"), choice_select("project", options, current, blank=False))

    def on_mount(self) -> None:
        # Opened before the database was open: fill the projects in when they are read.
        if not self.hub.projects:
            from hubtui.services.projects import list_projects

            self.run_db(list_projects, self._fill_projects, group="projects")

    def _fill_projects(self, projects: list[ProjectView]) -> None:
        self._projects = projects
        if projects:
            select: Select[str] = self.query_one("#project", Select)
            select.set_options([(f"{p.code}: {p.name}", p.code) for p in projects])
            current = self.project.code if self.project else projects[0].code
            select.value = current if any(p.code == current for p in projects) else projects[0].code
            self.remember_values("project")  # filled in by the form, not typed

    def date_field(self) -> Field:
        value = self.activity.date.isoformat() if self.activity else self.today().isoformat()
        value = self.keep.get("date", value)
        return Field(_("Date"), text_input("date", value, "YYYY-MM-DD"))

    def advisor_field(self) -> Field:
        """Who gave the support: the one logging (the settings' name) unless changed."""
        name = (
            self.activity.advisor if self.activity else self.keep.get("advisor", self.hub.advisor)
        )
        return Field(_("Advisor"), text_input("advisor", name, _("your name (f2 sets it)")))

    def common_values(self) -> dict[str, Any]:
        project = self.raw("project")
        if not project:
            self.field_error("project", _("Create a project first (ctrl+p, then a template)."))
        values = {"project": self._project_of(project), "date": self.read("date", date_value)}
        values["advisor"] = str(self.raw("advisor") or "").strip() or None
        return values

    def _project_of(self, code: Any) -> ProjectView | str:
        """The project chosen, as the form has it resolved (its code if it has not)."""
        known = (*self.hub.projects, *self._projects)
        return next((p for p in known if p.code == code), str(code or ""))

    def save(self, store: Store, values: dict[str, Any]) -> ActivityView:
        from hubtui.services.activities import log_activity, update_activity
        from hubtui.services.activity_input import ActivityChange, ActivityInput

        if self.activity is None:
            return log_activity(store, ActivityInput.of(values))
        return update_activity(store, self.activity.id, ActivityChange.of(values))


class LogActivityForm(ActivityFormBase):
    FORM_TITLE = N_("Log activity")
    HELP = N_(
        "Type part of the organisation's name or orgnr and press enter to take the first "
        "match (down arrow to choose another). Tab moves between fields; ctrl+s saves. "
        "f3 fills the form in from the organisation's latest activity (the date stays)."
    )
    BINDINGS = [
        Binding("f3", "copy_last", N_("Copy last"), id="form.copy_last", priority=True),
    ]

    # --- copy the organisation's latest activity into the fields -----------------------------
    def action_copy_last(self) -> None:
        from hubtui.services.activity_queries import organisation_timeline

        organisation = self.raw("organisation")
        if not organisation:
            self.field_error("organisation", _("Pick the organisation you supported."))
            return
        self.run_db(lambda store: organisation_timeline(store, organisation), self._copy_from)

    def _copy_from(self, timeline: list[ActivityView]) -> None:
        if not timeline:
            self.notify(_("This organisation has no activity to copy yet."))
            return
        latest = max(timeline, key=lambda a: a.date)
        if latest.type in ONE_TO_ONE:
            self.query_one("#type", Select).value = latest.type
        self.query_one("#support", Select).value = latest.support
        for field_id, text in (
            ("hours", decimal_text(latest.hours)),
            ("title", latest.title),
            ("note", latest.note),
        ):
            self.query_one(f"#{field_id}", Input).value = text
        self.query_one("#joint_rd", Checkbox).value = latest.joint_rd
        self.notify(
            _("Copied from the activity of {date}; the date is today.").format(
                date=latest.date.isoformat()
            )
        )

    def compose_fields(self) -> ComposeResult:
        a = self.filled
        initial = (self.organisation,) if self.organisation else (a.organisations[:1] if a else ())
        picker = OrgPicker(id="organisation", initial=initial)
        yield Field(_("Organisation"), picker)
        types = ONE_TO_ONE if a is None or a.type in ONE_TO_ONE else (a.type,)
        kind = choice_select("type", type_options(types), a.type if a else None, blank=False)
        yield Field(_("Type"), kind)
        yield self.date_field()
        yield self.project_select()
        hours = decimal_text(a.hours) if a else ""
        yield Field(_("Hours"), text_input("hours", hours, _("e.g. 1.5")))
        yield Field(_("Title"), text_input("title", a.title if a else ""))
        yield Field(_("Notes"), text_input("note", a.note if a else ""))
        support = a.support if a else SupportForm.NON_FINANCIAL.value
        yield Field(
            _("Support form"), choice_select("support", support_options(), support, blank=False)
        )
        yield Field(
            "",
            checkbox(
                "joint_rd", _("Joint R&D with a research organisation"), a.joint_rd if a else False
            ),
        )
        yield self.advisor_field()
        yield from self.aid_fields()

    def on_mount(self) -> None:
        if self.query_one(OrgPicker).value:
            self.query_one("#type").focus()  # opened from an organisation: it is chosen
        else:
            self.query_one(OrgPicker).focus()

    def collect(self) -> dict[str, Any]:
        values = self.common_values()
        organisation = self.raw("organisation")
        if not organisation:
            self.field_error("organisation", _("Pick the organisation you supported."))
        values.update(
            type=self.raw("type"),
            organisation_ids=(organisation,),
            hours=self.read("hours", optional_hours),
            title=self.raw("title").strip(),
            note=self.raw("note").strip(),
            support=self.raw("support"),
            joint_rd=bool(self.raw("joint_rd")),
            **self.aid_values(),
        )
        return values
