"""A sheet of Namn, Organisationsnummer and E-post: organisations, each with its address as a
contact; the import says how it read the ambiguous "Namn" and how to read it the other way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from hubtui.importers import dry_run, guess_kind, prepare, run_import
from hubtui.importers.plan import ImportPlan
from hubtui.services.contacts import list_contacts
from hubtui.services.organisations import (
    add_organisation,
    resolve_organisation,
    search_organisations,
)
from hubtui.store import Store

HEADERS = ["Namn", "Organisationsnummer", "E-post"]
ROWS = [
    HEADERS,
    ["Västerås Verktyg AB", "556036-0793", "info@vasterasverktyg.se"],
    ["Köpings Plåt AB", "5567037485", None],
    ["Arboga Lack AB", "556677-8899", "Anna@ArbogaLack.se"],
    ["Fel AB", "556677-8890", "fel@example.se"],  # a wrong check digit
]


def test_the_sheet_is_organisations_with_a_contact() -> None:
    assert guess_kind(HEADERS) == "contacts"
    assert guess_kind(["Namn", "Organisationsnummer"]) == "organisations"
    assert guess_kind(["Namn", "Org.nr", "Telefon"]) == "contacts"


def counts_of(plan: ImportPlan) -> dict[str, int]:
    """What the listed rows say, counted the way the summary counts."""
    mine = [r for r in plan.results if not r.side]
    count = {a: sum(r.action == a for r in mine) for a in ("create", "update", "reject")}
    count["unchanged"] = sum(r.action in ("unchanged", "duplicate") for r in mine)
    count["new_organisations"] = sum(r.side and r.action == "create" for r in plan.results)
    return count


def test_dry_run_then_import(store: Store, write_xlsx: Callable[..., Path]) -> None:
    path = write_xlsx("kunder.xlsx", ROWS, title="Kunder")
    prepared = prepare(path)
    assert prepared.mapping.kind == "contacts"
    assert prepared.mapping.columns == {0: "name", 1: "orgnr", 2: "email"}
    doubts = prepared.doubts
    assert any("'Namn' is read as the organisation's name" in d for d in doubts)
    assert any("--map 'Namn=contact'" in d for d in doubts)
    assert any("each e-mail address becomes a contact" in d for d in doubts)

    plan = dry_run(store, prepared)
    totals = plan.totals
    assert counts_of(plan) == {
        "create": totals.created,
        "update": totals.updated,
        "reject": totals.rejected,
        "unchanged": totals.unchanged,
        "new_organisations": totals.new_organisations,
    }
    assert (totals.created, totals.rejected, totals.new_organisations) == (2, 1, 3)
    assert {r.rows for r in plan.results} == {(2,), (3,), (4,), (5,)}  # every row answered

    result = run_import(store, prepared)
    assert result.plan.totals == totals  # the import did what the dry run said
    assert len(search_organisations(store, "", limit=None)) == 3
    first = resolve_organisation(store, "556036-0793")
    assert [(c.name, c.email) for c in list_contacts(store, first.id)] == [
        ("info@vasterasverktyg.se", "info@vasterasverktyg.se")
    ]
    assert list_contacts(store, resolve_organisation(store, "5567037485").id) == []

    again = dry_run(store, prepare(path)).totals
    assert (again.created, again.updated, again.new_organisations) == (0, 0, 0)
    assert again.unchanged == 3


def test_namn_as_the_person_when_asked(store: Store, write_xlsx: Callable[..., Path]) -> None:
    rows = [["Namn", "Organisationsnummer", "E-post"], ["Anna Berg", "556036-0793", "anna@x.se"]]
    path = write_xlsx("personer.xlsx", rows)
    add_organisation(store, name="Västerås Verktyg AB", orgnr="556036-0793")
    prepared = prepare(path, overrides=["Namn=contact"])
    assert prepared.doubts == []
    run_import(store, prepared)
    org = resolve_organisation(store, "556036-0793")
    assert [(c.name, c.email) for c in list_contacts(store, org.id)] == [("Anna Berg", "anna@x.se")]


def test_the_command_line_asks(
    run_cli: Callable[..., Result], write_xlsx: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx("kunder.xlsx", ROWS)
    out = run_cli("import", str(path), "--dry-run")
    assert out.exit_code == 0, out.stderr
    assert "Check: 'Namn' is read as the organisation's name" in out.stdout
    assert "2 to create, 0 to update, 0 unchanged, 1 rejected" in out.stdout
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    out = run_cli("import", str(path), "--dry-run")
    assert "Kontrollera: 'Namn' läses som organisationens namn" in out.stdout


async def test_the_import_screen_asks_too(
    store: Store, db_path: Path, write_xlsx: Callable[..., Path]
) -> None:
    import datetime as dt

    from test_import_screen import _label, open_file

    from hubtui.config import Config
    from hubtui.ui.app import HubtuiApp

    path = write_xlsx("kunder.xlsx", ROWS)
    app = HubtuiApp(
        str(db_path), Config(language="en"), advisor="Test Advisor", today=dt.date(2026, 6, 1)
    )
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_file(pilot, path)
        status = _label(screen, "#i-status")
        assert "'Namn' is read as the organisation's name" in status
        assert "choose that in its list" in status


def test_a_land_column_gives_the_country(store: Store, write_xlsx: Callable[..., Path]) -> None:
    rows = [["Företag", "Land"], ["Oslo Robot AS", "no"], ["Fel AS", "Norge"]]
    prepared = prepare(write_xlsx("utland.xlsx", rows))
    assert prepared.mapping.columns == {0: "name", 1: "country"}
    plan = run_import(store, prepared).plan
    assert [r.action for r in plan.results] == ["create", "reject"]
    assert "'Norge' is not a country code" in plan.results[1].message
    assert resolve_organisation(store, "Oslo Robot AS").country == "NO"
