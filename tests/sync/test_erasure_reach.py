"""An erasure reaches every copy: the peer that receives it by sync loses the person from its
database file, WAL and backups, the folder's files no longer hold them, and in PostgreSQL no
row version (live or dead) keeps them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sync_helpers import ACME, ok, run

from hubtui.store import open_store
from hubtui.sync.verify import verify

PERSON = "Greta Hemligsson"
SECRET = PERSON.encode()


def add_person(db: str) -> None:
    ok(run(db, "org", "add", "--name", "Acme AB", "--orgnr", ACME))
    ok(run(db, "contact", "add", "--org", ACME, "--name", PERSON, "--email", "g@x.se"))


def holds_secret(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".hubsync":
        data = gzip.decompress(data)
    return SECRET in data


def test_an_erasure_received_through_a_folder_reaches_the_peers_files_and_backups(
    tmp_path: Path,
) -> None:
    a, b, folder = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "shared"
    folder.mkdir()
    add_person(a)
    for db in (a, b):
        ok(run(db, "sync", "--folder", str(folder)))
    ok(run(b, "backup"))  # B's backups folder now holds the person too
    person = _id_of(b)
    ok(run(a, "contact", "erase", person, "--yes"))
    ok(run(a, "sync", "--folder", str(folder)))
    ok(run(b, "sync", "--folder", str(folder)))
    everything = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".lock"]
    assert any(p.suffix == ".hubsync" for p in everything)
    assert any("backups" in p.parts for p in everything)
    assert [p for p in everything if holds_secret(p)] == []
    for db in (a, b):
        store = open_store(db)
        try:
            assert verify(store, folder).agree
        finally:
            store.close()


@pytest.mark.postgres
def test_an_erasure_leaves_no_row_version_in_postgresql(pg_url: str, tmp_path: Path) -> None:
    a = str(tmp_path / "a.db")
    add_person(a)
    ok(run(a, "sync", "--with", pg_url))
    ok(run(pg_url, "contact", "add", "--org", ACME, "--name", "Other Person"))  # a live row
    ok(run(a, "sync", "--with", pg_url))
    ok(run(a, "contact", "erase", _id_of(a), "--yes"))
    ok(run(a, "sync", "--with", pg_url))
    engine = sa.create_engine(pg_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public"))
            for table in ("contact", "change"):
                pages = conn.execute(
                    sa.text("SELECT pg_relation_size(:t) / current_setting('block_size')::int"),
                    {"t": table},
                ).scalar_one()
                found = conn.execute(
                    sa.text(
                        "SELECT count(*) FROM generate_series(0, :n - 1) AS p, "
                        "public.heap_page_items(public.get_raw_page(:t, p::int)) AS i "
                        "WHERE position(:secret in i.t_data) > 0"
                    ),
                    {"n": pages, "t": table, "secret": SECRET},
                ).scalar_one()
                assert found == 0, table
    finally:
        engine.dispose()
    names = [c["name"] for c in _contacts(pg_url)]
    assert names == ["Other Person"]


def _id_of(db: str) -> str:
    return str(next(c for c in _contacts(db) if c["name"] == PERSON)["id"])


def _contacts(db: str) -> list[dict[str, Any]]:
    return list(json.loads(ok(run(db, "contact", "list", "--format", "json")).stdout))
