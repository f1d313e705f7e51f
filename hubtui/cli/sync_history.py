"""`hubtui sync history`: one record's every change, or every edit a delete elsewhere kept
out and every company kept apart from another with its orgnr; records and fields in words."""

from __future__ import annotations

import json
from typing import Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.output import emit, format_option
from hubtui.errors import UserError
from hubtui.i18n import N_, _
from hubtui.i18n.fields import field_words

# The statuses as JSON and CSV give them, each with its words for the table.
AFTER_DELETE = "after delete (kept in history)"
STATUS_WORDS = {
    "current": N_("current"),
    "overwritten": N_("overwritten"),
    AFTER_DELETE: N_("after delete (kept in history)"),
}
CREATED = "*"


@click.command("history")
@click.argument("entity", required=False)
@click.argument("record_id", required=False)
@format_option()
@pass_ctx
def history_command(ctx: CliContext, entity: str | None, record_id: str | None, fmt: str) -> None:
    """Every change of one record (organisation ORGNR_OR_NAME, or a kind of record and its
    id), overwritten values included; with no record, every edit made after its record was
    deleted on another laptop, and every company kept apart from another with the same orgnr
    because their names differ."""
    from hubtui.store.models import ENTITIES

    if entity is None:
        _late_edits(ctx, fmt)
        return
    if record_id is None:
        if entity in ENTITIES:
            raise UserError(
                "Give the record too, e.g. hubtui sync history {entity} ID "
                "(an organisation also by its orgnr or name).",
                entity=entity,
            )
        entity, record_id = "organisation", entity  # `sync history 556036-0793`
    rows = [
        {
            "when": e.recorded_at.strftime("%Y-%m-%d %H:%M:%S"),
            "advisor": e.advisor,
            "device": e.origin[-12:],
            "field": e.field,
            "value": _show(e.value),
            "status": _status(e),
        }
        for e in _history(ctx, entity, record_id)
    ]
    words = {"field": _field, "status": lambda s: _(STATUS_WORDS[s])}
    emit(rows, ["when", "advisor", "device", "field", "value", "status"], fmt, words)


def _history(ctx: CliContext, entity: str, ref: str) -> list[Any]:
    """The record's history by its id; an organisation's also by its orgnr or name."""
    from hubtui.sync.history import history_of, record_history

    store = ctx.store()
    try:
        return record_history(store, entity, ref)
    except UserError as no_history:
        if entity != "organisation":
            raise
        try:
            found, entries = history_of(store, ref)
        except UserError:
            raise no_history from None
        if found != entity:
            raise no_history from None
        return entries


def _late_edits(ctx: CliContext, fmt: str) -> None:
    from hubtui.sync.history import edits_after_delete
    from hubtui.sync.identity_doubt import kept_apart
    from hubtui.sync.record_names import record_names, record_words

    store = ctx.store()
    late = edits_after_delete(store)
    apart = kept_apart(store)
    keys = [(a.entity, a.entity_id) for a in late]
    keys += [("organisation", k.cleared_id) for k in apart]
    with store.read() as conn:
        names = record_names(conn, keys)
    rows = [
        {
            "when": a.edit.recorded_at.strftime("%Y-%m-%d %H:%M:%S"),
            "advisor": a.edit.advisor,
            "device": a.edit.origin[-12:],
            "record": f"{a.entity} {a.entity_id}",
            "field": a.edit.field,
            "value": _show(a.edit.value),
            "deleted_by": a.deleted_by,
        }
        for a in late
    ]
    rows += [
        {
            "when": k.claimed_at,
            "advisor": k.advisor,
            "device": k.device,
            "record": f"organisation {k.cleared_id}",
            "field": "orgnr",
            "value": _("{orgnr} (kept apart from {name})").format(
                orgnr=k.orgnr, name=record_words("organisation", k.kept_id, names)
            ),
            "deleted_by": "",
        }
        for k in apart
    ]
    columns = ["when", "advisor", "device", "record", "field", "value", "deleted_by"]

    def record(stored: Any) -> str:
        entity, row_id = str(stored).split(" ", 1)
        return record_words(entity, row_id, names)

    emit(rows, columns, fmt, {"field": _field, "record": record})


def _status(entry: Any) -> str:
    if entry.after_delete:
        return AFTER_DELETE
    return "current" if entry.current else "overwritten"


def _field(name: Any) -> str:
    return _("(created)") if name == CREATED else field_words(str(name))


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return json.dumps(
            {k: v for k, v in value.items() if v not in (None, "")}, default=str, ensure_ascii=False
        )
    return "" if value is None else str(value)
