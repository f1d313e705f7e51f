"""Helpers for sync tests: what a database holds, and moving records between databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hubtui.store import Store
from hubtui.store.codec import recorded_columns
from hubtui.store.models import ENTITIES
from hubtui.sync.files import encode_file
from hubtui.sync.merge import ImportResult, import_changes
from hubtui.sync.records import changes_after


def state(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row (its recorded columns), by table, ordered by id."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.read() as conn:
        for entity, cls in ENTITIES.items():
            table = cls.__table__  # type: ignore[attr-defined]
            columns = [table.c.id, *(table.c[c] for c in recorded_columns(entity))]
            out[entity] = [tuple(r) for r in conn.execute(select(*columns).order_by(table.c.id))]
    return out


def all_records(store: Store) -> list[dict[str, Any]]:
    with store.read() as conn:
        return [{k: v for k, v in r.items() if k != "seq"} for r in changes_after(conn, 0)]


def send(source: Store, target: Store) -> ImportResult:
    """Import every change record of `source` into `target`."""
    records = all_records(source)
    with target.write() as writer:
        return import_changes(writer, records)


def change_file(source: Store, path: Path) -> Path:
    data, _ = encode_file(all_records(source), origin=source.origin, name=source.advisor)
    path.write_bytes(data)
    return path


def dump(path: Path) -> list[str]:
    """The whole SQLite database as SQL text, to show nothing changed."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
