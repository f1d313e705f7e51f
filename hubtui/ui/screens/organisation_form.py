"""Add or edit an organisation; orgnr, county, municipality and size class are checked as typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.widgets import Input

from hubtui.domain.activity_types import LeaderGender, OrgKind
from hubtui.domain.countries import country_code
from hubtui.domain.errors import Term
from hubtui.domain.orgnr import parse_orgnr
from hubtui.domain.periods import parse_date
from hubtui.domain.regions import county, municipality
from hubtui.domain.size import SizeClass, size_class
from hubtui.domain.sni import parse_sni_codes
from hubtui.errors import UserError
from hubtui.ui.i18n import N_, _, error_text, language
from hubtui.ui.labels import enum_options, value_label
from hubtui.ui.widgets.form import Field, FormScreen, choice_select, optional_int, text_input

if TYPE_CHECKING:
    from hubtui.store import Store
    from hubtui.store.views import OrganisationView


def _optional(parse: Any) -> Any:
    """A parser that lets an empty field through as None."""
    return lambda text: parse(text.strip()) if text and text.strip() else None


def describe_orgnr(text: str) -> str:
    info = parse_orgnr(text)
    if info.is_personal_number:
        return _("{orgnr}: a personal identity number (sole trader), kept as personal data").format(
            orgnr=info.canonical
        )
    form = getattr(info.legal_form, language(), "") if info.legal_form else ""
    return f"{info.canonical} {form}".strip()


def describe_size(text: str) -> str:
    employees = optional_int(text, Term("Employees"))
    found = size_class(employees)
    return value_label(found) if found else ""


def describe_country(text: str) -> str:
    """Nothing to add to a valid code (a bad one raises, and is shown at the field)."""
    country_code(text)
    return ""


class OrganisationForm(FormScreen):
    FORM_TITLE = N_("Organisation")
    HELP = N_(
        "Name is required. The orgnr is checked as you type (ten digits, with or without the "
        "dash); leave it empty for foreign organisations. County and municipality take a code "
        "or a name. The country is the two letters of ISO 3166-1 (SE unless you say otherwise, NO "
        "for a Norwegian customer). The size class follows the number of employees unless you "
        "set it."
    )
    LIVE = {
        "orgnr": describe_orgnr,
        "county": lambda text: county(text).name,
        "municipality": lambda text: municipality(text).name,
        "country": describe_country,
        "employees": describe_size,
    }

    def __init__(self, organisation: OrganisationView | None = None, name: str = "") -> None:
        super().__init__()
        self.organisation = organisation
        self.initial_name = name

    def compose_fields(self) -> ComposeResult:
        o = self.organisation
        yield Field(_("Name"), text_input("name", o.name if o else self.initial_name))
        orgnr = o.orgnr or "" if o else ""
        yield Field(_("Orgnr"), text_input("orgnr", orgnr, "NNNNNN-NNNN"), hint=" ")
        kinds = enum_options(OrgKind)
        yield Field(_("Kind"), choice_select("kind", kinds, o.kind if o else None, blank=False))
        yield Field(_("County"), text_input("county", o.county or "" if o else "", "19"), hint=" ")
        municipality_code = o.municipality or "" if o else ""
        yield Field(
            _("Municipality"), text_input("municipality", municipality_code, "1980"), hint=" "
        )
        yield Field(_("Country"), text_input("country", o.country if o else "SE", "SE"), hint=" ")
        employees = "" if o is None or o.employees is None else str(o.employees)
        yield Field(_("Employees"), text_input("employees", employees), hint=" ")
        sizes = enum_options(SizeClass)
        override = o.size_override if o else None
        size = choice_select(
            "size_override", sizes, override, blank=True, prompt=_("from the employees")
        )
        yield Field(_("Size class"), size)
        sni = ", ".join(o.sni_codes) if o else ""
        yield Field(_("SNI codes"), text_input("sni_codes", sni, "25110, 62010"))
        founded = o.founded.isoformat() if o and o.founded else ""
        yield Field(_("Founded"), text_input("founded", founded, "YYYY-MM-DD"))
        genders = enum_options(LeaderGender)
        gender = o.leader_gender if o else LeaderGender.UNKNOWN.value
        yield Field(_("Leader"), choice_select("leader_gender", genders, gender, blank=False))
        yield Field(_("Website"), text_input("website", o.website if o else ""))
        yield Field(_("Notes"), text_input("notes", o.notes if o else ""))

    def on_mount(self) -> None:
        for field_id in self.LIVE:
            self._check_live(field_id, self.query_one(f"#{field_id}", Input).value)
        self.query_one("#name").focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in self.LIVE:
            self._check_live(event.input.id, event.value)

    def _check_live(self, field_id: str, text: str) -> None:
        """Say at once what a typed code means, or what is wrong with it."""
        field = self.query_one(f"#field-{field_id}", Field)
        if not text.strip():
            field.set_error(None)
            field.set_hint("")
            return
        try:
            field.set_hint(self.LIVE[field_id](text))
            field.set_error(None)
        except UserError as error:
            field.set_hint("")
            field.set_error(error_text(error))

    def collect(self) -> dict[str, Any]:
        name = self.raw("name").strip()
        if not name:
            self.field_error("name", _("Name is empty; fill it in."))
        return {
            "name": name,
            "orgnr": self.read("orgnr", _optional(lambda t: parse_orgnr(t).canonical)),
            "kind": self.raw("kind"),
            "county": self.read("county", _optional(lambda t: county(t).code)),
            "municipality": self.read("municipality", _optional(lambda t: municipality(t).code)),
            "country": self.read("country", country_code),
            "employees": self.read("employees", lambda t: optional_int(t, Term("Employees"))),
            "size_override": self.raw("size_override"),
            "sni_codes": self.read("sni_codes", lambda t: parse_sni_codes(t or "")),
            "founded": self.read("founded", _optional(parse_date)),
            "leader_gender": self.raw("leader_gender"),
            "website": self.raw("website").strip(),
            "notes": self.raw("notes").strip(),
        }

    def save(self, store: Store, values: dict[str, Any]) -> OrganisationView:
        from hubtui.services.organisations import add_organisation, update_organisation

        if self.organisation is None:
            return add_organisation(store, **values)
        return update_organisation(store, self.organisation.id, **values)
