"""Importing change records from another device: a set union, then the rows recomputed.

Importing the same records twice, or in any order, gives the same rows: records are kept by
change id, and each field's value is a pure function of the set of records (see materialize).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import func, select, text

from hubtui.domain.errors import Phrase, Term, UserError
from hubtui.i18n import _
from hubtui.i18n.fields import field_words
from hubtui.store import Store, Writer, hlc
from hubtui.store.bulk import id_params, ids_in, is_sqlite, roomy_cache
from hubtui.store.erasure import settle_erasures
from hubtui.sync.identity import drop_duplicate_goals, repoint_children
from hubtui.sync.identity_doubt import undo_stale_merges
from hubtui.sync.materialize import Key, pending_keys, rebuild, save_pending
from hubtui.sync.record_names import record_names, record_words
from hubtui.sync.records import CHANGE
from hubtui.sync.validate import quarantine, release

_ANALYZE_ABOVE = 2_000
MAX_CLOCK_AHEAD = dt.timedelta(hours=24)
"""Changes stamped further ahead of this computer's clock are refused: one laptop with a clock
a year ahead would otherwise pin every peer's clock a year ahead after one sync."""


class ClockAhead(UserError):
    """Imported changes are stamped too far ahead of this computer's clock."""

    def __init__(self, advisor: str, origin: str, ahead: dt.timedelta) -> None:
        device = origin[-12:]
        who = (
            Phrase("{advisor} (device {device})", advisor=advisor, device=device)
            if advisor
            else Phrase("device {device}", device=device)
        )
        self.reason = str(
            Phrase(
                "its changes from {who} are stamped {ahead} ahead of this computer's clock; set "
                "the date and time right on whichever computer is wrong",
                who=who,
                ahead=_duration(ahead),
            )
        )
        super().__init__(
            Term(  # a literal message id, collected for the catalogue as Term
                "Changes from {who} are stamped {ahead} ahead of this computer's clock and were "
                "not imported; set the date and time right on whichever computer is wrong, then "
                "sync again."
            ),
            who=who,
            ahead=_duration(ahead),
        )


def _duration(span: dt.timedelta) -> Phrase:
    hours = span.total_seconds() / 3600
    if hours >= 48:
        return Phrase("{count:.0f} days", count=hours / 24)
    if hours >= 2:
        return Phrase("{count:.0f} hours", count=hours)
    return Phrase("{count:.0f} minutes", count=span.total_seconds() / 60)


