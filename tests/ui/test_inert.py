"""A name with terminal escapes is stored as typed and shown inert in the TUI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.content import Content
from textual.widgets import DataTable
from tui_support import open_screen, read_db

from hubtui.services.organisations import add_organisation, search_organisations
from hubtui.store import open_store
from hubtui.ui.app import HubtuiApp
from hubtui.ui.inert import install
from hubtui.ui.screens.organisations import OrganisationsScreen

EVIL = "Ond\x1b]0;pwned\x07 AB\x1b[2J\x9b31m\u202e"
SHOWN = "Ond\\x1b]0;pwned\\x07 AB\\x1b[2J\\x9b31m\\u202e"


def test_textual_and_rich_render_control_characters_as_text() -> None:
    install()
    assert Content(EVIL).plain == SHOWN
    assert Text(EVIL).plain == SHOWN
    assert Content("två\nrader\tmed tab").plain == "två\nrader\tmed tab"


async def test_organisation_name_with_escapes_is_shown_inert(
    hub_db: Path, make_app: Callable[..., HubtuiApp]
) -> None:
    store = open_store(hub_db)
    try:
        add_organisation(store, name=EVIL)
    finally:
        store.close()
    app = make_app(hub_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_screen(pilot, "2", OrganisationsScreen)
        table = screen.query_one("#org-table", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert EVIL in names  # the cell holds the name as typed …
        rendered = ["".join(s.text for s in table.render_line(y)) for y in range(table.size.height)]
        line = next(line for line in rendered if "Ond" in line)
        assert "\x1b" not in line and "\\x1b]0;pwned" in line  # … and shows it inert
    assert [o.name for o in read_db(hub_db, lambda s: search_organisations(s, "Ond"))] == [EVIL]
