"""Where a guessed column mapping may be wrong: questions for the user to answer before importing.

"Namn" beside "Organisationsnummer" and "E-post" is most likely the organisation's name, but it
may be the contact person's; the import says how it read such a column and how to change it.
"""

from __future__ import annotations

from typing import Literal

from hubtui.i18n import N_, _
from hubtui.importers.fields import FIELDS, candidate_fields, guess_mapping
from hubtui.importers.mapping import ColumnMapping

# The fields an ambiguous header may mean, in words.
FIELD_WORDS = {
    "name": N_("the organisation's name"),
    "contact": N_("the contact person's name"),
    "title": N_("the title"),
    "role": N_("the person's role"),
    "type": N_("the activity type"),
    "notes": N_("the organisation's notes"),
    "note": N_("the activity's note"),
}


def _words(field: str) -> str:
    return _(FIELD_WORDS[field]) if field in FIELD_WORDS else field


def mapping_doubts(mapping: ColumnMapping, how: Literal["cli", "app"] = "cli") -> list[str]:
    """Each guessed column that may well mean another field still without a column, and a
    contacts list without names, as sentences saying how to change it."""
    allowed = FIELDS[mapping.kind]
    guessed = guess_mapping(mapping.headers, mapping.kind)
    doubts: list[str] = []
    for index, field in mapping.columns.items():
        if guessed.get(index) != field:
            continue  # the user chose it
        header = mapping.headers[index]
        others = [
            f
            for f in candidate_fields(header)
            if f in allowed and f != field and f not in mapping.fields
        ]
        if not others:
            continue
        if how == "cli":
            text = _(
                "'{header}' is read as {field}; if it holds {other}, give --map '{header}={id}'."
            )
        else:
            text = _("'{header}' is read as {field}; if it holds {other}, choose that in its list.")
        doubts.append(
            text.format(header=header, field=_words(field), other=_words(others[0]), id=others[0])
        )
    if mapping.kind == "contacts" and "email" in mapping.fields and "contact" not in mapping.fields:
        doubts.append(
            _(
                "No column holds the contact persons' names: each e-mail address becomes a "
                "contact of its row's organisation, named by the address."
            )
        )
    return doubts