def check_clock(records: Iterable[Mapping[str, Any]], now_ms: int | None = None) -> None:
    """Refuse records stamped more than MAX_CLOCK_AHEAD ahead of this computer's clock."""
    now = hlc.now_millis() if now_ms is None else now_ms
    limit = hlc.format_hlc(now + MAX_CLOCK_AHEAD // dt.timedelta(milliseconds=1), hlc.MAX_COUNTER)
    worst = max(records, key=lambda r: r["hlc"], default=None)
    if worst is not None and worst["hlc"] > limit:
        ahead = dt.timedelta(milliseconds=hlc.parse_hlc(worst["hlc"])[0] - now)
        raise ClockAhead(worst["advisor"], worst["origin"], ahead)


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
    quarantined: list[str] = field(default_factory=list)  # records refused, described
    # every field conflict: "organisation Acme AB, employees: kept 30 (device …) over 25 (…)"
    conflict_lines: list[str] = field(default_factory=list)
    # duplicates kept apart (one orgnr, different names) and merges undone (orgnr corrected)
    identity_notes: list[str] = field(default_factory=list)

    def notes(self, where: str = "") -> list[str]:
        """Every conflict, quarantined record and duplicate, a line each, as the command line
        and the Sync screen list them (`where`: " by the team database" for what it refused)."""
        kinds = (
            (_("Conflict{where}: {line}."), self.conflict_lines),
            (_("Quarantined{where}: {line}."), self.quarantined),
            (_("Duplicate{where}: {line}."), self.identity_notes),
        )
        return [text.format(where=where, line=line) for text, lines in kinds for line in lines]

    def add(self, other: ImportResult) -> None:
        self.received += other.received
        self.new += other.new
        self.rows_touched += other.rows_touched
        self.conflicts += other.conflicts
        self.merged += other.merged
        self.waiting = other.waiting
        self.last_hlc = max(self.last_hlc, other.last_hlc)
        self.quarantined += other.quarantined
        self.conflict_lines += other.conflict_lines
        self.identity_notes += other.identity_notes


def refresh_statistics(store: Store, result: ImportResult) -> None:
    """After a large import the planner's statistics are out of date: refresh them."""
    if result.new > _ANALYZE_ABOVE:
        store.analyze()


def unseen(writer: Writer, records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The records (first of each id) this database does not hold yet."""
    by_id: dict[str, Mapping[str, Any]] = {}
    for record in records:
        by_id.setdefault(record["id"], record)
    if writer.conn.dialect.name == "postgresql" and len(by_id) > _ANALYZE_ABOVE:
        # After a big import autovacuum has not yet counted the new rows; without fresh
        # statistics the planner scans the whole change table for every lookup below.
        writer.conn.execute(text("ANALYZE change"))
    query = _known_query(is_sqlite(writer.conn))
    for params in id_params(writer.conn, list(by_id)):
        for known in writer.conn.execute(query, params).scalars():
            del by_id[known]
    return list(by_id.values())


@cache
def _known_query(sqlite: bool) -> Any:
    return select(CHANGE.c.id).where(CHANGE.c.id.in_(ids_in(sqlite)))


def import_changes(writer: Writer, records: Iterable[Mapping[str, Any]]) -> ImportResult:
    """Add records from elsewhere inside the writer's transaction and update the rows."""
    offered = list(records)
    with roomy_cache(writer.conn, len(offered)):
        return _import(writer, offered)


def _import(writer: Writer, offered: list[Mapping[str, Any]]) -> ImportResult:
    fresh = unseen(writer, offered)
    check_clock(fresh)
    fresh, refused = quarantine(writer.conn, fresh)
    fresh += release(writer.conn, fresh)  # corrected since: they import now
    result = ImportResult(received=len(offered), new=len(fresh), quarantined=refused)
    before = int(writer.conn.execute(select(func.max(CHANGE.c.seq))).scalar() or 0)
    if fresh:
        writer.add_remote_changes(fresh)
        result.last_hlc = max(r["hlc"] for r in fresh)
        writer.observe(result.last_hlc)
    waiting = pending_keys(writer.conn)
    keys: set[Key] = {(r["entity"], r["entity_id"]) for r in fresh} | waiting
    keys = settle_erasures(writer.conn, keys)  # an erased person is never rebuilt
    if not keys:
        return result
    stats = rebuild(writer, keys, {r["id"] for r in fresh}, (before, fresh))
    result.rows_touched = stats.rows_touched
    result.conflicts = stats.conflicts
    names = record_names(writer.conn, [(d[0], d[1]) for d in stats.conflict_details])
    result.conflict_lines = [
        _(
            "{record}, {field}: kept {kept} (device {kept_by}) over {lost} "
            "(device {lost_by}), which stays in the history"
        ).format(
            record=record_words(entity, row_id, names),
            field=field_words(name),
            kept=repr(kept),
            kept_by=kept_by[-12:],
            lost=repr(lost),
            lost_by=lost_by[-12:],
        )
        for entity, row_id, name, kept, kept_by, lost, lost_by in stats.conflict_details
    ] + stats.merge_notes
    touched = {row_id for entity, row_id in keys if entity == "organisation"}
    result.identity_notes = stats.kept_apart + undo_stale_merges(writer, touched)
    result.merged = stats.merged + repoint_children(writer) + drop_duplicate_goals(writer)
    if stats.pending != waiting:
        save_pending(writer.conn, stats.pending)
    result.waiting = len(stats.pending)
    return result
