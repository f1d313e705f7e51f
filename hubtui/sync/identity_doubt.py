"""Merges decided on an orgnr that no longer holds, and duplicates kept apart.

A merge is decided on the orgnr each row has when the merge happens. If a row's orgnr is
corrected on a laptop that had not yet seen the merge (a stale orgnr: the company was entered
with another company's orgnr), the merge no longer holds: the row's own latest orgnr (the
latest non-empty orgnr any change record gave it) differs from the orgnr of the row it was
merged into. Then the merge is undone on every device that sees it: the row comes back with
its corrected orgnr, and what sync had moved from it to the survivor (contacts, activities,
DMA results) is moved back. If another row already holds the corrected orgnr, the row comes
back without an orgnr and is listed as kept apart.

Kept apart: a live organisation without an orgnr whose own latest orgnr is held by another
live organisation (one orgnr, names that differ, see hubtui.sync.names). `kept_apart` lists
them until the user gives the row its right orgnr or deletes the wrong copy.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from hubtui.i18n import _
from hubtui.store import Store, Writer, tables
from hubtui.store.codec import insert_values
from hubtui.sync.materialize import Stamp, chunks
from hubtui.sync.records import CHANGE

ORG = tables.ORGANISATION


@dataclass(frozen=True)
class KeptApart:
    """Two organisations with one orgnr and different names, both kept."""

    orgnr: str
    kept_id: str  # holds the orgnr
    kept_name: str
    cleared_id: str  # gave it up
    cleared_name: str
    claimed_at: str  # when the cleared row was given the orgnr (ISO time)
    advisor: str  # who gave it the orgnr, and on which device
    device: str


def _field_value(record: Any, name: str) -> tuple[bool, Any]:
    """(whether the record sets `name`, the JSON value it sets)."""
    if record.field == name:
        return True, json.loads(record.value)
    if record.field == "*":
        return True, insert_values(record.entity, json.loads(record.value)).get(name)
    return False, None


def _records(conn: Connection, entity: str, ids: Iterable[str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for batch in chunks(ids):
        query = select(CHANGE).where(CHANGE.c.entity == entity, CHANGE.c.entity_id.in_(batch))
        for row in conn.execute(query):
            out.setdefault(row.entity_id, []).append(row)
    for rows in out.values():
        rows.sort(key=lambda r: (r.hlc, r.origin, r.id))
    return out


def _claim(records: list[Any]) -> Any:
    """The record that last gave the row a non-empty orgnr (None if none did)."""
    found = None
    for record in records:
        sets, value = _field_value(record, "orgnr")
        if sets and value:
            found = record
    return found


def _steps_and_roots(conn: Connection) -> tuple[dict[str, str], dict[str, str]]:
    """Merged-away organisation -> the row it merged into, and -> the row it finally
    merged into (following chains)."""
    query = select(ORG.c.id, ORG.c.merged_into).where(ORG.c.merged_into.is_not(None))
    step: dict[str, str] = {row.id: row.merged_into for row in conn.execute(query)}
    roots = {}
    for start, target in step.items():
        seen = {start}
        while target in step and target not in seen:
            seen.add(target)
            target = step[target]
        roots[start] = target
    return step, roots


def undo_stale_merges(writer: Writer, touched: Collection[str]) -> list[str]:
    """Undo merges of organisations (among or merged into `touched`) whose own orgnr no
    longer matches the orgnr of the row they were merged into; a note for each."""
    step, roots = _steps_and_roots(writer.conn)
    wanted = set(touched)
    candidates = [i for i, root in roots.items() if {i, root, step[i]} & wanted]
    if not candidates:
        return []
    records = _records(writer.conn, "organisation", candidates)
    notes = []
    for row_id in sorted(candidates):
        claim = _claim(records.get(row_id, []))
        root = writer.get("organisation", roots[row_id])
        if claim is None or root is None:
            continue
        orgnr = _field_value(claim, "orgnr")[1]
        if orgnr == root["orgnr"]:
            continue  # the merge still holds
        taken = writer.conn.execute(select(ORG.c.id).where(ORG.c.orgnr == orgnr)).first()
        writer.update(
            "organisation",
            row_id,
            {
                "merged_into": None,
                "deleted": _deleted_before_merge(records[row_id]),
                "orgnr": None if taken else orgnr,
            },
        )
        moved = _move_back(writer, row_id)
        note = _(
            "organisation {id} was merged into {root} on orgnr {root_orgnr} but has orgnr "
            "{orgnr} now; the merge is undone ({moved} record(s) moved back to it)"
        ).format(id=row_id, root=root["id"], root_orgnr=root["orgnr"], orgnr=orgnr, moved=moved)
        if taken:
            note += _("; another organisation holds that orgnr, so both are kept")
        notes.append(note)
    return notes


def _deleted_before_merge(records: list[Any]) -> bool:
    """Whether the row was deleted just before it was merged away."""
    merge_at: Stamp | None = None
    for record in records:
        sets, value = _field_value(record, "merged_into")
        if sets and value:
            merge_at = (record.hlc, record.origin, record.id)
    deleted = False
    for record in records:
        sets, value = _field_value(record, "deleted")
        if sets and (merge_at is None or (record.hlc, record.origin, record.id) < merge_at):
            deleted = bool(value)
    return deleted


def _move_back(writer: Writer, org_id: str) -> int:
    """Rows that pointed at `org_id` until sync moved them to a survivor point at it again."""
    moved = 0
    for child, table in tables.SYNCED.items():
        for fk in table.foreign_keys:
            if fk.column.table is not ORG:
                continue
            name = fk.parent.name
            ids = writer.conn.execute(
                select(CHANGE.c.entity_id)
                .where(CHANGE.c.entity == child, CHANGE.c.value.contains(org_id))
                .distinct()
            ).scalars()
            for row_id, history in _records(writer.conn, child, list(ids)).items():
                values: list[Any] = []
                for sets, value in (_field_value(r, name) for r in history):
                    if sets and (not values or values[-1] != value):
                        values.append(value)  # runs of one value (repointed twice) as one
                row = writer.get(child, row_id)
                if row is None or row[name] == org_id or len(values) < 2:
                    continue
                if values[-1] == row[name] and values[-2] == org_id:
                    writer.update(child, row_id, {name: org_id})
                    moved += 1
    return moved


def kept_apart(store: Store) -> list[KeptApart]:
    """Every live organisation kept without its orgnr because another holds it."""
    with store.read() as conn:
        holders = {
            r.orgnr: r
            for r in conn.execute(
                select(ORG.c.id, ORG.c.orgnr, ORG.c.name).where(
                    ORG.c.orgnr.is_not(None), ORG.c.deleted.is_(False)
                )
            )
        }
        bare = {
            r.id: r.name
            for r in conn.execute(
                select(ORG.c.id, ORG.c.name).where(
                    ORG.c.orgnr.is_(None), ORG.c.deleted.is_(False), ORG.c.merged_into.is_(None)
                )
            )
        }
        records = _records(conn, "organisation", list(bare)) if holders and bare else {}
    found = []
    for row_id, history in sorted(records.items()):
        claim = _claim(history)
        holder = holders.get(_field_value(claim, "orgnr")[1]) if claim is not None else None
        if holder is None or holder.id == row_id:
            continue
        at = claim.recorded_at
        found.append(
            KeptApart(
                orgnr=holder.orgnr,
                kept_id=holder.id,
                kept_name=holder.name,
                cleared_id=row_id,
                cleared_name=bare[row_id],
                claimed_at=at.strftime("%Y-%m-%d %H:%M:%S"),
                advisor=claim.advisor,
                device=claim.origin[-12:],
            )
        )
    return found
