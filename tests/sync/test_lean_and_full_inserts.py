"""A laptop that writes lean insert records (only the fields not at their default) and one
whose insert records hold every field (as hubtui wrote them before) sync to the same rows,
and `sync verify` finds them in agreement."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, update
from sync_helpers import ACME, change_file, send, state

from hubtui.safety.erasure import erase_contact
from hubtui.store import Store, tables
from hubtui.store.codec import decode_row, recorded_columns
from hubtui.sync.verify import verify

CHANGE = tables.CHANGE


def _as_before(store: Store) -> int:
    """Rewrite this database's insert records the way hubtui wrote them before: every
    recorded column, "deleted" included, with the default separators."""
    with store.write() as w:
        rows = w.conn.execute(
            select(CHANGE.c.id, CHANGE.c.entity, CHANGE.c.value).where(CHANGE.c.field == "*")
        ).all()
        for record_id, entity, value in rows:
            full = json.dumps(decode_row(entity, value), ensure_ascii=False, default=str)
            w.conn.execute(update(CHANGE).where(CHANGE.c.id == record_id).values(value=full))
    return len(rows)


def _insert_value(store: Store, entity_id: str) -> dict[str, object]:
    with store.read() as conn:
        text = conn.execute(
            select(CHANGE.c.value).where(CHANGE.c.entity_id == entity_id, CHANGE.c.field == "*")
        ).scalar_one()
    return dict(json.loads(text))


def test_lean_and_full_insert_records_converge(
    new_device: Callable[[str], Store], tmp_path: Path
) -> None:
    old, lean, fresh = new_device("old"), new_device("lean"), new_device("fresh")
    with old.write() as w:
        acme = w.insert("organisation", {"name": "Acme AB", "orgnr": ACME, "employees": 10})
        anna = w.insert("contact", {"organisation_id": acme, "name": "Anna", "role": "VD"})
    assert _as_before(old) == 2
    assert set(_insert_value(old, acme)) == set(recorded_columns("organisation"))
    with lean.write() as w:
        beta = w.insert("organisation", {"name": "Beta AB"})
    assert _insert_value(lean, beta) == {"name": "Beta AB"}
    send(old, lean)
    send(lean, old)
    assert _insert_value(lean, acme) == _insert_value(old, acme)  # stored as it came
    with lean.write() as w:  # each edits the other's row, fields at and off their default
        w.update("organisation", acme, {"notes": "ring i maj", "employees": None})
        w.update("contact", anna, {"role": ""})
    with old.write() as w:
        w.update("organisation", beta, {"country": "NO", "kind": "company"})
    send(old, lean)
    send(lean, old)
    send(old, fresh)
    assert state(old) == state(lean) == state(fresh)
    rows = {row[0]: row for row in state(lean)["organisation"]}
    assert rows[beta][1:3] == (False, None)  # deleted, orgnr: defaults of the lean record
    with lean.read() as conn:
        org = tables.ORGANISATION
        beta_row = conn.execute(select(org).where(org.c.id == beta)).mappings().one()
        acme_row = conn.execute(select(org).where(org.c.id == acme)).mappings().one()
    assert (beta_row["country"], beta_row["kind"], beta_row["sni_version"]) == (
        "NO",
        "company",
        "SNI2007",
    )
    assert (acme_row["notes"], acme_row["employees"], acme_row["orgnr"]) == (
        "ring i maj",
        None,
        ACME,
    )
    folder = tmp_path / "shared"
    (folder / old.origin).mkdir(parents=True)
    change_file(old, folder / old.origin / "all.hubsync")
    for store in (old, lean, fresh):
        report = verify(store, folder)
        assert report.agree, report
    with lean.write() as w:  # a lean contact beside the full one
        bo = w.insert("contact", {"organisation_id": acme, "name": "Bo", "email": "bo@acme.se"})
    for person in (anna, bo):
        erase_contact(lean, person)
        assert (
            set(_insert_value(lean, person).values()) & {"Anna", "VD", "Bo", "bo@acme.se"} == set()
        )
