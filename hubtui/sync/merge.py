"""Importing change records from another device: a set union, then the rows recomputed.

Importing the same records twice, or in any order, gives the same rows: records are kept by
change id, and each field's value is a pure function of the set of records (see materialize).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from hubtui.store import Writer
from hubtui.store.erasure import settle_erasures
from hubtui.sync.identity import drop_duplicate_goals, repoint_children
from hubtui.sync.materialize import Key, chunks, pending_keys, rebuild, save_pending
from hubtui.sync.records import CHANGE

_ANALYZE_ABOVE = 2_000


@dataclass
class ImportResult:
    """What one import did."""

    received: int = 0  # records offered
    new: int = 0  # records this database did not have
    rows_touched: int = 0  # rows created or changed
    conflicts: int = 0  # fields edited on two devices with different values
    merged: int = 0  # duplicate organisations/projects merged, references repointed
    waiting: int = 0  # rows still waiting for a parent row or their insert record
    last_hlc: str = ""  # the greatest clock stamp among the new records

    def add(self, other: ImportResult) -> None:
        self.received += other.received
        self.new += other.new
        self.rows_touched += other.rows_touched
        self.conflicts += other.conflicts
        self.merged += other.merged
        self.waiting = other.waiting
        self.last_hlc = max(self.last_hlc, other.last_hlc)


def unseen(writer: Writer, records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The records (first of each id) this database does not hold yet."""
    by_id: dict[str, Mapping[str, Any]] = {}
    for record in records:
        by_id.setdefault(record["id"], record)
    if writer.conn.dialect.name == "postgresql" and len(by_id) > _ANALYZE_ABOVE:
        # After a big import autovacuum has not yet counted the new rows; without fresh
        # statistics the planner scans the whole change table for every lookup below.
        writer.conn.execute(text("ANALYZE change"))
    for batch in chunks(list(by_id)):
        for known in writer.conn.execute(select(CHANGE.c.id).where(CHANGE.c.id.in_(batch))):
            del by_id[known.id]
    return list(by_id.values())


def import_changes(writer: Writer, records: Iterable[Mapping[str, Any]]) -> ImportResult:
    """Add records from elsewhere inside the writer's transaction and update the rows."""
    offered = list(records)
    fresh = unseen(writer, offered)
    result = ImportResult(received=len(offered), new=len(fresh))
    if fresh:
        writer.add_remote_changes(fresh)
        result.last_hlc = max(r["hlc"] for r in fresh)
        writer.observe(result.last_hlc)
    waiting = pending_keys(writer.conn)
    keys: set[Key] = {(r["entity"], r["entity_id"]) for r in fresh} | waiting
    keys = settle_erasures(writer.conn, keys)  # an erased person is never rebuilt
    if not keys:
        return result
    stats = rebuild(writer, keys, {r["id"] for r in fresh})
    result.rows_touched = stats.rows_touched
    result.conflicts = stats.conflicts
    result.merged = stats.merged + repoint_children(writer) + drop_duplicate_goals(writer)
    if stats.pending != waiting:
        save_pending(writer.conn, stats.pending)
    result.waiting = len(stats.pending)
    return result
