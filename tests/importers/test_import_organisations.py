"""Importing a company list: matching, updating, rejecting, and importing it again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hubtui.errors import UserError
from hubtui.importers import dry_run, prepare, run_import
from hubtui.store import Store

HEADER = ["Företagsnamn", "Org.nr", "Län", "Kommun", "Antal anställda", "SNI", "Kommentar"]
COMPANIES = [
    ["Mälarplast AB", "5560360793", "Västmanland", "Västerås", 12, "22.210", "Kund sedan 2023"],
    ["Köpings Mekaniska AB", "16556703-7485", "19", "1983", "45,0", "25110", None],
    ["Region Västmanland", "212000-0142", "Västmanlands län", None, 5000, None, None],
    [None, None, None, None, None, None, None],
    ["Eskilstuna Elektronik AB", "556036-0794", "Södermanland", "Eskilstuna", 8, None, None],
    ["Felaktiga Län AB", None, "Lappland", "Kiruna", "många", None, None],
    ["Mälarplast AB", "556036-0793", "Västmanland", "Västerås", 12, "22.210", "Kund sedan 2023"],
    ["Utan Orgnr HB", None, "Uppsala", "Knivsta", 3, None, None],
    ["Konflikt AB", "202100-5224", "Uppsala", None, 3, None, None],
    ["Konflikt AB", "2021005224", "Uppsala", None, 4, None, None],
]


def _file(write_xlsx: Callable[..., Path]) -> Path:
    title = ["Företagslista Västmanland och Sörmland 2025", *[None] * 6]
    rows = [title, [None] * 7, HEADER, *COMPANIES]
    return write_xlsx("foretag.xlsx", rows, title="Företag", merges=["A1:G1"])


def test_dry_run_reports_every_row_and_writes_nothing(
    store: Store, write_xlsx: Callable[..., Path], count_changes: Callable[[Store], int]
) -> None:
    prepared = prepare(_file(write_xlsx))
    assert prepared.mapping.kind == "organisations" and prepared.kind_guessed
    assert prepared.table.header_row == 3
    plan = dry_run(store, prepared)
    totals = plan.totals
    assert (totals.created, totals.updated, totals.unchanged, totals.rejected) == (5, 0, 1, 3)
    reasons = {r.rows[0]: r.message for r in plan.results if r.action == "reject"}
    assert "556036-0794 fails the check digit" in reasons[8]
    assert "'Lappland' is not a Swedish county" in reasons[9]
    assert "'många' is not a number" in reasons[9]  # every problem of a row is named
    assert "Same organisation as row 12" in reasons[13] and "employees" in reasons[13]
    assert count_changes(store) == 0
    assert not (prepared.table.path.parent / "foretag.rejected.xlsx").exists()


def test_import_then_reimport_changes_nothing(
    store: Store,
    write_xlsx: Callable[..., Path],
    count_changes: Callable[[Store], int],
    table_rows: Callable[[Store, str], list[dict[str, object]]],
) -> None:
    path = _file(write_xlsx)
    result = run_import(store, prepare(path))
    assert result.plan.totals.created == 5
    orgs = {r["name"]: r for r in table_rows(store, "organisation")}
    assert set(orgs) == {
        "Mälarplast AB", "Köpings Mekaniska AB", "Region Västmanland", "Utan Orgnr HB",
        "Konflikt AB",
    }  # fmt: skip
    plast = orgs["Mälarplast AB"]
    assert (plast["orgnr"], plast["county"], plast["municipality"]) == ("556036-0793", "19", "1980")
    assert (plast["employees"], plast["sni_codes"], plast["manufacturing"]) == (12, "22210", True)
    assert plast["notes"] == "Kund sedan 2023" and plast["size_class"] == "small"
    assert orgs["Köpings Mekaniska AB"]["municipality"] == "1983"
    assert orgs["Region Västmanland"]["kind"] == "public_body"
    assert orgs["Utan Orgnr HB"]["orgnr"] is None and orgs["Utan Orgnr HB"]["county"] == "03"
    # The rejected rows, as they were, with the reason, beside the input.
    assert result.rejected_file == path.with_name("foretag.rejected.xlsx")
    sheet = load_workbook(result.rejected_file).active
    assert sheet is not None
    rejected = list(sheet.iter_rows(values_only=True))
    assert rejected[0] == (*HEADER, "Rejected because")
    assert [r[0] for r in rejected[1:]] == ["Eskilstuna Elektronik AB", "Felaktiga Län AB",
                                           "Konflikt AB"]  # fmt: skip
    assert "check digit" in str(rejected[1][-1])
    before = count_changes(store)
    again = run_import(store, prepare(path))
    assert (again.plan.totals.created, again.plan.totals.updated) == (0, 0)
    assert count_changes(store) == before
    assert len(table_rows(store, "organisation")) == 5


def test_existing_organisations_are_updated_only_where_different(
    store: Store,
    write_csv: Callable[..., Path],
    count_changes: Callable[[Store], int],
    table_rows: Callable[[Store, str], list[dict[str, object]]],
) -> None:
    first = write_csv("a.csv", [["Företag", "Orgnr", "Antal anställda", "Län"],
                                ["Mälarplast AB", "556036-0793", "12", "19"],
                                ["Utan Orgnr HB", "", "3", "03"]])  # fmt: skip
    run_import(store, prepare(first))
    before = count_changes(store)
    # Same companies: one with more employees, one found by name and given its orgnr.
    second = write_csv("b.csv", [["Företag", "Orgnr", "Antal anställda", "Län"],
                                 ["MÄLARPLAST AB", "5560360793", "60", "19"],
                                 ["utan orgnr hb", "556703-7485", "3", "03"]])  # fmt: skip
    plan = run_import(store, prepare(second)).plan
    assert (plan.totals.created, plan.totals.updated) == (0, 2)
    orgs = {r["orgnr"]: r for r in table_rows(store, "organisation")}
    assert len(orgs) == 2
    assert orgs["556036-0793"]["employees"] == 60 and orgs["556036-0793"]["size_class"] == "medium"
    assert orgs["556036-0793"]["name"] == "MÄLARPLAST AB"
    assert orgs["556703-7485"]["name"] == "utan orgnr hb"
    # name, employees for one; name, orgnr (and personal_number unchanged) for the other
    assert count_changes(store) - before == 4


def test_name_matching_two_organisations_is_rejected(
    store: Store, write_csv: Callable[..., Path]
) -> None:
    run_import(store, prepare(write_csv("a.csv", [["Företag", "Orgnr"], ["Nord AB", "556036-0793"],
                                                   ["Nord AB", "556703-7485"]])))  # fmt: skip
    plan = dry_run(store, prepare(write_csv("b.csv", [["Företag", "Län"], ["Nord AB", "19"]])))
    assert plan.totals.rejected == 1
    assert "2 organisations are named Nord AB" in plan.results[0].message


def test_a_dry_run_plan_is_used_unless_the_database_changed(
    store: Store,
    write_csv: Callable[..., Path],
    table_rows: Callable[[Store, str], list[dict[str, object]]],
) -> None:
    from hubtui.services.organisations import add_organisation

    path = write_csv("a.csv", [["Företag", "Orgnr"], ["Nord AB", "556036-0793"],
                               ["Syd AB", "556703-7485"]])  # fmt: skip
    prepared = prepare(path)
    planned = dry_run(store, prepared)
    planned_ids = {i for i, _ in planned.inserts["organisation"]}
    result = run_import(store, prepared, planned=planned)
    assert result.plan is planned
    assert {r["id"] for r in table_rows(store, "organisation")} == planned_ids

    # Someone adds one of the file's companies between the dry run and the import.
    other = write_csv("b.csv", [["Företag", "Orgnr"], ["Väst AB", "212000-0142"],
                                ["Öst AB", "202100-5224"]])  # fmt: skip
    prepared = prepare(other)
    planned = dry_run(store, prepared)
    add_organisation(store, name="Väst Aktiebolag", orgnr="2120000142")
    result = run_import(store, prepared, planned=planned)
    assert result.plan is not planned
    assert (result.plan.totals.created, result.plan.totals.updated) == (1, 1)
    names = {r["orgnr"]: r["name"] for r in table_rows(store, "organisation")}
    assert names["212000-0142"] == "Väst AB" and len(names) == 4


def test_a_conflicting_write_during_the_import_rolls_it_all_back(
    store: Store,
    write_csv: Callable[..., Path],
    table_rows: Callable[[Store, str], list[dict[str, object]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As on a shared PostgreSQL database, where another device may commit between the check
    # and the writes: here the check is blinded so the stale plan is executed.
    from hubtui.importers import service
    from hubtui.services.organisations import add_organisation

    path = write_csv("a.csv", [["Företag", "Orgnr"], ["Nord AB", "556036-0793"],
                               ["Syd AB", "556703-7485"]])  # fmt: skip
    prepared = prepare(path)
    planned = dry_run(store, prepared)
    add_organisation(store, name="Syd Aktiebolag", orgnr="556703-7485")
    monkeypatch.setattr(service, "change_stamp", lambda conn: planned.stamp)
    with pytest.raises(UserError, match="nothing was imported; run the import again"):
        run_import(store, prepared, planned=planned)
    assert [r["name"] for r in table_rows(store, "organisation")] == ["Syd Aktiebolag"]


def test_employee_ranges_set_the_size_class(
    store: Store,
    write_csv: Callable[..., Path],
    table_rows: Callable[[Store, str], list[dict[str, object]]],
) -> None:
    rows = [["Företag", "Antal anställda"], ["Liten AB", "10-49"], ["Mikro AB", "1–4 anställda"],
            ["Bred AB", "200-499"]]  # fmt: skip
    path = write_csv("scb.csv", rows)
    plan = run_import(store, prepare(path)).plan
    assert plan.totals.created == 2
    assert "spans several size classes" in plan.rejected[0].reason
    rows = {r["name"]: r for r in table_rows(store, "organisation")}
    assert (rows["Liten AB"]["employees"], rows["Liten AB"]["size_class"]) == (None, "small")
    assert rows["Mikro AB"]["size_override"] == "micro"


def test_cells_repeated_down_a_column_give_every_row_the_same_outcome(
    store: Store,
    write_xlsx: Callable[..., Path],
    table_rows: Callable[[Store, str], list[dict[str, object]]],
) -> None:
    # A cell's parse is remembered per import: equal cells of another type (True is 1 to
    # Python) are parsed on their own, and a bad cell's problem is reported on every row.
    rows = [["Företag", "Län", "Kommun", "Antal anställda"],
            ["Ett AB", "Lappland", "Kiruna", 1], ["Två AB", "19", "Västerås", True],
            ["Tre AB", "Lappland", "Västerås", 1], ["Fyra AB", "19", "Västerås", 1.0],
            ["Fem AB", "19", "Västerås", True], ["Sex AB", 19, "Västerås", "1"]]  # fmt: skip
    plan = run_import(store, prepare(write_xlsx("upprepat.xlsx", rows))).plan
    reasons = {r.row: r.reason for r in plan.rejected}
    assert sorted(reasons) == [2, 3, 4, 6]
    assert reasons[2] == reasons[4]
    assert "'Lappland' is not a Swedish county" in reasons[2]
    assert reasons[3] == reasons[6] and "is not a number" in reasons[3]
    stored = {r["name"]: (r["county"], r["employees"]) for r in table_rows(store, "organisation")}
    assert stored == {"Fyra AB": ("19", 1), "Sex AB": ("19", 1)}
