"""The project's particulars, as the lägesrapport opens with them (Övergripande uppgifter om
projektet): beneficiary and its orgnr, case number, programme and fund, contact person, and
whether the project is a European Digital Innovation Hub.

They are the goals file's [project] keys, saved the way a goals file is: the edited values are
written into the project's goals file text and parsed with `parse_goals`, so the form and the
file (`hubtui goals import`) accept exactly the same things, and nothing is saved unless the
whole file is valid.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Input

from hubtui.domain.orgnr import normalize_orgnr
from hubtui.errors import UserError
from hubtui.ui.i18n import N_, _, error_text
from hubtui.ui.widgets.form import Field, FormScreen, checkbox, text_input

if TYPE_CHECKING:
    from hubtui.domain.goals import GoalsFile
    from hubtui.store import Store
    from hubtui.store.views import ProjectView

TEXT_FIELDS = ("beneficiary", "beneficiary_orgnr", "case_number", "programme", "contact")


def particulars_of(goals: GoalsFile) -> dict[str, Any]:
    """The particulars as the form's fields hold them (the beneficiary is `owner` inside)."""
    p = goals.project
    return {
        "beneficiary": p.owner,
        "beneficiary_orgnr": p.beneficiary_orgnr,
        "case_number": p.case_number,
        "programme": p.programme,
        "contact": p.contact,
        "edih": p.edih,
    }


def goals_with_particulars(goals: GoalsFile, values: dict[str, Any]) -> GoalsFile:
    """The goals file with the project's particulars replaced, checked as a goals file is.

    Raises a UserError at the field the problem is in if anything is invalid.
    """
    from hubtui.domain.goals import GoalsError, parse_goals
    from hubtui.domain.goals_toml import dump_goals

    project = replace(
        goals.project,
        owner=values["beneficiary"],
        beneficiary_orgnr=values["beneficiary_orgnr"],
        case_number=values["case_number"],
        programme=values["programme"],
        contact=values["contact"],
        edih=bool(values["edih"]),
    )
    try:
        return parse_goals(dump_goals(replace(goals, project=project)), "particulars")
    except GoalsError as error:
        field = "beneficiary" if error.field == "owner" else error.field
        raise UserError("{problem}.", field=field, problem=error.problem) from None


def orgnr_value(text: str) -> str:
    """The beneficiary's orgnr in its canonical form ("" if none); a bad one raises."""
    text = (text or "").strip()
    return normalize_orgnr(text) if text else ""


class ParticularsForm(FormScreen):
    FORM_TITLE = N_("Project particulars")
    HELP = N_(
        "What the lägesrapport opens with (Övergripande uppgifter om projektet), saved in the "
        "goals file's [project] table: the beneficiary (stödmottagare) and its orgnr, the case "
        "number (ärendenummer) of the funding decision, the programme and fund, the report's "
        "contact person, and whether the project is a European Digital Innovation Hub (then "
        "the EDIH files can be made). Every field may be left empty."
    )

    def __init__(self, project: ProjectView, goals: GoalsFile) -> None:
        super().__init__()
        self.project_view = project
        self.goals = goals

    def compose_fields(self) -> ComposeResult:
        now = particulars_of(self.goals)
        yield Field(_("Beneficiary"), text_input("beneficiary", now["beneficiary"]))
        yield Field(
            _("Beneficiary orgnr"),
            text_input("beneficiary_orgnr", now["beneficiary_orgnr"], "NNNNNN-NNNN"),
        )
        yield Field(_("Case number"), text_input("case_number", now["case_number"]))
        yield Field(
            _("Programme and fund"),
            text_input("programme", now["programme"], "Regionalfonden Norra Mellansverige"),
        )
        yield Field(
            _("Contact person"),
            text_input("contact", now["contact"], _("name, e-mail, phone")),
        )
        yield Field("", checkbox("edih", _("European Digital Innovation Hub"), now["edih"]))

    def on_mount(self) -> None:
        self.query_one("#beneficiary").focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say at once what is wrong with a typed orgnr (nothing is saved while it is)."""
        if event.input.id != "beneficiary_orgnr":
            return
        field = self.query_one("#field-beneficiary_orgnr", Field)
        try:
            orgnr_value(event.value)
            field.set_error(None)
        except UserError as error:
            field.set_error(error_text(error))

    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {key: (self.raw(key) or "").strip() for key in TEXT_FIELDS}
        values["beneficiary_orgnr"] = self.read("beneficiary_orgnr", orgnr_value)
        values["edih"] = bool(self.raw("edih"))
        return values

    def save(self, store: Store, values: dict[str, Any]) -> GoalsFile:
        from hubtui.services.projects import export_goals, import_goals

        # The goals as they are now (a sync may have brought changes since the form opened).
        updated = goals_with_particulars(export_goals(store, self.project_view.code), values)
        import_goals(store, updated)
        return updated
