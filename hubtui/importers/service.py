"""Importing a spreadsheet: read it, map its columns, plan every row, then write in one go."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError

from hubtui.errors import DatabaseError, UserError
from hubtui.importers.activities import looks_like_attendance, plan_activity_rows
from hubtui.importers.contacts import plan_contact_rows
from hubtui.importers.doubts import mapping_doubts
from hubtui.importers.fields import Kind, guess_kind
from hubtui.importers.mapping import (
    ColumnMapping,
    SavedMapping,
    build_mapping,
    load_mapping_file,
)
from hubtui.importers.organisations import OrgIndex, plan_organisation_rows
from hubtui.importers.plan import ImportPlan, Progress
from hubtui.importers.reading import SheetTable, read_table
from hubtui.importers.rejected import write_rejected
from hubtui.store import Store, tables
from hubtui.store.bulk import collector_paused

_CHANGE = tables.CHANGE

# A kind cannot be imported without these fields (any one of each group).
_REQUIRED: dict[Kind, tuple[tuple[str, ...], ...]] = {
    "organisations": (("name", "orgnr"),),
    "contacts": (("contact", "email"),),  # without names, the address names the contact
    "activities": (("date",),),
    "events": (("date",),),
}


@dataclass(frozen=True)
class Prepared:
    """A file read and its columns mapped, ready to plan."""

    table: SheetTable
    mapping: ColumnMapping
    kind_guessed: bool

    @property
    def doubts(self) -> list[str]:
        """What the guess is unsure of, as questions to the user (in their language)."""
        return mapping_doubts(self.mapping)


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    rejected_file: Path | None


def prepare(
    path: Path,
    *,
    kind: Kind | None = None,
    sheet: str | None = None,
    overrides: Sequence[str] = (),
    mapping_file: Path | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Prepared:
    """Read the file and map its columns: guessed, then the mapping file, then --map."""
    saved = load_mapping_file(mapping_file) if mapping_file else SavedMapping()
    if sheet is None and path.suffix.lower() in (".xlsx", ".xlsm"):
        sheet = saved.sheet  # a mapping saved from a workbook names its sheet
    with collector_paused():
        table = read_table(path, sheet=sheet, encoding=encoding, delimiter=delimiter)
    chosen = kind or saved.kind
    guessed = chosen is None
    if chosen is None:
        chosen = guess_kind(table.headers)
    mapping = build_mapping(table.headers, chosen, saved=saved, overrides=overrides)
    if guessed and chosen == "activities" and looks_like_attendance(table, mapping):
        mapping = build_mapping(table.headers, "events", saved=saved, overrides=overrides)
    return Prepared(table, mapping, guessed)


def check_mapping(mapping: ColumnMapping) -> None:
    """UserError when a field the kind needs has no column."""
    for group in _REQUIRED[mapping.kind]:
        if not mapping.fields & set(group):
            names = " or ".join(group)
            raise UserError(
                (
                    "No column is mapped to {names}, which {kind} need; map one with --map "
                    "COLUMN={group}."
                ),
                names=names,
                kind=mapping.kind,
                group=group[0],
            )


def build_plan(
    conn: Connection,
    prepared: Prepared,
    *,
    project: str | None = None,
    advisor: str = "",
    mapping: ColumnMapping | None = None,
) -> ImportPlan:
    """What every row would do, judged against the database as `conn` sees it."""
    mapping = mapping or prepared.mapping
    check_mapping(mapping)
    plan = ImportPlan(mapping.kind, prepared.table, mapping, project, change_stamp(conn))
    index = OrgIndex.load(conn)
    rows = prepared.table.rows
    if mapping.kind == "organisations":
        plan_organisation_rows(plan, index, rows)
    elif mapping.kind == "contacts":
        plan_contact_rows(plan, conn, index, rows)
    else:
        plan_activity_rows(
            plan,
            conn,
            index,
            rows,
            project=project,
            advisor=advisor,
            group_events=mapping.kind == "events",
        )
    return plan


def change_stamp(conn: Connection) -> tuple[int, str]:
    """Where the change log stands: its last arrival number and that record's clock stamp.
    Every write of a synced table, local or from sync, adds records to it with the next
    arrival number (none is ever removed), so an equal stamp means nothing changed. One
    step down the `seq` index, however long the log."""
    newest = select(func.max(_CHANGE.c.seq)).scalar_subquery()
    last = conn.execute(select(_CHANGE.c.seq, _CHANGE.c.hlc).where(_CHANGE.c.seq == newest)).first()
    return (int(last.seq or 0), last.hlc) if last else (0, "")


def dry_run(
    store: Store,
    prepared: Prepared,
    *,
    project: str | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportPlan:
    """The plan without writing anything."""
    with store.read() as conn, collector_paused():
        return build_plan(conn, prepared, project=project, advisor=store.advisor, mapping=mapping)


def run_import(
    store: Store,
    prepared: Prepared,
    *,
    project: str | None = None,
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
    planned: ImportPlan | None = None,
) -> ImportResult:
    """Import every row that passes in ONE transaction; write the rejected rows beside the file.

    The rows are planned before the write transaction (so other writers wait only for the
    writes), or `planned` (a dry run of the same file, mapping and project) is used. If the
    database changed since, the rows are planned again inside the transaction, so what is
    written always matches the plan reported.
    """
    mapping = mapping or prepared.mapping
    same_rows = planned is not None and planned.table is prepared.table
    if planned is None or not same_rows or (planned.mapping, planned.project) != (mapping, project):
        planned = dry_run(store, prepared, project=project, mapping=mapping)
    try:
        with store.write() as writer, collector_paused():
            plan = planned
            if change_stamp(writer.conn) != plan.stamp:
                plan = build_plan(
                    writer.conn, prepared, project=project, advisor=store.advisor, mapping=mapping
                )
            plan.execute(writer, progress)
            # Written before the commit: if it cannot be written, nothing is imported.
            rejected = write_rejected(prepared.table, plan.rejected) if plan.rejected else None
    except IntegrityError:
        # A shared PostgreSQL database has no write lock like SQLite's: someone else added
        # the same organisation during the import. The transaction is rolled back.
        raise DatabaseError(
            "Someone else changed the same data while importing, so nothing was imported; "
            "run the import again."
        ) from None
    store.analyze()  # the planner's statistics, now that the tables may have grown much
    return ImportResult(plan, rejected)
