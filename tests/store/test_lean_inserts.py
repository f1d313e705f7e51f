"""Lean insert records: a created row's insert record holds only the fields not at their
column's default, and every reader gets the full row back; older full records read alike."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from hubtui.safety.access import contact_record
from hubtui.services.history import history
from hubtui.store import Store, tables
from hubtui.store.codec import decode_row, encode_insert, insert_defaults, recorded_columns

CHANGE = tables.CHANGE

# The models' column defaults are part of the change log's format: an insert record leaves a
# column at its default out, and every database (and every other laptop) reads it back as the
# default its own models give. Changing one of these would change what existing records say;
# it needs a migration that writes the old default into every insert record that left it out.
KEPT_DEFAULTS = {
    "organisation": {
        "kind": "company",
        "sni_codes": "",
        "sni_version": "SNI2007",
        "leader_gender": "unknown",
        "personal_number": False,
        "website": "",
        "notes": "",
        "country": "SE",
    },
    "contact": {"role": "", "email": "", "phone": "", "legal_basis": "legitimate_interest"},
    "project": {
        "counties": "[]",
        "funders": "[]",
        "period_months": 3,
        "owner": "",
        "description": "",
        "beneficiary_orgnr": "",
        "case_number": "",
        "programme": "",
        "contact": "",
        "edih": False,
        "aid": "",
    },
    "kpi_goal": {"label_en": "", "where": "{}", "position": 0},
    "testbed": {"location": ""},
    "activity": {
        "advisor": "",
        "title": "",
        "note": "",
        "category": "",
        "support": "non_financial",
        "joint_rd": False,
        "women": 0,
        "men": 0,
        "other": 0,
        "unstated": 0,
        "outcome": "",
    },
    "activity_organisation": {},
    "dma_assessment": {},
    "investment": {"currency": "SEK", "source": ""},
    "collaboration": {"note": ""},
    "report_note": {"text": ""},
    "report_submission": {"snapshot": "{}"},
    "group_composition": {"women": 0, "men": 0, "other": 0},
    "aid_declaration": {
        "grantor": "",
        "amount": 0.0,
        "currency": "SEK",
        "eur_rate": 0.0,
        "scheme": "de_minimis",
        "note": "",
    },
}


def test_column_defaults_are_kept() -> None:
    for entity, table in tables.SYNCED.items():
        defaults = insert_defaults(entity)
        assert set(defaults) == set(recorded_columns(entity))
        assert defaults["deleted"] is False
        others = {k: v for k, v in defaults.items() if v is not None and k != "deleted"}
        assert others == KEPT_DEFAULTS[entity], f"a default of {table.name} changed"


def _insert_record(store: Store, entity_id: str) -> str:
    with store.read() as conn:
        return str(
            conn.execute(
                select(CHANGE.c.value).where(CHANGE.c.entity_id == entity_id, CHANGE.c.field == "*")
            ).scalar_one()
        )


def _activity(store: Store) -> str:
    with store.write() as w:
        project = w.insert(
            "project",
            {"code": "P", "name": "P", "start": dt.date(2026, 1, 1), "end": dt.date(2026, 12, 31)},
        )
        return w.insert(
            "activity",
            {
                "project_id": project,
                "type": "seminar",
                "date": dt.date(2026, 3, 4),
                "hours": 2.5,
                "title": "AI-dag",
                "women": 3,
                "men": 0,  # given, but the default: left out all the same
                "joint_rd": True,
            },
        )


def test_insert_record_omits_defaults_and_the_full_row_comes_back(store: Store) -> None:
    activity_id = _activity(store)
    stored = _insert_record(store, activity_id)
    assert ", " not in stored and ": " not in stored  # compact JSON
    assert set(json.loads(stored)) == {
        "project_id",
        "type",
        "date",
        "hours",
        "title",
        "women",
        "joint_rd",
    }
    row = decode_row("activity", stored)
    assert set(row) == set(recorded_columns("activity"))
    assert row["date"] == dt.date(2026, 3, 4) and row["hours"] == 2.5 and row["women"] == 3
    assert row["men"] == 0 and row["deleted"] is False and row["support"] == "non_financial"
    assert row["testbed_id"] is None and row["note"] == ""
    with store.read() as conn:
        table = tables.ACTIVITY
        saved = conn.execute(select(table).where(table.c.id == activity_id)).mappings().one()
    assert {k: saved[k] for k in row} == row  # the record stands for the row as written
    [created] = history(store, "activity", activity_id)
    assert created.field == "*" and created.value == row


def test_a_full_insert_record_of_before_reads_the_same(store: Store) -> None:
    activity_id = _activity(store)
    lean = _insert_record(store, activity_id)
    full = json.dumps(decode_row("activity", lean), default=str)  # as hubtui wrote it before
    assert decode_row("activity", full) == decode_row("activity", lean)
    assert encode_insert("activity", json.loads(full)) == lean


def test_access_export_shows_every_field_of_the_created_contact(store: Store) -> None:
    with store.write() as w:
        org = w.insert("organisation", {"name": "Köpings Gjuteri AB"})
        contact = w.insert("contact", {"organisation_id": org, "name": "Anna Berg"})
    assert set(json.loads(_insert_record(store, contact))) == {"organisation_id", "name"}
    [created] = contact_record(store, contact)["history"]
    assert created["what"] == "created"
    assert created["value"] == {
        "deleted": False,
        "organisation_id": org,
        "name": "Anna Berg",
        "role": "",
        "email": "",
        "phone": "",
        "legal_basis": "legitimate_interest",
    }
