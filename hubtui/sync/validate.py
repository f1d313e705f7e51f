"""Checking imported change records with the same rules as the command line and the forms.

A record whose value the domain refuses (an organisation without a name, an orgnr that is not
one, 3 000 000 000 employees that PostgreSQL cannot even hold) is not imported: it is put in
quarantine (kept in this database's local state with the reason, listed by every sync that
meets it for the first time), and the rest of the sync goes on. The device that wrote it still
has the value; once someone there corrects it, the correction is an ordinary later change and
imports everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain import bounds
from hubtui.domain.errors import UserError
from hubtui.domain.orgnr import is_valid_orgnr, normalize_orgnr
from hubtui.i18n import _
from hubtui.i18n.fields import field_words
from hubtui.store import tables
from hubtui.store.codec import insert_values, recorded_set
from hubtui.sync.record_names import Key, name_of_values, record_names, record_words
from hubtui.sync.records import PARSED, parsed_value

_STATE = tables.LOCAL_STATE
QUARANTINE = "sync.quarantine:"  # + change record id -> JSON {record, reason}

_ATTENDANCE = {name: "attendance" for name in ("women", "men", "other", "unstated")}
_GROUP = {name: "group_members" for name in ("women", "men", "other")}
_DMA = ("strategy", "readiness", "human_centric", "data_management", "automation_ai", "green")
NUMERIC: dict[str, dict[str, str]] = {
    "organisation": {"employees": "employees"},
    "activity": {**_ATTENDANCE, "hours": "hours", "aid_sek": "amount_sek"},
    "group_composition": _GROUP,
    "dma_assessment": dict.fromkeys(_DMA, "dma_score"),
    "kpi_goal": {"target": "kpi_target", "position": "goal_position"},
    "project": {"period_months": "period_months"},
    "investment": {"amount": "amount"},
    "aid_declaration": {"amount": "amount"},
}
"""The bound (hubtui.domain.bounds) of each numeric column; "amount" follows the currency."""
_CHECKED = frozenset(NUMERIC) | {"organisation"}  # the kinds of row `problems` checks


def problem(entity: str, values: Mapping[str, Any]) -> str:
    """What the domain refuses in these values of one record ("" when nothing)."""
    return next(iter(problems(entity, values).values()), "")


@cache
def _numeric(entity: str) -> tuple[tuple[str, bounds.Bound | None], ...]:
    """Each numeric column of `entity` with its bound (None: an amount, bound by currency)."""
    return tuple(
        (name, None if bound_name == "amount" else bounds.bound(bound_name))
        for name, bound_name in NUMERIC.get(entity, {}).items()
    )


def problems(entity: str, values: Mapping[str, Any]) -> dict[str, str]:
    """Each refused field of these values, with the reason."""
    found: dict[str, str] = {}
    for name, known in _numeric(entity):
        value = values.get(name)
        if value is None or name not in values:
            continue
        if known is not None and type(value) is int and known.low <= value <= known.high:
            continue  # a whole number in range: what bounds.check accepts, quickly
        if known is None:
            bound = bounds.amount_bound(str(values.get("currency") or "SEK"))
        else:
            bound = known
        try:
            bounds.check(bound, value)
        except UserError as e:
            found[name] = str(e)
    if entity == "organisation":
        if "name" in values and not str(values["name"] or "").strip():
            found["name"] = _("An organisation needs a name; this one has none.")
        orgnr = values.get("orgnr")
        if orgnr and not (is_valid_orgnr(str(orgnr)) and normalize_orgnr(str(orgnr)) == orgnr):
            found["orgnr"] = _("{orgnr} is not a valid Swedish organisation number.").format(
                orgnr=repr(str(orgnr)[:20])
            )
    return found


def record_problems(record: Mapping[str, Any]) -> dict[str, str]:
    entity, field = record["entity"], record["field"]
    if field != "*" and field not in recorded_set(entity):
        return {}  # an erasure notice: no value to check
    try:
        value = parsed_value(record)
    except (TypeError, ValueError):
        return {field: "its value cannot be read"}
    if entity not in _CHECKED:
        return {}  # `problems` checks nothing of this kind of row
    values = insert_values(entity, value) if field == "*" else {field: value}
    return problems(entity, values)


def record_problem(record: Mapping[str, Any]) -> str:
    return next(iter(record_problems(record).values()), "")


def _stamp(record: Any) -> tuple[str, str, str]:
    return (record["hlc"], record["origin"], record["id"])


def release(conn: Connection, fresh: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Quarantined records whose refused values no longer count: for each refused field, a
    later record of the same row (arriving now) sets it to an accepted value. They are taken
    out of quarantine and imported with `fresh` (the row then adds up to accepted values)."""
    rows = {record["entity_id"] for record in fresh}
    held = conn.execute(
        select(_STATE.c.key, _STATE.c.value).where(_STATE.c.key.like(f"{QUARANTINE}%"))
    )
    out: list[Mapping[str, Any]] = []
    for key, text in held.all():
        kept = json.loads(text)["record"]
        if kept["entity_id"] not in rows:
            continue
        later = [
            r for r in fresh if r["entity_id"] == kept["entity_id"] and _stamp(r) > _stamp(kept)
        ]
        settled = set()
        for record in later:
            if record["field"] == "*":
                continue
            if not record_problems(record):
                settled.add(record["field"])
        if set(record_problems(kept)) <= settled:
            conn.execute(_STATE.delete().where(_STATE.c.key == key))
            out.append({**kept, "recorded_at": dt.datetime.fromisoformat(kept["recorded_at"])})
    return out


