"""What can be imported: the kinds of file, their fields, and guessing both from the headers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, cast

from hubtui.errors import UserError
from hubtui.importers.values import match_key
from hubtui.services.organisations import EDITABLE

Kind = Literal["organisations", "contacts", "activities", "events"]
KINDS: tuple[Kind, ...] = ("organisations", "contacts", "activities", "events")

# The editable organisation fields, as the organisation service names them.
ORGANISATION_FIELDS: tuple[str, ...] = EDITABLE
CONTACT_FIELDS = ("contact", "role", "email", "phone")
ACTIVITY_FIELDS = (
    "project",
    "date",
    "type",
    "title",
    "hours",
    "women",
    "men",
    "other",
    "unstated",
    "participants",
    "note",
    "advisor",
    "category",
    "support",
    "outcome",
    "name",
    "orgnr",
)
FIELDS: dict[Kind, tuple[str, ...]] = {
    "organisations": ORGANISATION_FIELDS,
    "contacts": ORGANISATION_FIELDS + CONTACT_FIELDS,
    "activities": ACTIVITY_FIELDS,
    "events": ACTIVITY_FIELDS,
}
COUNT_FIELDS = ("women", "men", "other", "unstated", "participants")
PERSON_FIELDS = ("contact", "email", "phone", "role")

# Header spellings, Swedish and English. A header naming several fields gets the first one no
# other header has claimed: with a "Typ" column, "Aktivitet" is the title; without, the type.
_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "företag",
        "företagsnamn",
        "företagets namn",
        "organisation",
        "organisationsnamn",
        "organisationens namn",
        "namn på företag",
        "bolag",
        "bolagsnamn",
        "kund",
        "company",
        "company name",
        "organisation name",
        "organization",
        "organization name",
        "deltagande företag",
    ),
    "orgnr": (
        "orgnr",
        "org nr",
        "org.nr",
        "org nummer",
        "organisationsnummer",
        "organisationsnr",
        "orgnummer",
        "organisation number",
        "organization number",
        "company number",
        "corporate id",
    ),
    "kind": ("organisationstyp", "typ av organisation", "aktörstyp", "kind", "organisation type"),
    "county": ("län", "länskod", "lan", "county", "county code", "region"),
    "municipality": ("kommun", "kommunkod", "kommunnamn", "municipality", "municipality code"),
    "employees": (
        "antal anställda",
        "anställda",
        "antal medarbetare",
        "medarbetare",
        "employees",
        "number of employees",
        "headcount",
    ),
    "size_override": ("storlek", "storleksklass", "företagsstorlek", "size", "size class"),
    "sni_codes": ("sni", "snikod", "sni kod", "sni2007", "sni koder", "nace", "sni codes"),
    "founded": ("grundat", "grundad", "registreringsdatum", "bildat", "founded", "founding date"),
    "leader_gender": ("vd kön", "kön vd", "ledarens kön", "leader gender", "ceo gender"),
    "country": ("land", "landskod", "country", "country code"),
    "website": ("webbplats", "hemsida", "webb", "webbadress", "website", "web", "url"),
    "contact": ("kontaktperson", "kontakt", "contact", "contact person", "person"),
    "role": ("roll", "befattning", "role", "position", "job title"),
    "email": ("e-post", "epost", "e-postadress", "mejl", "mail", "email", "e-mail"),
    "phone": ("telefon", "tel", "telefonnummer", "mobil", "mobilnummer", "phone", "mobile"),
    "project": ("projekt", "projektkod", "project", "project code"),
    "date": ("datum", "aktivitetsdatum", "date", "dag", "event date"),
    "type": ("typ", "aktivitetstyp", "typ av aktivitet", "type", "activity type"),
    "title": (
        "titel",
        "rubrik",
        "benämning",
        "namn på aktivitet",
        "aktivitetens namn",
        "evenemang",
        "arrangemang",
        "title",
        "event",
        "event name",
    ),
    "hours": ("timmar", "antal timmar", "tid", "hours", "time"),
    "women": ("kvinnor", "antal kvinnor", "kvinna", "women", "female"),
    "men": ("män", "antal män", "men", "male"),
    "other": ("annat", "annat kön", "annan", "other", "other gender"),
    "unstated": ("ej angivet", "ej angett", "vill ej ange", "okänt", "not stated", "unstated"),
    "participants": ("deltagare", "antal deltagare", "participants", "attendees", "antal"),
    "note": ("anteckning", "notering", "note"),
    "advisor": ("rådgivare", "ansvarig", "handläggare", "processledare", "advisor"),
    "category": ("tjänstekategori", "kategori", "category", "service category"),
    "support": ("stödform", "support", "support form"),
    "outcome": ("resultat", "utfall", "outcome"),
}
# Headers that mean one of several fields, in order of preference.
_SHARED: dict[str, tuple[str, ...]] = {
    "aktivitet": ("type", "title"),
    "activity": ("type", "title"),
    "namn": ("name", "contact", "title"),
    "name": ("name", "contact", "title"),
    "titel": ("title", "role"),
    "title": ("title", "role"),
    "kommentar": ("notes", "note"),
    "comment": ("notes", "note"),
    "anteckningar": ("notes", "note"),
    "notes": ("notes", "note"),
    "övrigt": ("notes", "note"),
}


def _alias_index() -> dict[str, tuple[str, ...]]:
    index: dict[str, tuple[str, ...]] = {}
    for field, aliases in _ALIASES.items():
        for alias in aliases:
            index.setdefault(match_key(alias), ())
            index[match_key(alias)] += (field,)
    for alias, fields in _SHARED.items():
        index[match_key(alias)] = fields
    return index


_INDEX = _alias_index()


def candidate_fields(header: str) -> tuple[str, ...]:
    """The fields a header may mean, best first ("Tid (h)" is read as "Tid")."""
    found = _INDEX.get(match_key(header))
    if found is None:
        found = _INDEX.get(match_key(re.sub(r"\(.*?\)|\[.*?\]", "", header)), ())
    return found


def header_score(cells: Sequence[str]) -> int:
    """How many cells of a row look like known headers (used to find the header row)."""
    return sum(1 for cell in cells if cell and candidate_fields(cell))


def guess_mapping(headers: Sequence[str], kind: Kind) -> dict[int, str]:
    """Column index → field for the headers this kind understands."""
    allowed = FIELDS[kind]
    candidates = {
        index: [f for f in candidate_fields(header) if f in allowed]
        for index, header in enumerate(headers)
        if header
    }
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    # Unambiguous headers first, so they win over headers that could mean several fields.
    for index, fields in sorted(candidates.items(), key=lambda item: (len(item[1]) != 1, item[0])):
        free = [f for f in fields if f not in taken]
        if free:
            mapping[index] = free[0]
            taken.add(free[0])
    return dict(sorted(mapping.items()))


def guess_kind(headers: Sequence[str]) -> Kind:
    """What a sheet holds, judged by the fields its headers name."""
    fields = {f for header in headers if header for f in candidate_fields(header)}
    if "date" in fields and fields & {"type", "title"}:
        return "events" if fields & set(COUNT_FIELDS) else "activities"
    # A person's details beside the organisation's make it a contacts list; "Namn" alone
    # (it may be the organisation's name or a person's) does not.
    firsts = {candidate_fields(header)[0] for header in headers if candidate_fields(header)}
    if firsts & set(PERSON_FIELDS) and fields & {"name", "orgnr"}:
        return "contacts"
    if fields & {"name", "orgnr"}:
        return "organisations"
    shown = ", ".join(f"'{h}'" for h in headers if h) or "none"
    raise UserError(
        (
            "Cannot tell what the file holds from its headers ({shown}); give --kind "
            "({kinds}) and map the columns with --map COLUMN=FIELD."
        ),
        shown=shown,
        kinds=", ".join(KINDS),
    )


def parse_kind(text: str) -> Kind:
    key = text.strip().lower()
    aliases = {"orgs": "organisations", "organizations": "organisations", "event": "events"}
    key = aliases.get(key, key)
    if key not in KINDS:
        raise UserError(
            "'{text}' is not something hubtui imports; use {kinds}.",
            text=text,
            kinds=", ".join(KINDS),
        )
    return cast(Kind, key)
