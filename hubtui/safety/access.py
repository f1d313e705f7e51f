"""An access request (GDPR article 15): everything this database holds on one person, as JSON."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from hubtui import __version__
from hubtui.errors import UserError
from hubtui.store import Store, tables
from hubtui.store.codec import insert_values
from hubtui.store.erasure import ERASED_FIELD

_CHANGE = tables.CHANGE
_CONTACT = tables.CONTACT
_ORG = tables.ORGANISATION


def contact_record(store: Store, contact_id: str) -> dict[str, Any]:
    """What is held on the contact `contact_id`: the record, its organisation, its history."""
    with store.read() as conn:
        row = conn.execute(select(_CONTACT).where(_CONTACT.c.id == contact_id)).mappings().first()
        history = (
            conn.execute(
                select(_CHANGE)
                .where(_CHANGE.c.entity == "contact", _CHANGE.c.entity_id == contact_id)
                .order_by(_CHANGE.c.hlc, _CHANGE.c.id)
            )
            .mappings()
            .all()
        )
        organisation = None
        if row is not None and row["organisation_id"]:
            org = (
                conn.execute(
                    select(_ORG.c.id, _ORG.c.name, _ORG.c.orgnr).where(
                        _ORG.c.id == row["organisation_id"]
                    )
                )
                .mappings()
                .first()
            )
            organisation = dict(org) if org else None
    if any(change["field"] == ERASED_FIELD for change in history):
        raise UserError(
            "The contact {contact_id} has been erased; nothing is held on them.",
            contact_id=contact_id,
        )
    if row is None:
        raise UserError(
            "There is no contact with id {contact_id}; see 'hubtui contact list'.",
            contact_id=contact_id,
        )
    return {
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "exported_by": f"hubtui {__version__}",
        "database": store.label,
        "purpose": "Everything this hubtui database holds on the person (an access request).",
        "contact": {k: _plain(v) for k, v in row.items()},
        "organisation": organisation,
        "history": [
            {
                "recorded_at": _plain(change["recorded_at"]),
                "recorded_by": change["advisor"],
                "device": change["origin"],
                "what": "created" if change["field"] == "*" else f"changed {change['field']}",
                "value": _decoded(change["value"], change["field"]),
            }
            for change in history
        ],
    }


def contact_export_text(store: Store, contact_id: str) -> str:
    """`contact_record` as the JSON text of an access-request file."""
    return json.dumps(contact_record(store, contact_id), ensure_ascii=False, indent=2) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _decoded(value: str, field: str) -> Any:
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    # a record that created the contact: every field it was created with
    return insert_values("contact", decoded) if field == "*" else decoded
