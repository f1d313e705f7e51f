"""Duplicate merge (issue case 8): two laptops enter the same company; they become one only
when they carry the same orgnr when the merge is decided and their names agree. A merge made on
an orgnr that is corrected later is undone, and two rows with one orgnr and clearly different
names are both kept and listed for the user."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Table, select
from sync_helpers import ACME, GAMMA, ok, run, state

from hubtui.store import Store, hlc, tables
from hubtui.sync.folder import sync_folder
from hubtui.sync.identity_doubt import kept_apart
from hubtui.sync.remote import sync_with
from hubtui.sync.verify import verify

Make = Callable[[str], Store]
Exchange = Callable[[Store], object]


def _company(store: Store, name: str, orgnr: str) -> tuple[str, str]:
    """A company and a contact at it."""
    with store.write() as writer:
        org = writer.insert("organisation", {"name": name, "orgnr": orgnr})
        contact = writer.insert("contact", {"name": f"Contact at {name}", "organisation_id": org})
    return org, contact


def _row(store: Store, table: Table, row_id: str) -> dict[str, object]:
    with store.read() as conn:
        return dict(conn.execute(select(table).where(table.c.id == row_id)).mappings().one())


def stale_orgnr_corrected(
    a: Store, b: Store, exchange: Exchange, patch: pytest.MonkeyPatch
) -> tuple[tuple[str, str], tuple[str, str]]:
    """B enters Nordic Data AB (ACME); A enters Nordic Data Väst AB with ACME by mistake and
    sends it; B merges the two; A, not having seen the merge, corrects its orgnr (stamped
    before B's merge)."""
    y = _company(b, "Nordic Data AB", ACME)
    x = _company(a, "Nordic Data Väst AB", ACME)
    exchange(a)
    real = hlc.now_millis
    patch.setattr(hlc, "now_millis", lambda: real() - 5_000)  # A's correction: 5 s earlier
    with a.write() as writer:
        writer.update("organisation", x[0], {"orgnr": GAMMA})
    patch.setattr(hlc, "now_millis", real)
    exchange(b)  # B merges on the orgnr it holds then
    with b.read() as conn:
        merged = conn.execute(
            select(tables.ORGANISATION.c.id).where(tables.ORGANISATION.c.merged_into.is_not(None))
        ).all()
    assert len(merged) == 1  # the merge did happen on B
    return x, y


def stale_merge_undone(
    laptops: list[Store], exchange: Exchange, target: str | Path, patch: pytest.MonkeyPatch
) -> None:
    """The stale-orgnr story on three laptops; both companies end up kept on every one, each
    with its own contact, and `sync verify` agrees."""
    x, y = stale_orgnr_corrected(laptops[0], laptops[1], exchange, patch)
    for store in laptops * 2:
        exchange(store)
    first = state(laptops[0])
    for store in laptops:
        assert state(store) == first
        org_x = _row(store, tables.ORGANISATION, x[0])
        org_y = _row(store, tables.ORGANISATION, y[0])
        assert (org_x["orgnr"], org_x["deleted"], org_x["merged_into"]) == (GAMMA, False, None)
        assert (org_y["orgnr"], org_y["deleted"], org_y["merged_into"]) == (ACME, False, None)
        assert _row(store, tables.CONTACT, x[1])["organisation_id"] == x[0]
        assert _row(store, tables.CONTACT, y[1])["organisation_id"] == y[0]
        assert verify(store, str(target)).agree


def test_a_merge_on_an_orgnr_corrected_later_is_undone_through_a_folder(
    new_device: Make, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = shared
    laptops = [new_device("Anna"), new_device("Bo"), new_device("Cia")]
    stale_merge_undone(laptops, lambda s: sync_folder(s, folder), folder, monkeypatch)


@pytest.mark.postgres
def test_a_merge_on_an_orgnr_corrected_later_is_undone_through_postgresql(
    new_device: Make, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptops = [new_device("Anna"), new_device("Bo"), new_device("Cia")]
    stale_merge_undone(laptops, lambda s: sync_with(s, pg_url), pg_url, monkeypatch)


def test_one_orgnr_with_clearly_different_names_keeps_both_and_lists_them(
    new_device: Make, shared: Path
) -> None:
    folder = shared
    a, b, c = new_device("Anna"), new_device("Bo"), new_device("Cia")
    x = _company(a, "Alfa Konsult AB", ACME)
    y = _company(b, "Acme Verkstad AB", ACME)
    reports = [sync_folder(s, folder) for s in (a, b, c, a, b, c)]
    assert state(a) == state(b) == state(c)
    keeper, other = sorted([x, y])
    for store in (a, b, c):
        kept, cleared = (
            _row(store, tables.ORGANISATION, keeper[0]),
            _row(store, tables.ORGANISATION, other[0]),
        )
        assert (kept["orgnr"], kept["deleted"]) == (ACME, False)
        assert (cleared["orgnr"], cleared["deleted"], cleared["merged_into"]) == (None, False, None)
        for org, contact in (x, y):
            assert _row(store, tables.CONTACT, contact)["organisation_id"] == org
        [pair] = kept_apart(store)
        assert (pair.orgnr, pair.kept_id, pair.cleared_id) == (ACME, keeper[0], other[0])
        assert verify(store, folder).agree
    lines = [line for r in reports for line in r.total.identity_notes]
    assert any("both carry orgnr " + ACME in line for line in lines)
    assert a.path is not None
    out = ok(run(str(a.path), "sync", "history", "--format", "json")).stdout
    [row] = json.loads(out)
    assert row["record"] == f"organisation {other[0]}" and row["field"] == "orgnr"
    assert ACME in row["value"]
    # The user corrects the orgnr of the wrong one: the pair is no longer listed.
    ok(run(str(a.path), "org", "edit", other[0], "--orgnr", GAMMA))
    assert kept_apart(a) == []


def test_the_same_company_with_its_name_written_two_ways_still_merges(
    new_device: Make,
) -> None:
    from sync_helpers import send

    a, b = new_device("Anna"), new_device("Bo")
    x = _company(a, "Acme Verkstad AB", ACME)
    y = _company(b, "ACME verkstad", ACME)
    send(a, b)
    send(b, a)
    send(a, b)
    assert state(a) == state(b)
    survivor, loser = sorted([x, y])
    assert _row(a, tables.ORGANISATION, loser[0])["merged_into"] == survivor[0]
    assert _row(a, tables.CONTACT, loser[1])["organisation_id"] == survivor[0]
    assert kept_apart(a) == []
