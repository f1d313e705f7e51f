"""The aid field of the activity forms: an amount in SEK and the scheme, checked against the
company's de minimis ceiling as they are typed, so a refusal shows at the field before saving."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from hubtui.domain.aid import Scheme, format_amount
from hubtui.errors import InvalidValue, UserError
from hubtui.i18n import error_text
from hubtui.ui.i18n import _
from hubtui.ui.widgets.form import Field, FormScreen, choice_select, date_value, text_input
from hubtui.ui.widgets.org_picker import OrgPicker

if TYPE_CHECKING:
    from hubtui.services.aid import AidAssessment

COUNT_IDS = ("women", "men", "other", "unstated")


def optional_amount(text: str) -> float | None:
    """An aid amount in SEK within hubtui's bounds, or None when left empty."""
    from hubtui.domain.bounds import OutOfRange, check_optional, number_text

    try:
        amount = check_optional("amount_sek", text)
    except OutOfRange as error:
        raise InvalidValue(
            "The aid must be an amount in SEK from 0 to {high}, such as 4500.",
            field="aid_sek",
            high=number_text(error.bound.high),
        ) from None
    return None if amount is None else float(amount)


class AidFields(FormScreen):
    """Mixed into the activity forms: `aid_fields()` in compose, `aid_values()` in collect."""

    def aid_fields(self) -> ComposeResult:
        activity = getattr(self, "filled", None)  # the activity edited or copied
        amount = "" if activity is None or activity.aid_sek is None else f"{activity.aid_sek:g}"
        placeholder = _("empty: hours × the project's rate")
        yield Field(
            _("Aid (SEK)"),
            text_input("aid_sek", amount, placeholder),
            hint=_("Checked against the company's de minimis ceiling."),
        )
        schemes = [(s.value, s.value) for s in Scheme]
        current = activity.aid_scheme if activity is not None else None
        select = choice_select(
            "aid_scheme", schemes, current, blank=True, prompt=_("(the project's scheme)")
        )
        yield Field(_("Aid scheme"), select)

    def aid_values(self) -> dict[str, Any]:
        return {
            "aid_sek": self.read("aid_sek", optional_amount),
            "aid_scheme": self.raw("aid_scheme") or None,
        }

    def aid_organisations(self) -> tuple[str, ...]:
        organisation = self.raw("organisation")
        return (organisation,) if organisation else ()

    # --- the check as the form is filled in ------------------------------------------------
    @on(Input.Changed)
    @on(Select.Changed)
    @on(OrgPicker.Changed)
    def _aid_inputs_changed(self) -> None:
        self.check_aid()

    def _preview_values(self) -> tuple[str, dict[str, Any], tuple[str, ...]] | None:
        from hubtui.ui.widgets.form import optional_hours

        try:
            project = self._optional("project")
            values: dict[str, Any] = {
                "type": self._optional("type") or "testbed_session",
                "date": date_value(self._optional("date") or ""),
                "hours": optional_hours(self._optional("hours") or ""),
                "aid_sek": optional_amount(self._optional("aid_sek") or ""),
                "aid_scheme": self._optional("aid_scheme") or None,
            }
            for field_id in COUNT_IDS:
                values[field_id] = int((self._optional(field_id) or "0").strip() or 0)
        except (UserError, ValueError):
            return None
        if not project:
            return None
        return project, values, self.aid_organisations()

    def _optional(self, field_id: str) -> Any:
        """A field's raw value, None when this form has no such field."""
        return self.raw(field_id) if self.query(f"#{field_id}") else None

    def check_aid(self) -> None:
        if not self.is_mounted or not self.query("#field-aid_sek"):
            return
        preview = self._preview_values()
        if preview is None:
            return
        from hubtui.services.aid import activity_aid_preview

        project, values, orgs = preview
        activity = getattr(self, "activity", None)
        exclude = activity.id if activity is not None else None
        self.run_db(
            lambda store: activity_aid_preview(store, project, values, orgs, exclude=exclude),
            self._show_aid,
            group="aid-check",
            exclusive=True,
            failed=self._aid_failed,
        )

    def _field(self) -> Field:
        return self.query_one("#field-aid_sek", Field)

    def _show_aid(self, assessment: AidAssessment) -> None:
        field = self._field()
        refusal = assessment.refusal
        field.set_error(error_text(refusal) if refusal is not None else None)
        if assessment.warnings:
            field.set_hint("\n".join(error_text(w) for w in assessment.warnings))
        elif assessment.scheme == Scheme.NONE.value or assessment.amount_sek <= 0:
            field.set_hint(_("No aid."))
        else:
            field.set_hint(
                _("Aid of SEK {amount} under {scheme}.").format(
                    amount=format_amount(assessment.amount_sek), scheme=assessment.scheme
                )
            )

    def _aid_failed(self, error: UserError) -> None:
        self._field().set_error(error_text(error))