def quarantine(
    conn: Connection, records: Iterable[Mapping[str, Any]]
) -> tuple[list[Mapping[str, Any]], list[str]]:
    """The records the domain accepts, and a line for each newly quarantined one (the others
    are kept in local state, once)."""
    good: list[Mapping[str, Any]] = []
    refused: list[tuple[Mapping[str, Any], str]] = []
    for record in records:
        reason = record_problem(record)
        if reason:
            refused.append((record, reason))
        else:
            good.append(record)
    if not refused:
        return good, []
    keys = [f"{QUARANTINE}{record['id']}" for record, _ in refused]
    names = record_names(conn, [(r["entity"], r["entity_id"]) for r, _ in refused])
    known = set(conn.execute(select(_STATE.c.key).where(_STATE.c.key.in_(keys))).scalars())
    lines = []
    for (record, reason), key in zip(refused, keys, strict=True):
        if key in known:
            continue
        kept = {k: str(v) for k, v in record.items() if k not in ("seq", PARSED)}
        conn.execute(
            _STATE.insert().values(key=key, value=json.dumps({"record": kept, "reason": reason}))
        )
        lines.append(describe(record, reason, names))
    return good, lines


def describe(record: Mapping[str, Any], reason: str, names: Mapping[Key, str]) -> str:
    """A quarantined record's line; `names` from `record_names`, else a new record's own."""
    who = record.get("advisor") or _("someone")
    entity, row_id = record["entity"], record["entity_id"]
    field = _("a new record") if record["field"] == "*" else field_words(record["field"])
    if (entity, row_id) not in names and record["field"] == "*":
        names = {**names, (entity, row_id): name_of_values(entity, _values(record))}
    return _(
        "{record} ({field}, by {who} on device {device}) was not imported: {reason}; "
        "correct it on that laptop and sync again"
    ).format(
        record=record_words(entity, row_id, names),
        field=field,
        who=who,
        device=str(record["origin"])[-12:],
        reason=reason.rstrip("."),
    )


def quarantined(conn: Connection) -> list[str]:
    """Every record held in quarantine here, described."""
    rows = conn.execute(
        select(_STATE.c.value).where(_STATE.c.key.like(f"{QUARANTINE}%")).order_by(_STATE.c.key)
    ).scalars()
    held = [json.loads(text) for text in rows]
    names = record_names(conn, [(k["record"]["entity"], k["record"]["entity_id"]) for k in held])
    out = []
    for kept in held:
        # the reason again, in the language of now (the stored one is in that of the sync)
        reason = record_problem(kept["record"]) or kept["reason"]
        out.append(describe(kept["record"], reason, names))
    return out


def _values(record: Mapping[str, Any]) -> Mapping[str, Any]:
    """The values a new record is created with, as far as they can be read."""
    try:
        return insert_values(record["entity"], parsed_value(record))
    except (ValueError, KeyError):  # a refused record may be malformed in any way
        return {}
