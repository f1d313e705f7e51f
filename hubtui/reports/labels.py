"""The report's section titles, column headings and wording in Swedish and English, and the
names of the values the report model holds (activity types, categories, size classes, …).

Reports are documents for a funder, written in the report's language whatever the UI
language is, so they keep their own small table of labels instead of the UI catalogue. The
model holds values only; the format writers name them here, in the language asked for.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Literal

from hubtui.domain.activity_types import ACTIVITY_TYPES, Category
from hubtui.domain.activity_types import label as enum_label
from hubtui.domain.regions import UnknownRegion, county
from hubtui.domain.size import SizeClass
from hubtui.domain.sni import section_names

ReportLang = Literal["sv", "en"]
LANGS: tuple[ReportLang, ...] = ("sv", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # document titles
    "title_quarterly": ("Lägesrapport", "Progress report"),
    "title_final": ("Slutrapport", "Final report"),
    # sections
    "sec_overview": ("Övergripande uppgifter om projektet", "Project overview"),
    "sec_arbetssatt": ("Arbetssätt och organisation", "Way of working and organisation"),
    "sec_activities": ("Aktiviteter", "Activities"),
    "sec_by_type": ("Aktiviteter per typ", "Activities by type"),
    "sec_by_category": (
        "Aktiviteter per EDIH-tjänstekategori",
        "Activities by EDIH service category",
    ),
    "sec_events": ("Gruppaktiviteter", "Group events"),
    "sec_results": ("Projektets resultat", "Results"),
    "sec_indicators": ("Indikatorer", "Indicators"),
    "sec_size": ("Företag som fått stöd per storleksklass", "Enterprises supported by size class"),
    "sec_gender": ("Jämställdhet", "Gender balance"),
    "sec_attendance": ("Deltagare per kön", "Participants by gender"),
    "sec_women_led": (
        "Stödda företag efter ledarens kön",
        "Supported companies by leader's gender",
    ),
    "sec_groups": ("Styrgrupp och nätverk", "Steering group and networks"),
    "sec_deviations": ("Avvikelser", "Deviations"),
    "sec_unforeseen": ("Oförutsedda effekter", "Unforeseen effects"),
    "sec_equal": (
        "Lika möjligheter och icke-diskriminering",
        "Equal opportunities and non-discrimination",
    ),
    "sec_sustainable": ("Hållbar utveckling (miljö)", "Sustainable development (environment)"),
    "sec_reach": (
        "Hur projektet når målgruppen (kön, ålder, bakgrund, geografi)",
        "Reaching the target group (gender, age, background, geography)",
    ),
    "sec_by_place": (
        "Organisationer som fått stöd per län och kommun",
        "Organisations supported by county and municipality",
    ),
    "sec_reach_size": (
        "Företag som fått stöd i perioden per storleksklass",
        "Enterprises supported in the period by size class",
    ),
    "sec_by_sector": (
        "Organisationer som fått stöd per bransch (SNI-avdelning)",
        "Organisations supported by sector (SNI section)",
    ),
    "sec_kpi_comments": ("Kommentarer per indikator", "Comments per indicator"),
    "sec_counting_rules": ("Så räknas indikatorerna", "How the indicators are counted"),
    "sec_behind": ("Indikatorer som ligger efter plan", "Indicators behind plan"),
    "sec_participants": ("Deltagarlista", "Participant list"),
    # overview fields
    "project_name": ("Projektnamn", "Project name"),
    "project_code": ("Projektkod", "Project code"),
    "project_period": ("Projektperiod", "Project period"),
    "reporting_period": ("Rapportperiod", "Reporting period"),
    "funders": ("Finansiärer", "Funders"),
    "target_region": ("Målområde", "Target region"),
    "owner": ("Stödmottagare", "Beneficiary"),
    "case_number": ("Ärendenummer", "Case number"),
    "programme": ("Program och fond", "Programme and fund"),
    "contact": ("Kontaktperson", "Contact person"),
    "generated": ("Rapportdatum", "Report date"),
    # column headings
    "col_type": ("Typ", "Type"),
    "col_category": ("Tjänstekategori", "Service category"),
    "col_activities": ("Antal", "Count"),
    "col_hours": ("Timmar", "Hours"),
    "col_participants": ("Deltagare", "Participants"),
    "col_date": ("Datum", "Date"),
    "col_title": ("Rubrik", "Title"),
    "col_organisations": ("Organisationer", "Organisations"),
    "col_companies": ("Företag", "Companies"),
    "col_companies_period": ("Företag i perioden", "Enterprises in the period"),
    "col_orgs_short": ("Antal org.", "No. of orgs"),
    "col_women": ("Kvinnor", "Women"),
    "col_men": ("Män", "Men"),
    "col_other": ("Annat", "Other"),
    "col_unstated": ("Ej angivet", "Not stated"),
    "col_total": ("Totalt", "Total"),
    "col_kpi": ("Indikator", "Indicator"),
    "col_target": ("Mål", "Target"),
    "col_period_value": ("Denna period", "This period"),
    "col_cumulative": ("Ackumulerat", "Cumulative"),
    "col_expected": ("Förväntat hittills", "Expected by now"),
    "col_progress": ("Andel av mål", "Share of target"),
    "col_status": ("Status", "Status"),
    "col_report_status": ("Rapportens status", "Report status"),
    "col_size_class": ("Storleksklass", "Size class"),
    "col_group": ("Grupp", "Group"),
    "col_organisation": ("Organisation", "Organisation"),
    "col_orgnr": ("Organisationsnummer", "Organisation number"),
    "col_county": ("Län", "County"),
    "col_kind": ("Typ av organisation", "Kind of organisation"),
    "col_first_support": ("Första stöd i projektet", "First support in the project"),
    "col_email": ("E-post", "E-mail"),
    "col_leader_gender": ("Ledarens kön", "Leader's gender"),
    "col_measure": ("Mått", "Measure"),
    "col_particular": ("Uppgift", "Item"),  # the project overview: name, case number, …
    "col_value": ("Värde", "Value"),
    "col_municipality": ("Kommun", "Municipality"),
    "col_employees_short": ("Anst.", "Empl."),
    "col_orgnr_short": ("Org.nr", "Org. no."),
    "col_kind_short": ("Typ", "Kind"),
    "col_size_short": ("Storlek", "Size"),
    "col_sni": ("SNI", "SNI"),
    "col_support": ("Stöd i perioden", "Support in the period"),
    "col_first_in_period": ("Första stöd", "First support"),
    "col_last_in_period": ("Senaste stöd", "Last support"),
    "col_sector": ("Bransch", "Sector"),
    "col_organisations_n": ("Antal organisationer", "Organisations"),
    "col_comment": ("Kommentar", "Comment"),
    "col_section": ("Avsnitt", "Section"),
    "col_text": ("Text", "Text"),
    "col_rule": ("Så räknas den", "How it is counted"),
    "sheet_notes": ("Text och kommentarer", "Text and comments"),
    "sheet_reach": ("Målgrupp", "Target group"),
    "sheet_changes": ("Ändringar", "Changes"),
    "unknown": ("Okänt", "Unknown"),
    "rule_types": ("aktivitetstyper", "activity types"),
    "rule_categories": ("tjänstekategorier", "service categories"),
    "rule_size": ("storleksklasser", "size classes"),
    "rule_counties": ("län", "counties"),
    "rule_kinds": ("organisationstyper", "kinds of organisation"),
    "rule_support": ("stödformer", "forms of support"),
    "rule_manufacturing": (
        "endast tillverkande företag (SNI 10–33)",
        "manufacturing companies only (SNI 10–33)",
    ),
    "rule_not_manufacturing": (
        "endast företag utanför tillverkningen",
        "companies outside manufacturing only",
    ),
    "rule_everything": ("alla projektets aktiviteter", "all the project's activities"),
    "rule_line": ("{label}: räknar {what}; {scope}.", "{label}: counts {what}; {scope}."),
    "rule_body": ("Räknar {what}; {scope}.", "Counts {what}; {scope}."),
    "rule_orgs_supported": ("organisationer som fått stöd", "organisations supported"),
    "women_share_rule": (
        "Andel kvinnor = kvinnor ÷ (kvinnor + män + annat). Deltagare med okänt kön räknas "
        "inte i nämnaren; under perioden var de {unstated} (kolumnen ”Ej angivet”).",
        "Share of women = women ÷ (women + men + other). Participants whose gender is not "
        "stated are left out of the denominator; in the period they were {unstated} (the "
        "column “Not stated”).",
    ),
    "draft": ("Utkast", "Draft"),
    "submitted": ("Inlämnad {date}", "Submitted {date}"),
    "sec_changes": ("Ändringar efter inlämning", "Changes after submission"),
    "changes_intro": (
        "Ändringar i aktiviteter daterade i den senast inlämnade perioden, gjorda efter att "
        "rapporten lämnades in, och deras verkan på periodens indikatorer.",
        "Changes to activities dated in the last submitted period, made after its report was "
        "submitted, and their effect on that period's indicators.",
    ),
    "change_added": ("tillagd", "added"),
    "change_deleted": ("borttagen", "deleted"),
    "col_change": ("Ändring", "Change"),
    "field_date": ("datum", "date"),
    "field_type": ("typ", "type"),
    "field_title": ("rubrik", "title"),
    "field_hours": ("timmar", "hours"),
    "field_women": ("kvinnor", "women"),
    "field_men": ("män", "men"),
    "field_other": ("annat kön", "other gender"),
    "field_unstated": ("kön ej angivet", "gender not stated"),
    "field_orgs": ("organisationer", "organisations"),
    "field_counts_changed": ("{field}: ändrat antal", "{field}: number changed"),
    "col_activity": ("Aktivitet", "Activity"),
    "col_submitted_value": ("Inlämnat värde", "Submitted value"),
    "col_value_now": ("Värde nu", "Value now"),
    "col_period": ("Period", "Period"),
    "draft_empty": (
        "Utkast: inget skrivet ännu. Skriv avsnittet i rapportvyn eller med "
        "”hubtui note set --section {section}”.",
        "Draft: nothing written yet. Write the section in the report screen or with "
        "“hubtui note set --section {section}”.",
    ),
    "preliminary": ("Preliminär, uttag {date}", "Preliminary, extracted {date}"),
    "women_share": ("Andel kvinnor", "Share of women"),
    "women_share_target": ("Mål för andel kvinnor", "Target share of women"),
    # statuses
    "status_ahead": ("Före plan", "Ahead"),
    "status_on_track": ("Enligt plan", "On track"),
    "status_behind": ("Efter plan", "Behind"),
    "page": ("sida", "page"),
    "sole_trader": ("enskild firma (personnummer)", "sole trader (personal number)"),
    "size_unknown": ("Okänd storlek", "Size unknown"),
    # sentences
    "no_note": (
        "(Ingen text skriven för perioden.)",
        "(No text written for the period.)",
    ),
    "none": ("Inga.", "None."),
    "no_behind": (
        "Alla indikatorer ligger i nivå med eller före plan.",
        "All indicators are on or ahead of plan.",
    ),
    "behind_line": (
        "{label}: {value} mot förväntat {expected} (mål {target}).",
        "{label}: {value} against {expected} expected (target {target}).",
    ),
    "suppressed_note": (
        "Av integritetsskäl visas antal under 3 som ”<3” och döljs med ”x” ytterligare antal "
        "(3 eller fler) som annars skulle kunna räknas fram ur summorna i denna eller en annan "
        "tabell i rapporten.",
        "For privacy, counts under 3 are shown as “<3”, and “x” hides further counts (3 or "
        "more) that could otherwise be worked out from the totals in this or another table "
        "of the report.",
    ),
    "contacts_hidden": (
        "Kontaktpersoners e-postadresser ingår inte.",
        "Contact e-mail addresses are left out.",
    ),
    "sheet_indicators": ("Indikatorer", "Indicators"),
    "sheet_activities": ("Aktiviteter", "Activities"),
    "sheet_events": ("Gruppaktiviteter", "Events"),
    "sheet_participants": ("Deltagarlista", "Participants"),
    "sheet_gender": ("Jämställdhet", "Gender balance"),
    "file_quarterly": ("lagesrapport", "progress-report"),
    "file_final": ("slutrapport", "final-report"),
    "file_indicators": ("indikatorer", "indicators"),
}


# The heading of each note section (hubtui.domain.notes.NOTE_SECTIONS).
SECTION_LABELS: dict[str, str] = {
    "arbetssatt": "sec_arbetssatt",
    "aktiviteter": "sec_activities",
    "resultat": "sec_results",
    "jamstalldhet": "sec_gender",
    "lika_mojligheter": "sec_equal",
    "hallbar_utveckling": "sec_sustainable",
    "malgrupp": "sec_reach",
    "avvikelser": "sec_deviations",
    "oforutsedda": "sec_unforeseen",
}


def label(key: str, lang: ReportLang) -> str:
    """The text of a label in the report's language."""
    sv, en = _LABELS[key]
    return sv if lang == "sv" else en


