"""Erasures that arrived by sync reach the bytes too.

`erase_contact` compacts the database it runs on and cleans its backups. A device that only
receives the erasure (a sync from a folder, a file, or the team database) has deleted the row
and redacted the records in its tables, but the old bytes may still sit in free pages, the WAL,
dead PostgreSQL tuples and its backups. After each sync, `purge_erased` notices erasure records
it has not purged yet and does the rest: SQLite is compacted (VACUUM with secure_delete, WAL
truncated) and its backups get the same erasures; PostgreSQL rewrites the tables that held the
person (VACUUM FULL), so no dead row version keeps them.
"""

from __future__ import annotations

from sqlalchemy import func, select, text, update

from hubtui.errors import DatabaseError
from hubtui.store import tables
from hubtui.store.erasure import ERASED_FIELD, PERSONAL_ENTITIES, compact, erase_in_backups
from hubtui.store.store import Store

_DONE_KEY = "safety.erasures_purged"  # how many erasure records the bytes already reflect
REWRITTEN = ("change", "sync_pending", *sorted(PERSONAL_ENTITIES))


def purge_erased(store: Store, *, force: bool = False) -> str:
    """Purge the bytes of erasures not purged yet; "" or a sentence saying what is left."""
    state = tables.LOCAL_STATE
    change = tables.CHANGE
    with store.read() as conn:
        count = conn.execute(
            select(func.count()).where(change.c.field == ERASED_FIELD)
        ).scalar_one()
        done = conn.execute(select(state.c.value).where(state.c.key == _DONE_KEY)).scalar()
    if count == 0 or (not force and str(count) == (done or "0")):
        return ""
    note = ""
    if store.is_sqlite and store.path is not None:
        try:
            compact(store)
        except DatabaseError as e:
            note = str(e)
        _cleaned, failed = erase_in_backups(store.path)
        if failed:
            note = note or (
                f"{len(failed)} backup(s) could not be cleaned of an erased person "
                f"({failed[0]}); delete them by hand."
            )
    elif not store.is_sqlite:
        with store.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in REWRITTEN:
                conn.execute(text(f'VACUUM FULL "{table}"'))
    if not note:
        with store.write() as writer:
            done_now = writer.conn.execute(
                update(state).where(state.c.key == _DONE_KEY).values(value=str(count))
            )
            if not done_now.rowcount:
                writer.conn.execute(state.insert().values(key=_DONE_KEY, value=str(count)))
    return note
