"""Add, edit or delete a contact person (only the personal data hubtui may keep)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding

from hubtui.store.views import OrgRef
from hubtui.ui.i18n import N_, _
from hubtui.ui.messages import DbReply
from hubtui.ui.widgets.form import Field, FormScreen, choice_select, text_input
from hubtui.ui.widgets.org_picker import OrgPicker

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import ContactView, OrganisationView

LEGAL_BASES = (
    ("legitimate_interest", N_("Legitimate interest")),
    ("consent", N_("Consent")),
    ("contract", N_("Contract")),
    ("legal_obligation", N_("Legal obligation")),
    ("public_task", N_("Public task")),
    ("vital_interests", N_("Vital interests")),
)


class ContactForm(FormScreen):
    FORM_TITLE = N_("Contact person")
    HELP = N_(
        "A contact is personal data: keep only what the work needs. The legal basis says why "
        "hubtui may hold it (GDPR article 6). ctrl+d deletes the contact."
    )
    BINDINGS = [Binding("ctrl+d", "delete", N_("Delete"), id="contact.delete", priority=True)]

    class Deleted(DbReply[bool]):
        """The contact was deleted."""

    FIELD_IDS = {"organisation_id": "organisation"}

    def __init__(
        self, contact: ContactView | None = None, organisation: OrganisationView | None = None
    ) -> None:
        super().__init__()
        self.contact = contact
        self.organisation = organisation

    def compose_fields(self) -> ComposeResult:
        c = self.contact
        yield Field(_("Name"), text_input("name", c.name if c else ""))
        yield Field(_("Role"), text_input("role", c.role if c else ""))
        yield Field(_("E-mail"), text_input("email", c.email if c else "", "name@example.se"))
        yield Field(_("Phone"), text_input("phone", c.phone if c else ""))
        initial: tuple[Any, ...] = ()
        if self.organisation:
            initial = (self.organisation,)
        elif c and c.organisation_id:
            initial = (OrgRef(c.organisation_id, c.organisation_name, None),)
        yield Field(_("Organisation"), OrgPicker(id="organisation", initial=initial))
        bases = [(_(text), value) for value, text in LEGAL_BASES]
        basis = c.legal_basis if c else None
        yield Field(_("Legal basis"), choice_select("legal_basis", bases, basis, blank=False))

    def on_mount(self) -> None:
        self.query_one("#name").focus()

    def collect(self) -> dict[str, Any]:
        name = self.raw("name").strip()
        if not name:
            self.field_error("name", _("Name is empty; fill it in."))
        return {
            "name": name,
            "role": self.raw("role").strip(),
            "email": self.raw("email").strip(),
            "phone": self.raw("phone").strip(),
            "organisation_id": self.raw("organisation"),
            "legal_basis": self.raw("legal_basis"),
        }

    def save(self, store: Store, values: dict[str, Any]) -> ContactView:
        from hubtui.services.contacts import add_contact, update_contact

        if self.contact is None:
            return add_contact(store, **values)
        return update_contact(store, self.contact.id, **values)

    def on_contact_form_deleted(self, message: ContactForm.Deleted) -> None:
        self.dismiss(message.result)

    def action_delete(self) -> None:
        from hubtui.ui.widgets.dialogs import ConfirmDialog

        contact = self.contact
        if contact is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                from hubtui.services.contacts import delete_contact

                self.post_db(lambda store: delete_contact(store, contact.id), self.Deleted)

        question = _("Delete the contact {name}?").format(name=contact.name)
        self.app.push_screen(ConfirmDialog(question), answered)