def format_number(value: float | int | None, lang: ReportLang, *, decimals: int = 1) -> str:
    """A number for reading: whole numbers without decimals, a decimal comma in Swedish,
    and a thin space between thousands."""
    if value is None:
        return "–"
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:  # half up, as Excel shows it, so every format prints the same digits
        exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        text = f"{exact:,}"
    if lang == "sv":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def format_share(value: float | None, lang: ReportLang) -> str:
    """A share 0..1 as a percentage ("42 %" in Swedish, "42%" in English)."""
    if value is None:
        return "–"
    number = format_number(round(value * 100, 1), lang)
    return f"{number}\u00a0%" if lang == "sv" else f"{number}%"


# --- the names of the model's values -------------------------------------------------------
# A value the lists below do not know is shown as it is: a code that is not (or no longer)
# known, or a name from a submission frozen by an older version, which stored names.


def enum_text(enum: type[StrEnum], value: str, lang: ReportLang) -> str:
    """The name of an enum member by its value (the value itself if it is not a member)."""
    try:
        return enum_label(enum(value), lang)
    except ValueError:
        return value


def type_label(key: str, lang: ReportLang) -> str:
    kind = ACTIVITY_TYPES.get(key)
    return enum_label(kind, lang) if kind else key


def category_label(key: str, lang: ReportLang) -> str:
    return enum_text(Category, key, lang)


