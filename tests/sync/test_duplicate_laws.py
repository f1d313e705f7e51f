"""Duplicate merges under Hypothesis: companies entered on 2–3 laptops with one of two orgnrs
and similar or clearly different names, orgnrs corrected, change files passed in random
order. After everyone's changes reach everyone (until nothing new comes), every laptop holds
the same rows, no orgnr is held twice, and every merged-away row is a tombstone."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sync_helpers import ACME, BETA, state

from hubtui.store import Store, tables
from hubtui.sync.single_file import export_file, import_file

NAMES = ["Nordic Data AB", "Nordic Data Väst AB", "Alfa Konsult AB"]
OPS = st.one_of(
    st.tuples(
        st.just("create"), st.integers(0, 2), st.sampled_from(NAMES), st.sampled_from([ACME, BETA])
    ),
    st.tuples(
        st.just("orgnr"), st.integers(0, 2), st.integers(0, 5), st.sampled_from([ACME, BETA])
    ),
    st.tuples(st.just("send"), st.integers(0, 2), st.integers(0, 2)),
)
ORG = tables.ORGANISATION


def _send(src: Store, dst: Store, folder: Path) -> None:
    path = folder / f"{uuid.uuid4().hex}.hubsync"
    export_file(src, path)
    import_file(dst, path)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(OPS, max_size=14), seed=st.randoms())
def test_duplicates_converge_whatever_the_order(
    new_device: Callable[[str], Store], tmp_path: Path, ops: list[Any], seed: Any
) -> None:
    tag = uuid.uuid4().hex[:6]
    laptops = [new_device(f"{tag}-{n}") for n in range(3)]
    orgs: list[str] = []
    for op in ops:
        if op[0] == "create":
            store = laptops[op[1]]
            with store.write() as writer:
                taken = writer.conn.execute(select(ORG.c.id).where(ORG.c.orgnr == op[3])).first()
                if taken is None:  # the form refuses an orgnr already held here
                    orgs.append(writer.insert("organisation", {"name": op[2], "orgnr": op[3]}))
        elif op[0] == "orgnr" and orgs:
            store, org = laptops[op[1]], orgs[op[2] % len(orgs)]
            with store.write() as writer:
                row = writer.get("organisation", org)
                taken = writer.conn.execute(select(ORG.c.id).where(ORG.c.orgnr == op[3])).first()
                if row is not None and not row["deleted"] and taken is None:
                    writer.update("organisation", org, {"orgnr": op[3]})
        elif op[0] == "send" and op[1] != op[2]:
            _send(laptops[op[1]], laptops[op[2]], tmp_path)
    for _round in range(4):  # merges write changes of their own: pass them on too
        for src in seed.sample(laptops, 3):
            for dst in laptops:
                if dst is not src:
                    _send(src, dst, tmp_path)
    first = state(laptops[0])
    for store in laptops:
        assert state(store) == first
    with laptops[0].read() as conn:
        rows = {r.id: r for r in conn.execute(select(ORG))}
    held = [r.orgnr for r in rows.values() if r.orgnr is not None]
    assert len(held) == len(set(held))
    for r in rows.values():
        if r.merged_into is not None:  # merged away: tombstoned, into a row that is there
            assert r.deleted and r.orgnr is None and r.merged_into in rows
