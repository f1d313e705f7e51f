"""Contacts, testbeds, DMA results, investments, collaborations and history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from hubtui.errors import UserError
from hubtui.services.collaborations import add_collaboration, list_collaborations
from hubtui.services.contacts import add_contact, delete_contact, list_contacts, update_contact
from hubtui.services.dma import add_dma, dma_history, parse_scores
from hubtui.services.history import history
from hubtui.services.investments import add_investment, list_investments
from hubtui.services.testbeds import add_testbed, list_testbeds, resolve_testbed
from hubtui.store import Store
from hubtui.store.views import OrganisationView, ProjectView

Counts = Callable[[], tuple[int, ...]]


def test_contacts(store: Store, abb: OrganisationView, malarenergi: OrganisationView) -> None:
    anna = add_contact(
        store, organisation_id=abb.id, name="Anna Berg", role="CTO", email="anna@abb.se"
    )
    bo = add_contact(store, organisation_id=malarenergi.id, name="Bo Ek", phone="+46 21 123 45")
    assert anna.organisation_name == "ABB Aktiebolag" and anna.legal_basis == "legitimate_interest"
    assert list_contacts(store) == [anna, bo]
    assert list_contacts(store, abb.id) == [anna]
    moved = update_contact(store, anna.id, role="CEO", legal_basis="consent")
    assert (moved.role, moved.legal_basis) == ("CEO", "consent")
    assert delete_contact(store, bo.id) is True
    assert list_contacts(store) == [moved]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"email": "anna-at-abb"}, "is not an e-mail address"),
        ({"phone": "call me"}, "is not a phone number"),
        ({"legal_basis": "because"}, "'because' is not a legal basis"),
        ({"name": ""}, "name is empty"),
        ({"organisation_id": "nope"}, "There is no organisation with id nope"),
    ],
)
def test_contact_refusals(
    store: Store, written: Counts, values: dict[str, str], message: str
) -> None:
    before = written()
    with pytest.raises(UserError, match=message):
        add_contact(store, **{"name": "Anna", **values})
    assert written() == before


def test_testbeds(store: Store, abb: OrganisationView) -> None:
    lab = add_testbed(store, name="AI Lab", host_organisation_id=abb.id, location="Västerås")
    assert resolve_testbed(store, "ai lab") == lab == resolve_testbed(store, lab.id)
    assert list_testbeds(store) == [lab]
    with pytest.raises(UserError, match="already exists"):
        add_testbed(store, name="ai LAB")
    with pytest.raises(UserError, match="add it first"):
        resolve_testbed(store, "Robot cell")


def test_dma(store: Store, project: ProjectView, abb: OrganisationView) -> None:
    t1 = add_dma(
        store, organisation_id=abb.id, stage="t1", date="2026-01-01", scores="50,60,70,80,90,100"
    )
    t0 = add_dma(
        store,
        organisation_id=abb.id,
        stage="T0",
        date=dt.date(2025, 4, 1),
        scores=[10, 20, 30, 40, 50, 60],
        project_id="KAIM",
    )
    assert (t0.stage, t0.overall, t0.project_id) == ("T0", 35.0, project.id)
    assert t1.scores == (50, 60, 70, 80, 90, 100) and t1.overall == 75.0
    assert dma_history(store, abb.id) == [t0, t1]


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        ("1,2,3", "not 3"),
        ("1,2,3,4,5,101", "from 0 to 100; '101' is out of range"),
        ("1,2,3,4,5,-1", r"cannot be negative \('-1'\)"),
        ("1,2,3,4,5,x", "'x' is not a number"),
        ("1,2,3,4,5,5.5", "'5.5' is not whole"),
        ("1,2,3,4,5,1e30", "'1e30' is out of range"),
    ],
)
def test_bad_scores(
    store: Store, abb: OrganisationView, written: Counts, scores: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        parse_scores(scores)
    before = written()
    with pytest.raises(UserError, match=message):
        add_dma(store, organisation_id=abb.id, stage="T0", date="2025-04-01", scores=scores)
    assert written() == before


def test_bad_dma_stage(store: Store, abb: OrganisationView) -> None:
    with pytest.raises(UserError, match="'before' is not a stage"):
        add_dma(
            store, organisation_id=abb.id, stage="before", date="2025-04-01", scores="1,2,3,4,5,6"
        )


def test_investments(
    store: Store, project: ProjectView, abb: OrganisationView, written: Counts
) -> None:
    made = add_investment(
        store,
        project="KAIM",
        organisation_id=abb.id,
        date="2025-06-01",
        amount="250000.5",
        currency="eur",
        source="Almi",
    )
    assert (made.amount, made.currency, made.source) == (250000.5, "EUR", "Almi")
    assert list_investments(store, "KAIM") == [made]
    before = written()
    cases: list[tuple[dict[str, Any], str]] = [
        ({"amount": "-5"}, "cannot be negative"),
        ({"amount": "lots"}, "must be a number"),
        ({"amount": 0}, "The amount is zero"),
        ({"currency": "USD"}, "'USD' is not a currency"),
        ({"date": "2030-01-01"}, "outside project KAIM"),
        ({"project": "NOPE"}, "There is no project 'NOPE'"),
    ]
    for values, message in cases:
        given: dict[str, Any] = {"project": "KAIM", "date": "2025-06-01", "amount": 10, **values}
        with pytest.raises(UserError, match=message):
            add_investment(store, organisation_id=abb.id, **given)
    assert written() == before


def test_collaborations(store: Store, project: ProjectView, written: Counts) -> None:
    made = add_collaboration(store, project="KAIM", partner="EDIH Norr", date="2025-09-01")
    assert list_collaborations(store, project.id) == [made]
    before = written()
    with pytest.raises(UserError, match="partner is empty"):
        add_collaboration(store, project="KAIM", partner=" ", date="2025-09-01")
    with pytest.raises(UserError, match="outside project KAIM"):
        add_collaboration(store, project="KAIM", partner="X", date="2020-01-01")
    assert written() == before


def test_history_of_unknown_entity(store: Store) -> None:
    with pytest.raises(UserError, match="'gadget' is not a kind of record"):
        history(store, "gadget", "x")
    assert history(store, "activity", "no-such-id") == []
