"""The names of stored fields in words: a table's column headings, a change history's fields."""

from __future__ import annotations

from hubtui.i18n import N_, _

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
    "size_override": N_("size class set by hand"),
    "sni_version": N_("SNI version"),
    "leader_gender": N_("leader's gender"),
    "merged_into": N_("merged into"),
    "group_of": N_("group"),
    "legal_basis": N_("legal basis"),
    "code": N_("code"),
    "start": N_("start"),
    "end": N_("end"),
    "counties": N_("counties"),
    "funders": N_("funders"),
    "period_months": N_("months per period"),
    "owner": N_("owner"),
    "description": N_("description"),
    "beneficiary_orgnr": N_("beneficiary's orgnr"),
    "case_number": N_("case number"),
    "programme": N_("programme"),
    "contact": N_("contact"),
    "edih": N_("EDIH"),
    "aid": N_("state aid"),
    "key": N_("goal id"),
    "label": N_("label"),
    "label_en": N_("label in English"),
    "metric": N_("metric"),
    "target": N_("target"),
    "where": N_("condition"),
    "position": N_("position"),
    "host_organisation_id": N_("host organisation"),
    "location": N_("location"),
    "testbed_id": N_("testbed"),
    "outcome": N_("outcome"),
    "aid_sek": N_("aid (SEK)"),
    "aid_scheme": N_("aid scheme"),
    "activity_id": N_("activity"),
    "stage": N_("stage"),
    "strategy": N_("strategy"),
    "readiness": N_("readiness"),
    "human_centric": N_("human-centric"),
    "data_management": N_("data management"),
    "automation_ai": N_("automation and AI"),
    "green": N_("green"),
    "amount": N_("amount"),
    "currency": N_("currency"),
    "source": N_("source"),
    "partner": N_("partner"),
    "period": N_("period"),
    "section": N_("section"),
    "text": N_("text"),
    "submitted": N_("submitted"),
    "snapshot": N_("submitted content"),
    "group_name": N_("group"),
    "received": N_("received"),
    "granted": N_("granted"),
    "grantor": N_("grantor"),
    "eur_rate": N_("euro rate"),
    "scheme": N_("scheme"),
}

# A kind of record in words, by its table (translate with `_` when shown)
ENTITY_WORDS = {
    "organisation": N_("organisation"),
    "contact": N_("contact"),
    "project": N_("project"),
    "kpi_goal": N_("goal"),
    "testbed": N_("testbed"),
    "activity": N_("activity"),
    "activity_organisation": N_("activity's organisation"),
    "dma_assessment": N_("DMA assessment"),
    "investment": N_("investment"),
    "collaboration": N_("collaboration"),
    "report_note": N_("report note"),
    "report_submission": N_("submitted report"),
    "group_composition": N_("group composition"),
    "aid_declaration": N_("aid declaration"),
}


def field_words(field: str) -> str:
    """A stored field's name in the current language."""
    return _(FIELD_WORDS[field]) if field in FIELD_WORDS else field.replace("_", " ")


def entity_words(entity: str) -> str:
    """A kind of record's name in the current language."""
    return _(ENTITY_WORDS[entity]) if entity in ENTITY_WORDS else entity.replace("_", " ")


def column_words(entity: str, field: str) -> str:
    """A table's column in words: "organisation, employees"."""
    return f"{entity_words(entity)}, {field_words(field)}"


def writer_words(advisor: str, origin: str) -> str:
    """Who wrote a change: "Karin Lund (device 8f3a…)", the device by its id's last 12 digits."""
    return _("{advisor} (device {device})").format(advisor=advisor or "?", device=origin[-12:])
