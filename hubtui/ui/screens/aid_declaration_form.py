"""Record a company's declaration of earlier aid: one grant it declared, or that it declared
none (see docs/state-aid.md)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Checkbox

from hubtui.domain.aid import DeclaredScheme
from hubtui.ui.i18n import N_, _
from hubtui.ui.widgets.form import (
    Field,
    FormScreen,
    checkbox,
    choice_select,
    date_value,
    text_input,
)

if TYPE_CHECKING:
    from hubtui.services.aid_declarations import Declaration
    from hubtui.store import Store
    from hubtui.store.views import OrganisationView

GRANT_FIELDS = ("grantor", "granted", "amount", "currency", "scheme", "eur_rate")


def _optional_date(text: str) -> dt.date | None:
    return date_value(text) if (text or "").strip() else None


class AidDeclarationForm(FormScreen):
    FORM_TITLE = N_("Declaration of earlier aid")
    HELP = N_(
        "Record what the company declared in its signed declaration of de minimis aid: one "
        "earlier grant per entry (grantor, the day it was granted, the amount in SEK or EUR), "
        "or tick 'No earlier aid'. The EUR rate is needed for an amount in SEK when the "
        "projects do not agree on one."
    )
    ERROR_FIELDS = {
        "eur_rate": ("rate",),
        "grantor": ("grantor",),
        "amount": ("amount",),
        "received": ("received",),
        "granted": ("granted",),
    }

    def __init__(self, organisation: OrganisationView) -> None:
        super().__init__()
        self.organisation = organisation

    def compose_fields(self) -> ComposeResult:
        today = self.hub.today or dt.date.today()
        yield Field(_("Company"), text_input("company", self.organisation.name))
        yield Field(_("Received"), text_input("received", today.isoformat(), "YYYY-MM-DD"))
        yield Field("", checkbox("nothing", _("No earlier aid")))
        yield Field(_("Grantor"), text_input("grantor", "", _("e.g. Almi, Vinnova, the region")))
        yield Field(_("Granted"), text_input("granted", "", "YYYY-MM-DD"))
        yield Field(_("Amount"), text_input("amount", "", _("e.g. 125000")))
        currencies = [("SEK", "SEK"), ("EUR", "EUR")]
        yield Field(_("Currency"), choice_select("currency", currencies, "SEK", blank=False))
        schemes = [(s.value, s.value) for s in DeclaredScheme]
        yield Field(_("Scheme"), choice_select("scheme", schemes, "de_minimis", blank=False))
        yield Field(_("EUR rate"), text_input("eur_rate", "", _("SEK per EUR, e.g. 11.2")))
        yield Field(_("Note"), text_input("note", ""))

    def on_mount(self) -> None:
        self.query_one("#company").disabled = True
        self.query_one("#received").focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "nothing":
            for field_id in GRANT_FIELDS:
                self.query_one(f"#{field_id}").disabled = event.value

    def collect(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "received": self.read("received", date_value),
            "note": self.raw("note").strip(),
        }
        if self.raw("nothing"):
            return values
        grantor = self.raw("grantor").strip()
        if not grantor:
            self.field_error(
                "grantor", _("Give who granted the earlier aid, or tick 'No earlier aid'.")
            )
        values.update(
            grantor=grantor,
            granted=self.read("granted", _optional_date),
            amount=self.raw("amount").strip() or "0",
            currency=self.raw("currency"),
            scheme=self.raw("scheme"),
            eur_rate=self.raw("eur_rate").strip() or None,
        )
        return values

    def save(self, store: Store, values: dict[str, Any]) -> Declaration:
        from hubtui.services.aid_declarations import declare

        return declare(store, self.organisation.id, **values)