UNKNOWN_SIZE = "unknown"  # a company whose size class is not known


def size_label(key: str, lang: ReportLang) -> str:
    """A size class; "" or "unknown": the size is not known."""
    if key in ("", UNKNOWN_SIZE):
        return label("size_unknown", lang)
    return enum_text(SizeClass, key, lang)


def sector_label(letter: str, lang: ReportLang) -> str:
    """An SNI section by its letter, "C Tillverkning"; "": not known."""
    if not letter:
        return label("unknown", lang)
    names = section_names(letter)
    if names is None:
        return letter
    return f"{letter} {names[0] if lang == 'sv' else names[1]}"


def place_label(name: str, lang: ReportLang) -> str:
    """A county or municipality name; "": not known."""
    return name or label("unknown", lang)


def county_label(name: str, lang: ReportLang) -> str:
    """A county by its Swedish name ("Västmanlands län"); in English "Västmanland County", as
    Statistics Sweden writes it ("län" is no English word). Any other name as it is."""
    if lang == "en" and name:
        try:
            return f"{county(name).short_name} County"
        except UnknownRegion:
            pass
    return name


def goal_label(swedish: str, english: str, lang: ReportLang) -> str:
    """A goal's label as the goals file gives it (the English one if given, in English)."""
    return english if lang == "en" and english else swedish


def status_label(status: str, lang: ReportLang) -> str:
    key = f"status_{status}"
    return label(key, lang) if key in _LABELS else status
