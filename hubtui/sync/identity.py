"""One row per real thing: the same company (orgnr) or project (code) entered on two devices.

The row with the smaller id survives on every device, whatever order the files arrive in:
the other gets `merged_into` = the survivor, is tombstoned and gives up its orgnr or code
(the unique column). Rows pointing at it are repointed at the survivor. All of it is written
as ordinary change records, so the history shows the merge and every device converges.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from sqlalchemy import func, select

from hubtui.i18n import _
from hubtui.i18n.fields import entity_words, field_words
from hubtui.store import Writer, tables
from hubtui.store.codec import recorded_columns
from hubtui.store.tables import synced_table
from hubtui.sync.names import names_agree

NATURAL_KEYS: dict[str, str] = {"organisation": "orgnr", "project": "code"}
"""Entities whose unique column says two rows are the same thing."""

_IN_CHUNK = 500


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), _IN_CHUNK):
        yield items[start : start + _IN_CHUNK]


def loser_values(entity: str, loser: str, survivor: str) -> dict[str, Any]:
    """What a merged-away row becomes: tombstoned, pointing at the survivor, its unique column
    freed (an organisation's orgnr may be empty; a project code may not, so it takes the id)."""
    freed = None if entity == "organisation" else loser
    return {NATURAL_KEYS[entity]: freed, "merged_into": survivor, "deleted": True}


def release_unique_values(
    writer: Writer, entity: str, batch: Mapping[str, dict[str, Any]], existing: Mapping[str, Any]
) -> None:
    """Rows of the batch about to give up their orgnr or code let go of it first, so a row
    taking it over in the same batch does not trip the unique constraint on the way."""
    column = NATURAL_KEYS.get(entity)
    if column is None:
        return
    for row_id, state in batch.items():
        current = existing.get(row_id)
        if current is not None and current[column] is not None and state[column] != current[column]:
            freed = None if entity == "organisation" else row_id
            writer.apply_remote(entity, row_id, {column: freed})


def merge_duplicates(
    writer: Writer,
    entity: str,
    batch: MutableMapping[str, dict[str, Any]],
    notes: list[str] | None = None,
    kept_apart: list[str] | None = None,
) -> int:
    """Before `batch` (row id -> state about to be written) is applied: find rows that would
    share a unique value, keep the smallest id, merge the rest. Returns how many merged.

    Organisations merge only when their names agree (hubtui.sync.names): one orgnr on two
    clearly different names is a doubt, and the row with the larger id gives up the orgnr
    instead (a note for the user goes to `kept_apart`)."""
    column = NATURAL_KEYS.get(entity)
    if column is None:
        return 0
    table = synced_table(entity)
    groups: dict[Any, set[str]] = {}
    live: set[str] = set()
    for row_id, state in batch.items():
        if state.get(column) is not None:
            groups.setdefault(state[column], set()).add(row_id)
            if not state["deleted"]:
                live.add(row_id)
    for taken in _chunks(list(groups)):
        query = select(table.c.id, table.c[column], table.c.deleted).where(
            table.c[column].in_(taken)
        )
        for row_id, value, deleted in writer.conn.execute(query):
            if row_id not in batch:  # a row in the batch holds the value it is about to get
                groups[value].add(row_id)
                if not deleted:
                    live.add(row_id)
    merged = 0
    for ids in groups.values():
        if len(ids) < 2:
            continue
        survivor = min(ids)
        kept = _current(writer, entity, survivor, batch)
        for loser in sorted(ids - {survivor}):
            if entity == "organisation" and not names_agree(
                _current(writer, entity, loser, batch).get("name"), kept.get("name")
            ):  # one orgnr, two clearly different names: keep both, list them
                if kept_apart is not None:
                    kept_apart.append(kept_apart_note(loser, survivor, kept))
                _set(writer, entity, loser, {column: None}, batch)
                ids = ids - {loser}
                continue
            if notes is not None:
                notes += _given_way(writer, entity, loser, survivor, batch)
            _set(writer, entity, loser, loser_values(entity, loser, survivor), batch)
            merged += 1
        if survivor not in live and ids & live:  # a copy was in use: so is the company
            _set(writer, entity, survivor, {"deleted": False}, batch)
    return merged


def _current(
    writer: Writer, entity: str, row_id: str, batch: Mapping[str, dict[str, Any]]
) -> Mapping[str, Any]:
    return batch.get(row_id) or writer.get(entity, row_id) or {}


def kept_apart_note(cleared: str, kept: str, kept_row: Mapping[str, Any]) -> str:
    return _(
        "organisation {cleared} and {kept} ({name}) both carry orgnr {orgnr} but their names "
        "differ; both are kept, {cleared} without the orgnr (it stays in the history): give it "
        "its right orgnr (hubtui org edit {cleared} --orgnr …) or delete the copy that is wrong"
    ).format(
        cleared=cleared, kept=kept, name=repr(kept_row.get("name")), orgnr=kept_row.get("orgnr")
    )


def _given_way(
    writer: Writer, entity: str, loser: str, survivor: str, batch: Mapping[str, dict[str, Any]]
) -> list[str]:
    """The values of a merged-away copy that differ from the surviving copy's (listed for the
    user: they stay in the merged-away copy's history)."""
    lost, kept = (
        batch.get(loser) or writer.get(entity, loser),
        batch.get(survivor) or writer.get(entity, survivor),
    )
    if lost is None or kept is None:
        return []
    skip = {"id", "deleted", "merged_into", NATURAL_KEYS[entity]}
    key = NATURAL_KEYS[entity]
    return [
        _(
            "{entity} {loser} merged into {survivor} (same {key} {value}): its {field} {lost} "
            "gave way to {kept}"
        ).format(
            entity=entity_words(entity),
            loser=loser,
            survivor=survivor,
            key=field_words(key),
            value=kept[key],
            field=field_words(name),
            lost=repr(lost[name]),
            kept=repr(kept[name]),
        )
        for name in recorded_columns(entity)
        if name not in skip
        and lost.get(name) not in (None, "")
        and lost.get(name) != kept.get(name)
    ]


def _set(
    writer: Writer,
    entity: str,
    row_id: str,
    values: dict[str, Any],
    batch: MutableMapping[str, dict[str, Any]],
) -> None:
    """Record new values for a row, whether it is about to be written (in `batch`) or not."""
    if row_id in batch:
        state = batch[row_id]
        changed = {k: v for k, v in values.items() if state.get(k) != v}
        writer.record_only(entity, row_id, changed)
        state.update(changed)
    else:
        writer.update(entity, row_id, values)


def _merged_roots(writer: Writer, entity: str) -> dict[str, str]:
    """Merged-away row id -> the row it finally merged into (following chains)."""
    table = synced_table(entity)
    query = select(table.c.id, table.c.merged_into).where(table.c.merged_into.is_not(None))
    step: dict[str, str] = {row_id: target for row_id, target in writer.conn.execute(query)}
    roots: dict[str, str] = {}
    for start in step:
        seen = {start}
        target = step[start]
        while target in step and target not in seen:
            seen.add(target)
            target = step[target]
        roots[start] = target
    return roots


def repoint_children(writer: Writer) -> int:
    """Point every row that refers to a merged-away row at its survivor. Returns how many."""
    moved = 0
    for parent in NATURAL_KEYS:
        roots = _merged_roots(writer, parent)
        if not roots:
            continue
        parent_table = synced_table(parent)
        for child, table in tables.SYNCED.items():
            for fk in table.foreign_keys:
                if fk.column.table is not parent_table:
                    continue
                column = table.c[fk.parent.name]
                for losers in _chunks(sorted(roots)):
                    rows = writer.conn.execute(
                        select(table.c.id, column).where(column.in_(losers))
                    ).all()
                    for row_id, value in rows:
                        writer.update(child, row_id, {fk.parent.name: roots[value]})
                        moved += 1
    return moved


def drop_duplicate_goals(writer: Writer) -> int:
    """After two copies of a project merge, each KPI key is kept once (the smallest id)."""
    goals = tables.KPI_GOAL
    live = goals.c.deleted.is_(False)
    doubled = (
        select(goals.c.project_id, goals.c.key)
        .where(live)
        .group_by(goals.c.project_id, goals.c.key)
        .having(func.count() > 1)
    )
    dropped = 0
    for project_id, key in writer.conn.execute(doubled).all():
        ids = writer.conn.execute(
            select(goals.c.id).where(live, goals.c.project_id == project_id, goals.c.key == key)
        ).scalars()
        for goal_id in sorted(ids)[1:]:
            writer.delete("kpi_goal", goal_id)
            dropped += 1
    return dropped
