"""Column mapping (guessed, overridden, saved) and contact imports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hubtui.errors import UserError
from hubtui.importers import build_mapping, guess_kind, prepare, run_import, save_mapping_file
from hubtui.importers.fields import guess_mapping
from hubtui.importers.mapping import load_mapping_file
from hubtui.services.contacts import list_contacts
from hubtui.store import Store


@pytest.mark.parametrize(
    ("headers", "kind"),
    [
        (["Företag", "Org.nr", "Län"], "organisations"),
        (["Organisationsnummer", "Kommun", "SNI"], "organisations"),
        (["Företag", "Kontaktperson", "E-post", "Telefon", "Roll"], "contacts"),
        (["Datum", "Aktivitet", "Företag", "Timmar"], "activities"),
        (["Datum", "Aktivitet", "Kvinnor", "Män", "Deltagare"], "events"),
        (["Date", "Activity type", "Title", "Participants"], "events"),
    ],
)
def test_kind_guessed_from_headers(headers: list[str], kind: str) -> None:
    assert guess_kind(headers) == kind


def test_unknown_headers_ask_for_kind() -> None:
    with pytest.raises(UserError, match="give --kind"):
        guess_kind(["Kolumn 1", "Kolumn 2"])


def test_header_spellings() -> None:
    headers = ["ORG. NR", "företagets namn", "Antal anställda (st)", "E-post", "Kontakt person",
               "Titel", "Län", "Kommunkod"]  # fmt: skip
    assert guess_mapping(headers, "contacts") == {
        0: "orgnr", 1: "name", 2: "employees", 3: "email", 4: "contact", 5: "role", 6: "county",
        7: "municipality",
    }  # fmt: skip
    # "Aktivitet" is the type unless a Typ column exists, then it is the title.
    assert guess_mapping(["Datum", "Aktivitet"], "events") == {0: "date", 1: "type"}
    assert guess_mapping(["Datum", "Aktivitet", "Typ"], "events") == {
        0: "date", 1: "title", 2: "type"
    }  # fmt: skip


def test_overrides_and_saved_mapping(tmp_path: Path) -> None:
    headers = ["Kund", "Nummer", "Kommentar", "Område"]
    mapping = build_mapping(headers, "organisations", overrides=["Nummer=orgnr", "C=-",
                                                                 "område=county"])  # fmt: skip
    assert dict(mapping.columns) == {0: "name", 1: "orgnr", 3: "county"}
    saved = save_mapping_file(tmp_path / "kunder.toml", mapping, "Kunder")
    loaded = load_mapping_file(saved)
    assert (loaded.kind, loaded.sheet) == ("organisations", "Kunder")
    again = build_mapping(headers, "organisations", saved=loaded)
    assert again.columns == mapping.columns
    with pytest.raises(UserError, match="not a field of organisations"):
        build_mapping(headers, "organisations", overrides=["Kund=kvinnor"])
    with pytest.raises(UserError, match="There is no column 'Saknas'"):
        build_mapping(headers, "organisations", overrides=["Saknas=name"])
    with pytest.raises(UserError, match="COLUMN=FIELD"):
        build_mapping(headers, "organisations", overrides=["Kund"])
    bad = tmp_path / "trasig.toml"
    bad.write_text("kind = [", encoding="utf-8")
    with pytest.raises(UserError, match="not valid TOML"):
        load_mapping_file(bad)


def test_contacts_with_their_organisations(
    store: Store, write_csv: Callable[..., Path], count_changes: Callable[[Store], int]
) -> None:
    rows = [["Företag", "Org.nr", "Kontaktperson", "Roll", "E-post", "Telefon"],
            ["Mälarplast AB", "556036-0793", "Anna Berg", "VD", "anna@malarplast.se", "021-123 45"],
            ["Mälarplast AB", "556036-0793", "Erik Ek", "Produktionschef", "", ""],
            ["Mälarplast AB", "556036-0793", "Anna Berg", "VD", "anna@malarplast.se",
             "021-123 45"],
            ["Köping AB", "5567037485", "Lisa Lund", "", "lisa(at)koping.se", ""],
            ["Köping AB", "5567037485", "", "", "", "0221-1"]]  # fmt: skip
    path = write_csv("kontakter.csv", rows, delimiter=";", encoding="utf-8-sig")
    prepared = prepare(path)
    assert prepared.mapping.kind == "contacts"
    plan = run_import(store, prepared).plan
    assert [(r.rows, r.action) for r in plan.results] == [
        ((2,), "create"), ((2,), "create"), ((3,), "create"), ((4,), "duplicate"),
        ((5,), "reject"), ((6,), "reject"),
    ]  # fmt: skip
    assert "'lisa(at)koping.se' is not valid" in plan.results[4].message
    assert str(plan.totals) == (
        "2 to create, 0 to update, 1 unchanged, 2 rejected (organisations: 1 new, 0 updated)"
    )
    assert "no contact person" in plan.results[5].message
    contacts = {c.name: c for c in list_contacts(store)}
    assert set(contacts) == {"Anna Berg", "Erik Ek"}
    assert contacts["Anna Berg"].organisation_name == "Mälarplast AB"
    assert (contacts["Anna Berg"].role, contacts["Anna Berg"].phone) == ("VD", "021-123 45")
    before = count_changes(store)
    rows[2][3] = "Produktionsledare"
    again = run_import(store, prepare(write_csv("k2.csv", rows, delimiter=";"))).plan
    assert again.totals.updated == 1 and again.totals.created == 0
    assert count_changes(store) == before + 1


def test_an_attendance_list_without_counts_is_read_as_events(
    write_csv: Callable[..., Path],
) -> None:
    attendance = [["Datum", "Aktivitet", "Företag"], ["2025-09-01", "Seminarium", "Nord AB"],
                  ["2025-09-01", "Seminarium", "Syd AB"]]  # fmt: skip
    assert prepare(write_csv("a.csv", attendance)).mapping.kind == "events"
    # Two visits on one day are two activities, not one event.
    visits = [["Datum", "Aktivitet", "Företag"], ["2025-09-01", "Företagsbesök", "Nord AB"],
              ["2025-09-01", "Företagsbesök", "Syd AB"]]  # fmt: skip
    assert prepare(write_csv("v.csv", visits)).mapping.kind == "activities"
    assert prepare(write_csv("a2.csv", attendance), kind="activities").mapping.kind == "activities"
