"""A form refuses what the command line and the services refuse, with the same sentence at the
field the error names, in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_support import read_db, settle

from hubtui.domain.errors import UserError
from hubtui.i18n import error_text, set_language
from hubtui.services.activities import log_activity
from hubtui.services.activity_input import ActivityInput
from hubtui.services.activity_queries import list_activities
from hubtui.store import Store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.log_activity import LogActivityForm


def field_error(form: LogActivityForm, field_id: str) -> str:
    return str(form.query_one(f"#field-{field_id} .field-error", Static).content)


def service_error(path: Path, **values: object) -> UserError:
    given: dict[str, object] = {"project": "KAIM", "type": "visit", "date": "2026-05-04"}

    def call(store: Store) -> None:
        log_activity(store, ActivityInput.of({**given, **values}))

    with pytest.raises(UserError) as caught:
        read_db(path, call)
    return caught.value


@pytest.mark.parametrize("language", ["en", "sv"])
async def test_the_form_says_what_the_service_says_at_the_named_field(
    hub_db: Path, make_app: Callable[..., HubtuiApp], language: str
) -> None:
    too_many_hours = service_error(hub_db, hours="20000")
    bad_date = service_error(hub_db, date="2026-02-30")
    assert (too_many_hours.field, bad_date.field) == ("hours", "date")
    app = make_app(hub_db, language)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("l")
            await settle(pilot)
            form = app.screen
            assert isinstance(form, LogActivityForm)
            form.query_one("#hours").value = "20000"  # type: ignore[attr-defined]
            form.query_one("#date").value = "2026-02-30"  # type: ignore[attr-defined]
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form
            assert set(form._invalid) == {"organisation", "hours", "date"}
            assert field_error(form, "hours") == error_text(too_many_hours)
            assert field_error(form, "date") == error_text(bad_date)
            if language == "sv":
                assert field_error(form, "hours").startswith("Timmar måste vara")
            await pilot.press("escape")
    finally:
        set_language("en")
    assert read_db(hub_db, list_activities) == []
