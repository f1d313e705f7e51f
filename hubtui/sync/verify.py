"""`hubtui sync verify`: does this database agree with a sync folder or the team database?

Two things are compared. The version vectors: which change records each side holds, per
device that made them (a record is known by its id, so a count that matches by chance does
not pass). And every record's merged state, field by field: this database's rows against the
team database's rows, or against the rows the folder's files add up to (imported into a
scratch database, so the same merge code decides). A difference names the record, the field,
each side's value and which device and advisor wrote it, and the run says what to do.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from hubtui.errors import UserError
from hubtui.i18n import N_, _, number
from hubtui.i18n.fields import field_words, writer_words
from hubtui.store import Store, open_store, tables
from hubtui.store.codec import recorded_columns
from hubtui.store.models import ENTITIES
from hubtui.store.tables import synced_table
from hubtui.sync.files import RejectedFile, read_change_file
from hubtui.sync.materialize import Stamp, field_values, load_keyed
from hubtui.sync.merge import import_changes
from hubtui.sync.record_names import record_names, record_words
from hubtui.sync.records import CHANGE
from hubtui.sync.snapshot_format import covered_vector
from hubtui.sync.validate import QUARANTINE

STATE = tables.LOCAL_STATE
SHOWN = 20  # differences listed; the count says how many more
WHOLE = N_("(whole record)")


@dataclass(frozen=True)
class Difference:
    entity: str
    entity_id: str
    field: str  # WHOLE when one side lacks the record
    here: Any
    there: Any
    here_writer: str
    there_writer: str


@dataclass
class VerifyReport:
    target: str
    records: int = 0  # rows compared
    changes: int = 0  # change records held here
    only_here: dict[str, int] = field(default_factory=dict)  # device -> records
    only_there: dict[str, int] = field(default_factory=dict)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # folder files
    differences: list[Difference] = field(default_factory=list)
    advice: str = ""
    names: dict[tuple[str, str], str] = field(default_factory=dict)  # records shown, by name

    @property
    def agree(self) -> bool:
        return not (self.only_here or self.only_there or self.differences or self.unreadable)


def verify(store: Store, target: str | Path) -> VerifyReport:
    """Compare this database with a sync folder (a path) or a PostgreSQL URL."""
    text = str(target)
    if text.startswith("postgresql"):
        from hubtui.sync.remote import open_team_database

        other = open_team_database(text, store.advisor)
        try:
            if other.origin == store.origin:
                raise UserError("That is this same database; give the team database's URL.")
            report = _compare(store, other, other.label, sync=f"hubtui sync --with {text}")
        finally:
            other.close()
        return report
    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise UserError(
            (
                "The sync folder {folder} does not exist; give the folder you sync through, or a "
                "postgresql+psycopg:// URL."
            ),
            folder=folder,
        )
    with _folder_database(folder) as (other, unreadable, compacted):
        report = _compare(
            store, other, str(folder), sync=f"hubtui sync --folder {folder}", compacted=compacted
        )
    report.unreadable = unreadable
    if unreadable:
        report.advice = _(
            "Some files cannot be read; run 'hubtui sync --folder {folder}' on the laptops "
            "that wrote them (each rewrites its own damaged files), then verify again."
        ).format(folder=folder)
    return report


@contextmanager
def _folder_database(
    folder: Path,
) -> Iterator[tuple[Store, list[tuple[str, str]], dict[str, str]]]:
    """A scratch database holding every readable change record of the folder, and the version
    vector its snapshots cover (records at or below it may have been compacted away)."""
    unreadable: list[tuple[str, str]] = []
    compacted: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="hubtui-verify-") as scratch:
        other = open_store(Path(scratch) / "folder.db", advisor="verify")
        try:
            for directory in sorted(p for p in folder.iterdir() if p.is_dir()):
                for path in sorted(directory.glob("*.hubsync")):
                    try:
                        change_file = read_change_file(path)
                    except RejectedFile as e:
                        unreadable.append((f"{directory.name}/{path.name}", str(e)))
                        continue
                    for origin, stamp in covered_vector(change_file.header).items():
                        compacted[origin] = max(compacted.get(origin, ""), stamp)
                    with other.write() as writer:
                        import_changes(writer, change_file.records)
            yield other, unreadable, compacted
        finally:
            other.close()


def _vector(
    conn: Connection, skip: str = "", compacted: Mapping[str, str] | None = None
) -> dict[str, set[str]]:
    """Change record ids by the device that made them (leaving out those at or below the
    `compacted` version vector: a snapshot covers them, and may have left them out)."""
    out: dict[str, set[str]] = {}
    covered = compacted or {}
    query = select(CHANGE.c.id, CHANGE.c.origin, CHANGE.c.hlc)
    for record_id, origin, stamp in conn.execute(query):
        if origin != skip and stamp > covered.get(origin, ""):
            out.setdefault(origin, set()).add(record_id)
    return out


def _count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(CHANGE)).scalar() or 0)


def _quarantined_ids(conn: Connection) -> set[str]:
    keys = conn.execute(select(STATE.c.key).where(STATE.c.key.like(f"{QUARANTINE}%")))
    return {key.removeprefix(QUARANTINE) for key in keys.scalars()}


def _compare(
    here: Store,
    there: Store,
    label: str,
    *,
    sync: str,
    compacted: Mapping[str, str] | None = None,
) -> VerifyReport:
    report = VerifyReport(label)
    scratch = there.advisor == "verify"  # a folder's scratch database: its own merges aside
    with here.read() as a, there.read() as b:
        mine = _vector(a, compacted=compacted)
        theirs = _vector(b, there.origin if scratch else "", compacted)
        report.changes = _count(a)
        # records one side refused on purpose (quarantined, and reported when it did)
        aside_a, aside_b = _quarantined_ids(a), _quarantined_ids(b)
        for origin in sorted(set(mine) | set(theirs)):
            extra = len(mine.get(origin, set()) - theirs.get(origin, set()) - aside_b)
            missing = len(theirs.get(origin, set()) - mine.get(origin, set()) - aside_a)
            if extra:
                report.only_here[origin] = extra
            if missing:
                report.only_there[origin] = missing
        for entity in ENTITIES:
            rows_a, rows_b = _rows(a, entity), _rows(b, entity)
            report.records += len(set(rows_a) | set(rows_b))
            for row_id in sorted(set(rows_a) | set(rows_b)):
                report.differences += _differ(entity, row_id, rows_a, rows_b)
        report.differences[:SHOWN] = [
            replace(
                d,
                here_writer=_writer(a, d.entity, d.entity_id, d.field),
                there_writer=_writer(b, d.entity, d.entity_id, d.field),
            )
            for d in report.differences[:SHOWN]
        ]
        shown = [(d.entity, d.entity_id) for d in report.differences[:SHOWN]]
        report.names = {**record_names(b, shown), **record_names(a, shown)}
    if report.only_here or report.only_there:
        report.advice = _("Run '{sync}' here and on the other laptops, then verify again.").format(
            sync=sync
        )
    elif report.differences:
        report.advice = _(
            "Both hold the same changes but not the same records; run 'hubtui sync rebuild' "
            "here (and with --db on the other database), then verify again."
        )
    return report


def _rows(conn: Connection, entity: str) -> dict[str, dict[str, Any]]:
    table = synced_table(entity)
    columns = [table.c.id, *(table.c[name] for name in recorded_columns(entity))]
    return {row["id"]: dict(row) for row in conn.execute(select(*columns)).mappings()}


def _differ(
    entity: str,
    row_id: str,
    rows_a: Mapping[str, dict[str, Any]],
    rows_b: Mapping[str, dict[str, Any]],
) -> list[Difference]:
    mine, theirs = rows_a.get(row_id), rows_b.get(row_id)
    if mine is None or theirs is None:
        # words as data, shown in the reader's language when the report is rendered
        here, there = (
            (N_("present") if mine else N_("absent")),
            (N_("present") if theirs else N_("absent")),
        )
        return [Difference(entity, row_id, WHOLE, here, there, "", "")]
    return [
        Difference(entity, row_id, name, mine[name], theirs[name], "", "")
        for name in recorded_columns(entity)
        if mine[name] != theirs[name]
    ]


def _writer(conn: Connection, entity: str, row_id: str, name: str) -> str:
    """Who wrote the value in effect: the advisor and device of the winning change record."""
    best: tuple[Stamp, Any] | None = None
    for record in load_keyed(conn, [(entity, row_id)]).get((entity, row_id), []):
        if name != WHOLE and name not in field_values(entity, record):
            continue
        stamp: Stamp = (record.hlc, record.origin, record.id)
        if best is None or stamp > best[0]:
            best = (stamp, record)
    if best is None:
        return ""
    advisor = conn.execute(select(CHANGE.c.advisor).where(CHANGE.c.id == best[1].id)).scalar()
    return writer_words(advisor or "", best[1].origin)


def verdict_lines(report: VerifyReport) -> list[str]:
    """The verdict of `hubtui sync verify`, one line each (the sync screen shows the same)."""
    if report.agree:
        return [
            _(
                "In agreement with {target}: {records} record(s) and {changes} change(s) compared."
            ).format(
                target=report.target,
                records=number(report.records),
                changes=number(report.changes),
            )
        ]
    lines = [_("Not in agreement with {target}:").format(target=report.target)]
    for origin, count in report.only_here.items():
        lines.append(
            _("- here are {count} change(s) of device {device} that it lacks").format(
                count=number(count), device=origin[-12:]
            )
        )
    for origin, count in report.only_there.items():
        lines.append(
            _("- it has {count} change(s) of device {device} not here").format(
                count=number(count), device=origin[-12:]
            )
        )
    for name, reason in report.unreadable:
        lines.append(_("- {name} cannot be read: {reason}").format(name=name, reason=reason))
    nobody = _("no writer")
    for d in report.differences[:SHOWN]:
        whole = d.field == WHOLE
        here, there = (_(d.here), _(d.there)) if whole else (_shown(d.here), _shown(d.there))
        lines.append(
            _(
                "- {record}, {field}: here {here} ({here_writer}), there {there} ({there_writer})"
            ).format(
                record=record_words(d.entity, d.entity_id, report.names),
                field=_(WHOLE) if whole else field_words(d.field),
                here=here,
                here_writer=d.here_writer or nobody,
                there=there,
                there_writer=d.there_writer or nobody,
            )
        )
    if len(report.differences) > SHOWN:
        lines.append(
            _("- and {count} more difference(s)").format(
                count=number(len(report.differences) - SHOWN)
            )
        )
    lines.append(report.advice)
    return lines


def _shown(value: Any) -> str:
    if value in (None, ""):
        return _("empty")
    return repr(value) if isinstance(value, str) else str(value)


def rebuild_rows(store: Store) -> int:
    """Recompute every row of this database from its change records (after `verify` found
    rows that differ although both sides hold the same changes); how many rows changed."""
    from hubtui.store.erasure import settle_erasures
    from hubtui.sync.materialize import pending_keys, rebuild, save_pending

    with store.write() as writer:
        keys = {
            (entity, row_id)
            for entity, row_id in writer.conn.execute(
                select(CHANGE.c.entity, CHANGE.c.entity_id).distinct()
            )
            if entity in ENTITIES
        }
        keys = settle_erasures(writer.conn, keys)  # an erased person stays erased
        stats = rebuild(writer, keys)
        if stats.pending != pending_keys(writer.conn):
            save_pending(writer.conn, stats.pending)
        return stats.rows_touched
