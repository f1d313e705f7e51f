"""Erasing a person (GDPR article 17): the row, every value in its history, and the bytes.

The database part (deleting the row, redacting its change records, compacting the file and
the backups) lives in `hubtui.store.erasure`; the sync folders' change files are redacted by
`hubtui.sync.redaction`. This module is the use case that does all of it in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from hubtui.errors import UserError
from hubtui.store import tables
from hubtui.store.erasure import (
    ERASED_FIELD,
    ERASED_VALUE,
    apply_erasure,
    compact,
    erase_in_backups,
)
from hubtui.store.erasure_purge import purge_erased
from hubtui.store.store import Store
from hubtui.sync.redaction import scrub_sync_folders

_CHANGE = tables.CHANGE


@dataclass(frozen=True)
class ErasureResult:
    entity_id: str
    records_redacted: int
    backups_cleaned: int
    backups_failed: tuple[Path, ...]
    sync_files_cleaned: int = 0


def erase_contact(store: Store, contact_id: str) -> ErasureResult:
    """Erase a contact person everywhere this database and its backups hold them."""
    with store.read() as conn:
        known = conn.execute(
            select(_CHANGE.c.field).where(
                _CHANGE.c.entity == "contact", _CHANGE.c.entity_id == contact_id
            )
        ).scalars()
        fields = set(known)
    if not fields:
        raise UserError(
            "There is no contact with id {contact_id}; see 'hubtui contact list'.",
            contact_id=contact_id,
        )
    with store.write() as writer:
        redacted = apply_erasure(writer.conn, "contact", contact_id)
        if ERASED_FIELD not in fields:
            writer.record_notice("contact", contact_id, ERASED_FIELD, ERASED_VALUE)
    sync_files = scrub_sync_folders(store)
    if store.path is None:  # the team database: rewrite its tables so no dead row keeps them
        purge_erased(store, force=True)
        return ErasureResult(contact_id, redacted, 0, (), sync_files)
    compact(store)
    cleaned, failed = erase_in_backups(store.path)
    return ErasureResult(contact_id, redacted, cleaned, tuple(failed), sync_files)
