"""The merge laws, by Hypothesis: random edits, deletes and revivals on 2–5 laptops (real
SQLite files, each its own device), change files exchanged in random order and some twice.
Every device ends with the same rows, equal to a plain reference fold over all records."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import all_records, send, state

from hubtui.store import Store
from hubtui.store.codec import decode, decode_row, recorded_columns
from hubtui.sync.single_file import export_file, import_file

FIELDS = {
    "name": st.sampled_from(["Acme", "Beta", "Gamma"]),
    "employees": st.one_of(st.none(), st.integers(0, 300)),
    "notes": st.sampled_from(["", "visit", "call back"]),
}
DEVICE = st.integers(0, 4)
SLOT = st.integers(0, 7)
OPS = st.one_of(
    st.tuples(st.just("edit"), DEVICE, SLOT, st.sampled_from(sorted(FIELDS)), st.data()),
    st.tuples(st.just("delete"), DEVICE, SLOT),
    st.tuples(st.just("restore"), DEVICE, SLOT),
    st.tuples(st.just("create"), DEVICE),
    st.tuples(st.just("send"), DEVICE, DEVICE),
    st.tuples(st.just("resend"), st.integers(0, 20), DEVICE),
)
SETTINGS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def reference(records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The organisations the union of records describes: per row, fold the records in
    (clock, origin, id) order; an insert sets every field, an update one field."""
    rows: dict[str, dict[str, Any]] = {}
    for r in sorted(records, key=lambda r: (r["hlc"], r["origin"], r["id"])):
        if r["entity"] != "organisation":
            continue
        row = rows.setdefault(r["entity_id"], {})
        if r["field"] == "*":
            row.update(decode_row("organisation", r["value"]))
        else:
            row[r["field"]] = decode("organisation", r["field"], r["value"])
    columns = recorded_columns("organisation")
    return [(i, *(rows[i].get(c) for c in columns)) for i in sorted(rows)]


def _row_exists(store: Store, org_id: str) -> bool:
    with store.write() as writer:
        return writer.get("organisation", org_id) is not None


class Laptops:
    """A few devices and the change files passed between them."""

    def __init__(self, make: Callable[[str], Store], folder: Path, count: int) -> None:
        tag = uuid.uuid4().hex[:8]
        self.devices = [make(f"{tag}-{n}") for n in range(count)]
        self.folder = folder
        self.files: list[Path] = []
        self.orgs: list[str] = []

    def device(self, index: int) -> Store:
        return self.devices[index % len(self.devices)]

    def create(self, dev: int) -> None:
        with self.device(dev).write() as writer:
            self.orgs.append(writer.insert("organisation", {"name": f"Org {len(self.orgs)}"}))

    def write_op(self, dev: int, slot: int, values: dict[str, Any]) -> None:
        if not self.orgs:
            return
        store, org = self.device(dev), self.orgs[slot % len(self.orgs)]
        if _row_exists(store, org):
            with store.write() as writer:
                writer.update("organisation", org, values)

    def send(self, src: int, dst: int) -> None:
        path = self.folder / f"{uuid.uuid4().hex}.hubsync"
        export_file(self.device(src), path)
        self.files.append(path)
        import_file(self.device(dst), path)

    def close(self) -> None:
        for store in self.devices:
            store.close()


@SETTINGS
@given(count=st.integers(2, 5), ops=st.lists(OPS, max_size=30), seed=st.randoms())
def test_every_device_converges_to_the_reference(
    new_device: Callable[[str], Store], tmp_path: Path, count: int, ops: list[Any], seed: Any
) -> None:
    laptops = Laptops(new_device, tmp_path, count)
    try:
        laptops.create(0)
        for op in ops:
            kind = op[0]
            if kind == "create":
                laptops.create(op[1])
            elif kind == "edit":
                _, dev, slot, field, data = op
                laptops.write_op(dev, slot, {field: data.draw(FIELDS[field])})
            elif kind in ("delete", "restore"):
                laptops.write_op(op[1], op[2], {"deleted": kind == "delete"})
            elif kind == "send":
                laptops.send(op[1], op[2])
            elif kind == "resend" and laptops.files:
                import_file(laptops.device(op[2]), laptops.files[op[1] % len(laptops.files)])
        # Finally everyone's file reaches everyone, in a random order.
        finals = []
        for store in laptops.devices:
            path = tmp_path / f"{uuid.uuid4().hex}.hubsync"
            export_file(store, path)
            finals.append(path)
        for store in laptops.devices:
            for path in seed.sample(finals, len(finals)):
                import_file(store, path)
        union = {r["id"]: r for s in laptops.devices for r in all_records(s)}
        expected = reference(list(union.values()))
        for store in laptops.devices:
            assert {r["id"] for r in all_records(store)} == set(union)
            assert state(store)["organisation"] == expected
    finally:
        laptops.close()


EDITS = st.lists(
    st.tuples(st.integers(0, 2), SLOT, st.sampled_from(["name", "employees", "deleted"])),
    max_size=12,
)


@SETTINGS
@given(edits=EDITS, values=st.lists(st.integers(0, 50), min_size=12, max_size=12))
def test_merge_is_commutative_associative_and_idempotent(
    new_device: Callable[[str], Store], tmp_path: Path, edits: list[Any], values: list[int]
) -> None:
    laptops = Laptops(new_device, tmp_path, 3)
    a, b, c = laptops.devices
    try:
        for _ in range(3):
            laptops.create(0)
        send(a, b)
        send(a, c)
        for (dev, slot, field), value in zip(edits, values, strict=False):
            new = {"name": f"N{value}", "employees": value, "deleted": value % 2 == 0}[field]
            laptops.write_op(dev, slot, {field: new})
        tag = uuid.uuid4().hex[:8]
        results = []
        for order in ((a, b, c), (c, b, a), (b, c, a)):
            target = new_device(f"{tag}-{len(results)}")
            for source in order:
                send(source, target)
            send(order[0], target)  # again: changes nothing
            results.append(state(target))
        grouped = new_device(f"{tag}-bc")
        send(b, grouped)
        send(c, grouped)
        target = new_device(f"{tag}-a(bc)")
        send(a, target)
        send(grouped, target)
        results.append(state(target))
        assert all(r == results[0] for r in results)
    finally:
        laptops.close()
