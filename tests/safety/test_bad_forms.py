"""The form half of the bad-input harness: mistakes typed into the real TUI forms.

Each case opens a form under `App.run_test()`, fills in good values, puts one bad value into
one field and presses ctrl+s. The form must stay open with one sentence at that field (the
same sentence the command line gives), shown inert (a control character as visible text,
never sent to the terminal), no traceback anywhere, and the database's `.dump` unchanged.
The cases: dates (malformed, outside the project, in the future where that is refused), orgnr,
empty texts, terminal escapes and control characters, SNI codes, e-mail addresses and phone
numbers, counties and municipalities, and the organisation a contact belongs to.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from safety_data import dump
from textual.widgets import Input, Static
from tui_support import read_db, record_notices, settle

from hubtui.domain.text import CONTROL_CODES
from hubtui.services.organisations import search_organisations
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.contact_form import ContactForm
from hubtui.ui.screens.group_event import GroupEventForm
from hubtui.ui.screens.log_activity import LogActivityForm
from hubtui.ui.screens.organisation_form import OrganisationForm
from hubtui.ui.widgets.form import FormScreen

ESC = "\x1b[2J"  # clears the screen if it ever reached the terminal
TITLE = "\x1b]0;pwned\x07"  # sets the terminal's title


@dataclass(frozen=True)
class FormCase:
    field: str
    value: str
    words: str  # a part of the one sentence shown at the field


ORGANISATION_CASES = [
    FormCase("name", "   ", "empty"),
    FormCase("orgnr", "556036-0794", "check digit"),
    FormCase("orgnr", "123", "123"),
    FormCase("orgnr", f"556036{ESC}0793", "\\x1b[2J"),
    FormCase("orgnr", "556036-0793", "already"),  # Exempel AB has it
    FormCase("county", "99", "99"),
    FormCase("county", f"Västmanland{TITLE}", "\\x1b]0;pwned\\x07"),
    FormCase("municipality", "0000", "0000"),
    FormCase("employees", "-1", "negative"),
    FormCase("employees", "tolv", "tolv"),
    FormCase("sni_codes", "ABC", "SNI 2007"),
    FormCase("sni_codes", "04110", "no division 04"),
    FormCase("sni_codes", "01.8", "no group 01.8"),
    FormCase("sni_codes", "25190", "no class 25.19"),
    FormCase("sni_codes", "25110, 99.91", "no class 99.91"),
    FormCase("sni_codes", f"62{ESC}010", "\\x1b[2J"),
    FormCase("founded", "2025-02-30", "2025-02-30"),
    FormCase("founded", "igår", "igår"),
    FormCase("founded", "2099-01-01", "in the future"),
    FormCase("founded", f"2020-01-01{TITLE}", "\\x1b]0;pwned\\x07"),
]

CONTACT_CASES = [
    FormCase("name", "  ", "empty"),
    FormCase("email", "nobody", "not an e-mail address"),
    FormCase("email", "anna@localhost", "not an e-mail address"),
    FormCase("email", "anna svensson@example.se", "not an e-mail address"),
    FormCase("email", "anna@@example.se", "not an e-mail address"),
    FormCase("email", f"anna{TITLE}@example.se", "\\x1b]0;pwned\\x07"),
    FormCase("email", "anna@exa\u202emple.se", "\\u202e"),
    FormCase("phone", "ring mig", "not a phone number"),
    FormCase("phone", f"070{ESC}1234567", "\\x1b[2J"),
]

GROUP_EVENT_CASES = [
    FormCase("title", "  ", "empty"),
    FormCase("date", "2025-02-30", "2025-02-30"),
    FormCase("date", "igår", "igår"),
    FormCase("date", "", "date"),
    FormCase("date", "2031-01-01", "outside project"),
    FormCase("date", "2025-02-28", "outside project"),  # the day before the project starts
    FormCase("date", f"2025-05-02{ESC}", "\\x1b[2J"),
    FormCase("hours", f"3{TITLE}", "'3?]0;pwned?' is not a number"),  # numbers show "?"
    FormCase("women", "\u202e5", "'?5' is not"),
]

LOG_CASES = [
    FormCase("date", "2028-02-29", "outside project"),  # the day after the project ends
    FormCase("date", "31/12/2025", "31/12/2025"),
    FormCase("hours", "-1", "negative"),
    FormCase("hours", "1e300", "out of range"),
]

FORM_CASES = {
    "organisation": ORGANISATION_CASES,
    "contact": CONTACT_CASES,
    "group event": GROUP_EVENT_CASES,
    "log activity": LOG_CASES,
}


def shown(widget: Static) -> str:
    """What the widget puts on the terminal, line by line."""
    return "\n".join(
        "".join(segment.text for segment in widget.render_line(y))
        for y in range(widget.size.height)
    ).strip()


def _open(app: HubtuiApp, name: str, db: Path) -> FormScreen:
    exempel = read_db(db, lambda s: search_organisations(s, "Exempel"))[0]
    forms: dict[str, Callable[[], FormScreen]] = {
        "organisation": lambda: OrganisationForm(name="Ny Verkstad AB"),
        "contact": lambda: ContactForm(organisation=exempel),
        "group event": GroupEventForm,
        "log activity": lambda: LogActivityForm(organisation=exempel),
    }
    form = forms[name]()
    app.push_screen(form)
    return form


GOOD = {"contact": {"name": "Anna Svensson"}, "group event": {"title": "Seminarium"}}


@pytest.mark.parametrize("form_name", list(FORM_CASES))
async def test_bad_values_are_refused_at_their_field(
    form_db: Path, make_app: Callable[[Path], HubtuiApp], form_name: str
) -> None:
    app = make_app(form_db)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        before = dump(form_db)
        form = _open(app, form_name, form_db)
        await settle(pilot)
        for field_id, value in GOOD.get(form_name, {}).items():
            form.query_one(f"#{field_id}", Input).value = value
        for case in FORM_CASES[form_name]:
            box = form.query_one(f"#{case.field}", Input)
            good = box.value
            box.value = case.value
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form, case
            assert form._invalid == [case.field], (case, form._invalid)
            error = form.query_one(f"#field-{case.field} .field-error", Static)
            text = str(error.content)
            assert case.words in shown(error).replace("\n", " "), (case, shown(error))
            assert text.endswith(".") and ". " not in text and "Traceback" not in text, text
            assert not any(ord(c) in CONTROL_CODES for c in shown(error)), shown(error)
            assert dump(form_db) == before, case
            box.value = good
        await pilot.press("escape")
        await settle(pilot)
    assert dump(form_db) == before


def test_the_form_catalogue_is_varied() -> None:
    cases = [c for cases in FORM_CASES.values() for c in cases]
    assert len(cases) >= 40
    fields = {c.field for c in cases}
    assert {"date", "orgnr", "email", "sni_codes", "founded", "name", "title"} <= fields


async def test_a_newer_database_is_said_once_and_refused_at_the_form(
    form_db: Path, make_app: Callable[[Path], HubtuiApp]
) -> None:
    """The notice comes once, when the app opens the file; a change is then refused in the
    form that tried it, not with the notice again."""
    with sqlite3.connect(form_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    before = dump(form_db)
    app = make_app(form_db)
    notices = record_notices(app)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        form = _open(app, "organisation", form_db)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "read-only" in shown(form.query_one("#form-error", Static))
        for key in ("escape", "2", "3", "1"):  # other screens load without saying it again
            await pilot.press(key)
            await settle(pilot)
        assert len([n for n in notices if "newer hubtui" in n]) == 1, notices
    assert dump(form_db) == before
