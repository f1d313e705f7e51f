"""Helpers for the data-safety tests: a filled database, file hashes, raw-byte searches."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hubtui.services.contacts import add_contact
from hubtui.services.organisations import add_organisation
from hubtui.store import Store

PERSON_NAME = "Wilhelmina Quarnström"
PERSON_EMAIL = "wilhelmina.q@exempel-ab.se"


@dataclass(frozen=True)
class Filled:
    path: Path
    organisation_id: str
    contact_id: str


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_bytes_contain(paths: list[Path], text: str) -> list[Path]:
    """The files among `paths` whose raw bytes contain `text` (like `grep -a`)."""
    needle = text.encode("utf-8")
    return [p for p in paths if p.exists() and needle in p.read_bytes()]


def database_files(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm")]


def dump(path: Path) -> list[str]:
    """The database as SQL (with what its WAL holds), without the query planner's statistics
    (sqlite_stat*), which `PRAGMA optimize` refreshes on close whatever the command did."""
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "sqlite_stat" not in line]
    finally:
        conn.close()


def checkpoint(path: Path) -> None:
    """Move everything from the WAL into the main file, so the file alone is the database."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def fill(store: Store) -> tuple[str, str]:
    org = add_organisation(store, name="Exempel AB", orgnr="556036-0793", employees=12)
    add_organisation(store, name="Mälarenergi AB", orgnr="5567037485", employees=600)
    person = add_contact(
        store,
        organisation_id=org.id,
        name=PERSON_NAME,
        role="VD",
        email=PERSON_EMAIL,
        phone="+46 70 123 45 67",
    )
    add_contact(store, organisation_id=org.id, name="Olle Kvar", email="olle@exempel-ab.se")
    return org.id, person.id
