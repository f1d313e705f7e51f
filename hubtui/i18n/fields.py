"""The names of stored fields in words: a table's column headings, a change history's fields."""

from __future__ import annotations

from hubtui.i18n import N_

# A field's name in words (translate with `_` when shown)
FIELD_WORDS = {
    "type": N_("type"),
    "date": N_("date"),
    "advisor": N_("advisor"),
    "hours": N_("hours"),
    "title": N_("title"),
    "note": N_("note"),
    "notes": N_("notes"),
    "category": N_("category"),
    "support": N_("support form"),
    "joint_rd": N_("joint R&D"),
    "women": N_("women"),
    "men": N_("men"),
    "other": N_("other"),
    "unstated": N_("unstated"),
    "project_id": N_("project"),
    "organisation_id": N_("organisation"),
    "orgnr": N_("orgnr"),
    "name": N_("name"),
    "kind": N_("kind"),
    "county": N_("county"),
    "municipality": N_("municipality"),
    "employees": N_("employees"),
    "size_class": N_("size class"),
    "sni_codes": N_("SNI codes"),
    "founded": N_("founded"),
    "website": N_("website"),
    "country": N_("country"),
    "personal_number": N_("personal number"),
    "role": N_("role"),
    "email": N_("e-mail"),
    "phone": N_("phone"),
    "deleted": N_("deleted"),
}
