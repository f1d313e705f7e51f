"""Sync with a team's shared PostgreSQL database: push this database's new change records
there, pull everything new from it. Both sides keep records by change id, so re-sending is
harmless; cursors only save work.

The pull cursor is the team database's arrival number (`change.seq`). Writers there take the
clock row FOR UPDATE, so numbers are handed out in commit order and a cursor cannot pass a
record that commits later; the pull still re-reads a small overlap as a second line of
defence, which costs little because import skips records it already has.

A sync can be cancelled between two batches: each batch is one transaction on the side it
writes to, with the cursor that says it is done, so a cancelled sync keeps every batch it
committed and the next one goes on from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from hubtui.domain.errors import DatabaseError, UserError
from hubtui.store import Store, Writer, open_store
from hubtui.store.bulk import collector_paused
from hubtui.store.erasure_purge import purge_erased
from hubtui.sync.after_delete import count_edits_after_delete
from hubtui.sync.folder import Progress, never, sync_lock
from hubtui.sync.merge import ImportResult, import_changes, refresh_statistics
from hubtui.sync.outgoing import damaged_stamp, first_damaged, rows_after
from hubtui.sync.peers import get_state, note_peer, set_state
from hubtui.sync.records import CHANGE, iter_changes_after

PULL_OVERLAP = 500


@dataclass
class RemoteReport:
    target: str
    pushed: ImportResult = field(default_factory=ImportResult)
    pulled: ImportResult = field(default_factory=ImportResult)
    after_delete: int = 0  # edits kept only in the history: their record was deleted first
    purge_note: str = ""  # what could not be purged of an erasure that arrived
    cancelled: bool = False  # stopped between two batches; what was committed is kept
    unsent: UserError | None = None  # why this database's changes from some record on wait


def _quiet(_what: str, _done: int, _total: int) -> None:
    return None


def open_team_database(url: str, advisor: str) -> Store:
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError:
        backend = ""
    if backend != "postgresql":
        raise UserError(
            (
                "'{url}' is not a PostgreSQL URL; give one like "
                "postgresql+psycopg://user@host/dbname (never share a SQLite file itself)."
            ),
            url=url,
        )
    remote = open_store(url, advisor=advisor)
    if remote.read_only:
        remote.close()
        raise remote.notice or DatabaseError("{label} is open read-only.", label=remote.label)
    return remote


def _max_seq(writer: Writer) -> int:
    return int(writer.conn.execute(select(func.max(CHANGE.c.seq))).scalar() or 0)


def sync_with(
    local: Store, url: str, progress: Progress = _quiet, cancelled: Callable[[], bool] = never
) -> RemoteReport:
    """Exchange change records with the PostgreSQL database at `url`, both ways.

    `cancelled` is asked before each batch; once it says yes, the sync stops there (every
    batch sent or received before is kept, with its cursor) and the report says so."""
    remote = open_team_database(url, local.advisor)
    try:
        if remote.origin == local.origin:
            raise UserError("That is this same database; give the team database's URL.")
        report = RemoteReport(remote.label)
        with sync_lock(local), collector_paused():  # records are many small objects
            for step, (what, move) in enumerate(
                # the second push: what the pull itself wrote (merged duplicates)
                [("push", _push), ("pull", _pull), ("push", _push)]
            ):
                progress(what, step, 3)
                if not report.cancelled:
                    move(local, remote, report, cancelled)
            progress("", 3, 3)
        refresh_statistics(local, report.pulled)
        refresh_statistics(remote, report.pushed)
        report.after_delete = count_edits_after_delete(local)
        # an erasure that arrived on either side: its bytes go too
        notes = [purge_erased(local), purge_erased(remote)]
        report.purge_note = " ".join(note for note in notes if note)
        return report
    finally:
        remote.close()


def _stop(report: RemoteReport, cancelled: Callable[[], bool]) -> bool:
    """Whether to stop before the next batch (a safe point: nothing is half written)."""
    report.cancelled = report.cancelled or cancelled()
    return report.cancelled


def _push(local: Store, remote: Store, report: RemoteReport, cancelled: Callable[[], bool]) -> None:
    key = f"sync.push:{remote.origin}"
    with local.read() as conn:
        cursor = int(get_state(conn, key, "0"))
        try:
            for chunk in iter_changes_after(conn, cursor, skip_origins=[remote.origin]):
                if _stop(report, cancelled):
                    return
                with remote.write() as writer:
                    result = import_changes(writer, chunk)
                    note_peer(writer.conn, local.origin, local.advisor, result)
                with local.write() as writer:
                    set_state(writer.conn, key, str(chunk[-1]["seq"]))
                cursor = chunk[-1]["seq"]
                report.pushed.add(result)
        except ValueError:  # a record's time cannot be read: a damaged database
            # The push stops before the chunk that holds it (see hubtui.sync.folder for why
            # nothing after it may go); the pull goes on.
            rows = rows_after(conn, cursor, skip_origins=[remote.origin])
            damaged = first_damaged(rows)
            if damaged is None:
                raise
            report.unsent = damaged_stamp(rows[damaged], to="team")


def _pull(local: Store, remote: Store, report: RemoteReport, cancelled: Callable[[], bool]) -> None:
    key, push_key = f"sync.pull:{remote.origin}", f"sync.push:{remote.origin}"
    with local.read() as conn:
        cursor = int(get_state(conn, key, "0"))
    with remote.read() as conn:
        start = max(0, cursor - PULL_OVERLAP)
        for chunk in iter_changes_after(conn, start, skip_origins=[local.origin]):
            if _stop(report, cancelled):
                return
            with local.write() as writer:
                before = _max_seq(writer)
                result = import_changes(writer, chunk)
                after = _max_seq(writer)
                cursor = max(cursor, chunk[-1]["seq"])
                set_state(writer.conn, key, str(cursor))
                note_peer(writer.conn, remote.origin, remote.label, result)
                # Records just pulled need not go back; only what this database adds does.
                own = writer.conn.execute(
                    select(func.count())
                    .select_from(CHANGE)
                    .where(CHANGE.c.seq > before, CHANGE.c.origin == local.origin)
                ).scalar()
                if not own and int(get_state(writer.conn, push_key, "0")) == before:
                    set_state(writer.conn, push_key, str(after))
            report.pulled.add(result)
            if _stop(report, cancelled):  # before fetching the next batch over the link
                return
