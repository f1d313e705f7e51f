"""Organisations: validation, change records, resolving references and search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from hubtui.errors import UserError
from hubtui.services.history import history
from hubtui.services.organisations import (
    add_organisation,
    count_organisations,
    delete_organisation,
    get_organisation,
    resolve_organisation,
    restore_organisation,
    search_organisations,
    update_organisation,
)
from hubtui.store import Store
from hubtui.store.views import OrganisationView


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """Collect the SQL statements run on the store's engine inside the block."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def test_add_with_every_field(store: Store) -> None:
    view = add_organisation(
        store,
        name="  Verkstad  AB ",
        orgnr="16 556036-0793",
        kind="company",
        county="Västmanland",
        municipality="Västerås",
        employees=45,
        sni_codes="25.110, 62010",
        founded="2023-05-01",
        leader_gender="woman",
        website="https://verkstad.se",
        notes="Met at a fair.",
    )
    assert view.name == "Verkstad  AB"
    assert view.orgnr == "556036-0793"
    assert (view.county, view.municipality) == ("19", "1980")
    assert view.size_class == "small"
    assert view.sni_codes == ("25110", "62010")
    assert view.manufacturing is True
    assert view.founded == dt.date(2023, 5, 1)
    assert view.personal_number is False
    assert get_organisation(store, view.id) == view


def test_municipality_gives_county_and_override_wins(store: Store) -> None:
    view = add_organisation(store, name="Eskil", municipality="0484", size_override="medium")
    assert view.county == "04"
    assert view.size_class == "medium"


def test_sole_trader_is_flagged(store: Store) -> None:
    view = add_organisation(store, name="Anna Svensson Konsult", orgnr="811218-9876")
    assert view.personal_number is True


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"orgnr": "556036-0794"}, "556036-0794 fails the check digit"),
        ({"county": "99"}, "'99' is not a Swedish county"),
        ({"municipality": "9999"}, "'9999' is not a Swedish municipality"),
        ({"county": "19", "municipality": "0484"}, "lies in county 04, not 19"),
        ({"employees": -3}, "cannot be negative"),
        ({"kind": "club"}, "'club' is not an organisation kind"),
        ({"leader_gender": "x"}, "'x' is not a leader gender"),
        ({"size_override": "huge"}, "'huge' is not a size class"),
        ({"sni_codes": "abc"}, "'abc' is not an SNI 2007 code"),
        ({"founded": "2999-01-01"}, "is in the future"),
        ({"name": "  "}, "name is empty"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    store: Store,
    written: Callable[[], tuple[int, ...]],
    values: dict[str, Any],
    message: str,
) -> None:
    before = written()
    with pytest.raises(UserError, match=message):
        add_organisation(store, **{"name": "X AB", **values})
    assert written() == before


def test_duplicate_orgnr_is_refused(store: Store, abb: OrganisationView) -> None:
    with pytest.raises(UserError, match="already registered to ABB Aktiebolag"):
        add_organisation(store, name="ABB again", orgnr="5560360793")


def test_update_records_one_change_per_changed_field(store: Store, abb: OrganisationView) -> None:
    view = update_organisation(store, abb.id, employees=300, notes="Big now", county="19")
    assert view.size_class == "large"
    trail = history(store, "organisation", abb.id)
    assert trail[0].field == "*" and trail[0].value["name"] == "ABB Aktiebolag"
    assert {(c.field, c.value) for c in trail[1:]} == {("employees", 300), ("notes", "Big now")}


def test_update_checks_county_against_kept_municipality(
    store: Store, malarenergi: OrganisationView
) -> None:
    with pytest.raises(UserError, match="lies in county 19, not 04"):
        update_organisation(store, malarenergi.id, county="04")
    moved = update_organisation(store, malarenergi.id, municipality="Eskilstuna")
    assert (moved.county, moved.municipality) == ("04", "0484")
    cleared = update_organisation(store, malarenergi.id, municipality=None)
    assert (cleared.county, cleared.municipality) == ("04", None)


def test_resolve_by_orgnr_id_name_and_substring(
    store: Store, abb: OrganisationView, malarenergi: OrganisationView
) -> None:
    for ref in ("556036-0793", "5560360793", "165560360793", abb.id, "abb aktiebolag", "aktieb"):
        assert resolve_organisation(store, ref).id == abb.id
    assert resolve_organisation(store, "MÄLAR").id == malarenergi.id


def test_resolve_refusals(
    store: Store, abb: OrganisationView, malarenergi: OrganisationView
) -> None:
    with pytest.raises(UserError, match="No organisation has orgnr 212000-0142"):
        resolve_organisation(store, "2120000142")
    with pytest.raises(UserError, match="556036-0794 fails the check digit"):
        resolve_organisation(store, "5560360794")
    with pytest.raises(UserError, match="No organisation matches 'Volvo'"):
        resolve_organisation(store, "Volvo")
    with pytest.raises(UserError) as ambiguous:
        resolve_organisation(store, "ab")
    text = str(ambiguous.value)
    assert "ABB Aktiebolag (556036-0793)" in text and "Mälarenergi AB (556703-7485)" in text
    assert text.endswith("give the orgnr instead.")


def test_ambiguous_lists_at_most_three(store: Store) -> None:
    for n in range(5):
        add_organisation(store, name=f"Nordic Tech {n}")
    with pytest.raises(UserError) as ambiguous:
        resolve_organisation(store, "nordic")
    assert str(ambiguous.value).count("Nordic Tech") == 3
    assert "and more" in str(ambiguous.value)


def test_search_by_name_and_orgnr_prefix(
    store: Store, abb: OrganisationView, malarenergi: OrganisationView
) -> None:
    def names(text: str, **filters: Any) -> list[str]:
        return [o.name for o in search_organisations(store, text, **filters)]

    assert names("") == ["ABB Aktiebolag", "Mälarenergi AB"]
    assert names("ENERGI") == ["Mälarenergi AB"]
    assert names("556036") == ["ABB Aktiebolag"]
    assert names("5560360793") == ["ABB Aktiebolag"]
    assert names("556036-07") == ["ABB Aktiebolag"]
    assert names("55") == ["ABB Aktiebolag", "Mälarenergi AB"]
    assert names("100%") == []
    assert names("", size="large") == ["Mälarenergi AB"]
    assert names("", county="Västmanland") == ["ABB Aktiebolag", "Mälarenergi AB"]
    assert names("", kind="research") == []
    assert names("", limit=1, offset=1) == ["Mälarenergi AB"]
    assert count_organisations(store, "ab") == 2
    assert count_organisations(store, "", size="small") == 1


def test_deleted_are_hidden_unless_asked(store: Store, abb: OrganisationView) -> None:
    assert delete_organisation(store, abb.id) is True
    assert search_organisations(store) == []
    assert [o.deleted for o in search_organisations(store, include_deleted=True)] == [True]
    with pytest.raises(UserError, match="No organisation has orgnr"):
        resolve_organisation(store, "556036-0793")
    with pytest.raises(UserError, match="deleted; restore it instead"):
        add_organisation(store, name="ABB", orgnr="556036-0793")
    assert restore_organisation(store, abb.id) is True
    assert search_organisations(store) == [abb]


def test_search_is_one_query(store: Store) -> None:
    with store.write() as w:
        w.insert_many("organisation", [{"name": f"Company {n:04d}"} for n in range(300)])
    with statements(store) as seen:
        found = search_organisations(store, "company 01", limit=20)
    assert len(found) == 20
    assert len([s for s in seen if s.lstrip().upper().startswith("SELECT")]) == 1
    assert "LIMIT" in seen[-1].upper()
