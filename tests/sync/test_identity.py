"""The same company (orgnr) or project (code) entered on several laptops becomes one row on
every device, whatever order the changes arrive in, keeping everything that pointed at it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sync_helpers import send, state

from hubtui.store import Store, tables
from hubtui.store.models import (
    Activity,
    ActivityOrganisation,
    Contact,
    DmaAssessment,
    KpiGoal,
    Organisation,
)
from hubtui.sync.history import record_history

ORGNRS = ["556036-0793", "556677-8899", "554414-0022"]


def _project(writer: Any, code: str = "KAIM") -> str:
    project = writer.insert(
        "project",
        {"code": code, "name": "K", "start": dt.date(2025, 3, 1), "end": dt.date(2028, 2, 28)},
    )
    writer.insert(
        "kpi_goal",
        {"project_id": project, "key": "companies", "label": "C", "metric": "m", "target": 40},
    )
    return project


def _company_with_work(store: Store, name: str, orgnr: str) -> str:
    """A company, a contact, a DMA and a visit to it, all entered on `store`."""
    with store.write() as writer:
        known = writer.conn.execute(select(tables.PROJECT.c.id)).scalar()
        project = known or _project(writer)
        org = writer.insert("organisation", {"name": name, "orgnr": orgnr, "employees": 9})
        writer.insert("contact", {"name": f"Contact at {name}", "organisation_id": org})
        scores = dict.fromkeys(
            ("strategy", "readiness", "human_centric", "data_management", "automation_ai", "green"),
            3,
        )
        writer.insert(
            "dma_assessment",
            {"organisation_id": org, "stage": "T0", "date": dt.date(2026, 2, 1), **scores},
        )
        visit = writer.insert(
            "activity", {"project_id": project, "type": "visit", "date": dt.date(2026, 3, 1)}
        )
        writer.insert("activity_organisation", {"activity_id": visit, "organisation_id": org})
    return org


def _rows(store: Store, model: Any, *where: Any) -> list[Any]:
    table = model.__table__
    with store.read() as conn:
        return list(conn.execute(select(table).where(*where)).mappings())


def test_the_same_orgnr_on_two_laptops_becomes_one_organisation(
    new_device: Callable[[str], Store],
) -> None:
    a, b = new_device("a"), new_device("b")
    first = _company_with_work(a, "Acme Verkstad AB", ORGNRS[0])
    second = _company_with_work(b, "Acme Verkstad", ORGNRS[0])
    send(a, b)
    send(b, a)
    send(a, b)
    assert state(a) == state(b)
    survivor, loser = sorted([first, second])
    org = tables.ORGANISATION
    live = _rows(a, Organisation, org.c.deleted.is_(False))
    assert [r["id"] for r in live] == [survivor]
    (gone,) = _rows(a, Organisation, org.c.id == loser)
    assert (gone["deleted"], gone["merged_into"], gone["orgnr"]) == (True, survivor, None)
    # both laptops' contacts, visits and DMA rows now belong to the survivor
    assert {r["organisation_id"] for r in _rows(a, Contact)} == {survivor}
    dma = _rows(a, DmaAssessment)
    assert len(dma) == 2 and {r["organisation_id"] for r in dma} == {survivor}
    links = _rows(a, ActivityOrganisation)
    assert len(links) == 2 and {r["organisation_id"] for r in links} == {survivor}
    # the two copies of the project merged too, keeping one goal per key
    assert len({r["project_id"] for r in _rows(a, Activity)}) == 1
    goal = tables.KPI_GOAL
    assert len(_rows(a, KpiGoal, goal.c.deleted.is_(False))) == 1
    # the merge is in the loser's history, its old orgnr too
    history = record_history(a, "organisation", loser)
    assert any(h.field == "merged_into" and h.value == survivor for h in history)
    assert any(h.field == "*" and h.value["orgnr"] == ORGNRS[0] for h in history)


def test_three_laptops_merge_to_the_same_survivor_in_any_order(
    new_device: Callable[[str], Store],
) -> None:
    devices = [new_device(name) for name in "abc"]
    ids = [_company_with_work(d, f"Acme {n}", ORGNRS[0]) for n, d in enumerate(devices)]
    a, b, c = devices
    send(c, b)  # b merges c's copy into its own
    send(b, a)  # a gets b's merge, and merges b's survivor into its own
    send(c, a)
    send(a, c)
    send(a, b)
    send(b, c)
    assert state(a) == state(b) == state(c)
    org = tables.ORGANISATION
    assert [r["id"] for r in _rows(a, Organisation, org.c.deleted.is_(False))] == [min(ids)]
    links = _rows(a, ActivityOrganisation)
    assert len(links) == 3 and {r["organisation_id"] for r in links} == {min(ids)}


DEVICE = st.integers(0, 3)
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), DEVICE, st.sampled_from(ORGNRS)),
        st.tuples(st.just("send"), DEVICE, DEVICE),
    ),
    max_size=16,
)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(count=st.integers(2, 4), ops=OPS, seed=st.randoms())
def test_duplicates_converge_whatever_the_order(
    new_device: Callable[[str], Store], count: int, ops: list[Any], seed: Any
) -> None:
    tag = uuid.uuid4().hex[:8]
    devices = [new_device(f"{tag}-{n}") for n in range(count)]
    for op in ops:
        if op[0] == "add":
            device, orgnr = devices[op[1] % count], op[2]
            table = tables.ORGANISATION
            if not _rows(device, Organisation, table.c.orgnr == orgnr):  # as the app checks
                _company_with_work(device, "Acme", orgnr)
        else:
            send(devices[op[1] % count], devices[op[2] % count])
    # Everyone sends to everyone until nothing new is written (merges write records too).
    for _ in range(3):
        for source in seed.sample(devices, count):
            for target in seed.sample(devices, count):
                if source is not target:
                    send(source, target)
    first = state(devices[0])
    assert all(state(d) == first for d in devices)
    org = tables.ORGANISATION
    live = _rows(devices[0], Organisation, org.c.deleted.is_(False))
    assert sorted(r["orgnr"] for r in live) == sorted({r["orgnr"] for r in live})
    assert {r["orgnr"] for r in live} == {
        r["orgnr"] for r in _rows(devices[0], Organisation) if r["orgnr"] is not None
    }
    alive = {r["id"] for r in live}
    for link in _rows(devices[0], ActivityOrganisation):
        assert link["organisation_id"] in alive


def test_a_copy_in_use_keeps_the_company_when_the_survivor_was_deleted(
    new_device: Callable[[str], Store],
) -> None:
    a, b = new_device("a"), new_device("b")
    deleted_here = _company_with_work(a, "Acme", ORGNRS[1])
    with a.write() as writer:
        writer.delete("organisation", deleted_here)  # removed on one laptop…
    in_use = _company_with_work(b, "Acme AB", ORGNRS[1])  # …entered afresh on the other
    assert deleted_here < in_use
    send(a, b)
    send(b, a)
    assert state(a) == state(b)
    org = tables.ORGANISATION
    live = _rows(a, Organisation, org.c.deleted.is_(False))
    assert [r["id"] for r in live] == [deleted_here]  # the survivor, alive again
    links = _rows(a, ActivityOrganisation)
    assert {r["organisation_id"] for r in links} == {deleted_here}
