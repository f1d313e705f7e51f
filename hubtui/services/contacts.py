"""Contact persons (personal data): only name, role, e-mail, phone, organisation, legal basis."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from hubtui.domain.errors import InvalidValue, Term, UserError, about
from hubtui.domain.text import INERT
from hubtui.services.common import optional_text, required_text
from hubtui.services.organisations import get_organisation
from hubtui.store import Store, tables
from hubtui.store.views import ContactView

_CONTACT = tables.CONTACT
_ORG = tables.ORGANISATION

# The lawful bases of GDPR article 6(1).
LEGAL_BASES = (
    "legitimate_interest",
    "consent",
    "contract",
    "legal_obligation",
    "public_task",
    "vital_interests",
)
EDITABLE = ("organisation_id", "name", "role", "email", "phone", "legal_basis")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{4,}")


def _validated(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "name" in values:
        out["name"] = required_text(values["name"], Term("The contact's name"), field="name")
    if "role" in values:
        out["role"] = optional_text(values["role"], Term("Role"), field="role")
    if "email" in values:
        email = optional_text(values["email"], Term("E-mail"), field="email")
        if email and (not _EMAIL.fullmatch(email) or any(ord(c) in INERT for c in email)):
            raise InvalidValue(
                "E-mail '{email}' is not an e-mail address; write it as name@example.se.",
                email=email,
                field="email",
            )
        out["email"] = email
    if "phone" in values:
        phone = optional_text(values["phone"], Term("Phone"), field="phone")
        if phone and not _PHONE.fullmatch(phone):
            raise InvalidValue(
                (
                    "Phone '{phone}' is not a phone number; use digits, spaces, dashes and a "
                    "leading +."
                ),
                phone=phone,
                field="phone",
            )
        out["phone"] = phone
    if "legal_basis" in values:
        basis = (values["legal_basis"] or "legitimate_interest").strip().lower()
        if basis not in LEGAL_BASES:
            raise InvalidValue(
                "'{basis}' is not a legal basis; use one of {legal_bases}.",
                basis=basis,
                legal_bases=", ".join(LEGAL_BASES),
                field="legal_basis",
            )
        out["legal_basis"] = basis
    if "organisation_id" in values:
        out["organisation_id"] = values["organisation_id"] or None
    return out


def _check_organisation(store: Store, org_id: str | None) -> None:
    if org_id:
        with about("organisation_id"):
            get_organisation(store, org_id)


def add_contact(
    store: Store,
    *,
    name: str,
    organisation_id: str | None = None,
    role: str = "",
    email: str = "",
    phone: str = "",
    legal_basis: str = "legitimate_interest",
) -> ContactView:
    """Record a contact person at an organisation."""
    values = _validated(
        {
            "organisation_id": organisation_id,
            "name": name,
            "role": role,
            "email": email,
            "phone": phone,
            "legal_basis": legal_basis,
        }
    )
    _check_organisation(store, values["organisation_id"])
    with store.write() as w:
        contact_id = w.insert("contact", values)
    return get_contact(store, contact_id)


def update_contact(store: Store, contact_id: str, **changes: Any) -> ContactView:
    """Change some fields of a contact."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"contact has no editable field(s) {sorted(unknown)}")
    get_contact(store, contact_id)
    values = _validated(changes)
    if "organisation_id" in values:
        _check_organisation(store, values["organisation_id"])
    with store.write() as w:
        w.update("contact", contact_id, values)
    return get_contact(store, contact_id)


def delete_contact(store: Store, contact_id: str) -> bool:
    """Tombstone a contact (erasing the person for good is a separate, GDPR operation)."""
    get_contact(store, contact_id)
    with store.write() as w:
        return w.delete("contact", contact_id)


def _select() -> Any:
    return select(_CONTACT, _ORG.c.name.label("organisation_name")).outerjoin(
        _ORG, _ORG.c.id == _CONTACT.c.organisation_id
    )


def _view(r: Mapping[Any, Any]) -> ContactView:
    return ContactView(
        id=r["id"],
        organisation_id=r["organisation_id"],
        organisation_name=r["organisation_name"] or "",
        name=r["name"],
        role=r["role"],
        email=r["email"],
        phone=r["phone"],
        legal_basis=r["legal_basis"],
    )


def get_contact(store: Store, contact_id: str) -> ContactView:
    with store.read() as conn:
        row = (
            conn.execute(
                _select().where(_CONTACT.c.id == contact_id, _CONTACT.c.deleted.is_(False))
            )
            .mappings()
            .first()
        )
    if row is None:
        raise UserError(
            "There is no contact with id {contact_id}; check the id.", contact_id=contact_id
        )
    return _view(row)


def list_contacts(store: Store, organisation_id: str | None = None) -> list[ContactView]:
    """Live contacts, of one organisation or all, by organisation and name."""
    query = _select().where(_CONTACT.c.deleted.is_(False))
    if organisation_id:
        query = query.where(_CONTACT.c.organisation_id == organisation_id)
    query = query.order_by(_ORG.c.name_key, _CONTACT.c.name, _CONTACT.c.id)
    with store.read() as conn:
        return [_view(r) for r in conn.execute(query).mappings()]
