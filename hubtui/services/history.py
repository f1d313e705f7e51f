"""The change history of a row: who changed what, and when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Row, select

from hubtui.errors import UserError
from hubtui.i18n import _, number_text
from hubtui.i18n.fields import field_words
from hubtui.store import Store, tables
from hubtui.store.codec import decode, decode_row
from hubtui.store.models import ENTITIES
from hubtui.store.views import ChangeView

_CHANGE = tables.CHANGE
_LINK = tables.ACTIVITY_ORGANISATION


def _views(
    rows: Iterable[Row[Any]], extras: Mapping[str, Mapping[str, Any]] | None = None
) -> list[ChangeView]:
    out: list[ChangeView] = []
    for row in rows:
        r = row._mapping
        value = (
            decode_row(r["entity"], r["value"])
            if r["field"] == "*"
            else decode(r["entity"], r["field"], r["value"])
        )
        out.append(
            ChangeView(
                id=r["id"],
                entity=r["entity"],
                entity_id=r["entity_id"],
                field=r["field"],
                value=value,
                hlc=r["hlc"],
                origin=r["origin"],
                advisor=r["advisor"],
                recorded_at=r["recorded_at"],
                extra=(extras or {}).get(r["entity_id"], {}),
            )
        )
    return out


def history(
    store: Store, entity: str, entity_id: str, *, with_links: bool = False
) -> list[ChangeView]:
    """The change records of one row, decoded, oldest first.

    An insert ("*") gives the whole row as a dict. With `with_links`, an activity's history
    also holds the changes of its organisation links (entity "activity_organisation",
    with `extra` giving the link's organisation_id).
    """
    if entity not in ENTITIES:
        raise UserError(
            "'{entity}' is not a kind of record; use one of {entities}.",
            entity=entity,
            entities=", ".join(ENTITIES),
        )
    with store.read() as conn:
        ids = [entity_id]
        entities = [entity]
        extras: dict[str, Mapping[str, Any]] = {}
        if with_links and entity == "activity":
            links = conn.execute(
                select(_LINK.c.id, _LINK.c.organisation_id).where(_LINK.c.activity_id == entity_id)
            )
            extras = {link_id: {"organisation_id": org_id} for link_id, org_id in links}
            ids += list(extras)
            entities.append("activity_organisation")
        query = (
            select(_CHANGE)
            .where(_CHANGE.c.entity.in_(entities), _CHANGE.c.entity_id.in_(ids))
            .order_by(_CHANGE.c.hlc, _CHANGE.c.origin, _CHANGE.c.id)
        )
        return _views(conn.execute(query), extras)


def _labelled(field: str, value: str) -> str:
    """A stored code's words (an activity type, a category, a size class…), else the code."""
    from hubtui.domain.activity_types import (
        ACTIVITY_TYPES,
        Category,
        LeaderGender,
        OrgKind,
        SupportForm,
        label,
    )
    from hubtui.domain.size import SizeClass
    from hubtui.i18n import language

    kinds: dict[str, Any] = {
        "category": Category,
        "support": SupportForm,
        "kind": OrgKind,
        "leader_gender": LeaderGender,
        "size_class": SizeClass,
    }
    from hubtui.domain.regions import UnknownRegion, county, municipality

    try:
        if field == "county":
            return f"{county(value).name} ({value})"
        if field == "municipality":
            return f"{municipality(value).name} ({value})"
    except UnknownRegion:
        return value
    try:
        if field == "type" and value in ACTIVITY_TYPES:
            return label(ACTIVITY_TYPES[value], language())
        if field in kinds:
            return label(kinds[field](value), language())
    except ValueError:
        pass
    return value


def value_words(value: Any, field: str = "") -> str:
    """A changed field's new value as people read it: yes/no, numbers the language's way,
    stored codes in words."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return _labelled(field, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return number_text(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(value_words(v, field) for v in value)
    return str(value)


def created_words(row: Mapping[str, Any], separator: str = ", ") -> str:
    """The filled-in fields of a created record: "hours: 2,5, title: AI-dag"."""
    shown = {
        k: v for k, v in row.items() if v not in (None, "", 0, False) and not k.endswith("_id")
    }
    return separator.join(f"{field_words(k)}: {value_words(v, k)}" for k, v in shown.items())


def change_words(
    change: ChangeView, names: Mapping[str, str], separator: str = ", "
) -> tuple[str, str]:
    """(what, value) of one change record in words, as the CLI and the app's history list it;
    `names` maps organisation ids to names (an activity's organisation links); `separator`
    goes between the fields of a created record."""
    if change.entity == "activity_organisation":
        org_id = str(change.extra.get("organisation_id", ""))
        organisation = names.get(org_id, org_id)
        if change.field == "*":
            return _("organisation added"), organisation
        if change.field == "deleted":
            gone = _("organisation removed") if change.value else _("organisation added again")
            return gone, organisation
    if change.field == "*":
        return _("created"), created_words(change.value, separator)
    if change.field == "deleted":
        return (_("deleted") if change.value else _("restored")), ""
    return field_words(change.field), value_words(change.value, change.field)
