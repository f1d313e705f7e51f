"""Records named the way a user knows them in what sync says: "organisation Alfa AB
(556036-0793)", not "organisation 01a23c1b-c6fa-…". A record this database does not hold (or
one with nothing to name it by, such as an erased person) is named by its id."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from hubtui.i18n.fields import entity_words
from hubtui.store.bulk import id_params, ids_in, is_sqlite
from hubtui.store.tables import synced_table

Key = tuple[str, str]  # (entity, id)

# The columns that name a record of each kind, in the order they are written.
NAME_COLUMNS: dict[str, tuple[str, ...]] = {
    "organisation": ("name", "orgnr"),
    "contact": ("name",),
    "project": ("code",),
    "kpi_goal": ("key",),
    "testbed": ("name",),
    "activity": ("date", "title"),
    "dma_assessment": ("date", "stage"),
    "investment": ("date", "amount", "currency"),
    "collaboration": ("partner",),
    "report_note": ("period", "section"),
    "report_submission": ("period",),
    "group_composition": ("group_name",),
    "aid_declaration": ("granted", "grantor"),
}


def record_names(conn: Connection, keys: Iterable[Key]) -> dict[Key, str]:
    """A name for each record of `keys` that this database holds, read in one query a kind."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for entity, row_id in set(keys):
        if entity in NAME_COLUMNS:
            wanted[entity].append(row_id)
    names: dict[Key, str] = {}
    for entity, ids in wanted.items():
        table = synced_table(entity)
        columns = [table.c[name] for name in NAME_COLUMNS[entity]]
        query = select(table.c.id, *columns).where(table.c.id.in_(ids_in(is_sqlite(conn))))
        for params in id_params(conn, sorted(ids)):
            for row in conn.execute(query, params).mappings():
                name = _name(entity, row)
                if name:
                    names[(entity, row["id"])] = name
    return names


def _name(entity: str, row: Mapping[Any, Any]) -> str:
    parts = {c: str(row.get(c) or "").strip() for c in NAME_COLUMNS[entity]}
    if entity == "organisation" and parts["orgnr"] and parts["name"]:
        return f"{parts['name']} ({parts['orgnr']})"
    return " ".join(part for part in parts.values() if part)


def name_of_values(entity: str, values: Mapping[str, Any]) -> str:
    """A record's name from the values it is created with (a record not held here)."""
    return _name(entity, values) if entity in NAME_COLUMNS else ""


def record_words(entity: str, row_id: str, names: Mapping[Key, str]) -> str:
    """ "organisation Alfa AB (556036-0793)", or the kind and the id if it has no name here."""
    return f"{entity_words(entity)} {names.get((entity, row_id)) or row_id}"
