"""The aid lines of organisations, read from every project and every declaration in the
database (which holds what synced peers logged too), and the groups they form."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from hubtui.domain.aid import (
    AidLine,
    Scheme,
    activity_aid_sek,
    eur_to_sek,
    is_individual,
    money,
    sek_to_eur,
    shares,
)
from hubtui.domain.aid_settings import AidSettings
from hubtui.store import tables
from hubtui.store.rules import attendance_total

_ORG = tables.ORGANISATION
_ACTIVITY = tables.ACTIVITY
_LINK = tables.ACTIVITY_ORGANISATION
_PROJECT = tables.PROJECT
_DECLARATION = tables.AID_DECLARATION
_IN_CHUNK = 500
_MAX_DEPTH = 50  # a longer chain of group links is a cycle that sync let in


def group_parents(conn: Connection) -> dict[str, str]:
    """organisation id -> the organisation it is linked to as part of a group."""
    rows = conn.execute(
        select(_ORG.c.id, _ORG.c.group_of).where(
            _ORG.c.group_of.is_not(None), _ORG.c.deleted.is_(False)
        )
    )
    return {org_id: parent for org_id, parent in rows if parent}


def root_of(parents: Mapping[str, str], org_id: str) -> str:
    """The top organisation of `org_id`'s group (itself when it is in no group)."""
    current, seen = org_id, {org_id}
    for _ in range(_MAX_DEPTH):
        parent = parents.get(current)
        if parent is None or parent in seen:
            return current
        seen.add(parent)
        current = parent
    return current


def group_of(conn: Connection, org_id: str) -> list[str]:
    """The ids of every organisation in `org_id`'s single undertaking, the top one first."""
    parents = group_parents(conn)
    root = root_of(parents, org_id)
    members = sorted(o for o in parents if o != root and root_of(parents, o) == root)
    return [root, *members]


def _settings(text: str, cache: dict[str, AidSettings | None]) -> AidSettings | None:
    if text not in cache:
        cache[text] = AidSettings.from_json(text)
    return cache[text]


def effective_scheme(activity_scheme: str | None, settings: AidSettings | None) -> str:
    if activity_scheme:
        return activity_scheme
    return settings.scheme.value if settings is not None else Scheme.NONE.value


def activity_lines(
    conn: Connection, org_ids: Collection[str] | None, *, exclude: str | None = None
) -> list[AidLine]:
    """Aid lines of the activities the organisations (all when None) took part in."""
    query = (
        select(
            _ACTIVITY.c.id,
            _ACTIVITY.c.date,
            _ACTIVITY.c.type,
            _ACTIVITY.c.title,
            _ACTIVITY.c.hours,
            _ACTIVITY.c.aid_sek,
            _ACTIVITY.c.aid_scheme,
            attendance_total(_ACTIVITY).label("attendance"),
            _PROJECT.c.code,
            _PROJECT.c.aid,
            _LINK.c.organisation_id,
        )
        .join(_ACTIVITY, _ACTIVITY.c.id == _LINK.c.activity_id)
        .join(_PROJECT, _PROJECT.c.id == _ACTIVITY.c.project_id)
        .join(_ORG, _ORG.c.id == _LINK.c.organisation_id)
        .where(
            _LINK.c.deleted.is_(False),
            _ACTIVITY.c.deleted.is_(False),
            _PROJECT.c.deleted.is_(False),
            _ORG.c.deleted.is_(False),
            _PROJECT.c.aid != "",
        )
    )
    if exclude:
        query = query.where(_ACTIVITY.c.id != exclude)
    rows: list[Any] = []
    if org_ids is None:
        rows = list(conn.execute(query).mappings())
    else:
        wanted = list(org_ids)
        for start in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[start : start + _IN_CHUNK]
            sub = query.where(_LINK.c.activity_id.in_(_activities_of(chunk)))
            rows.extend(conn.execute(sub).mappings())
    names = _names(conn, {r["organisation_id"] for r in rows})
    by_activity: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_activity[row["id"]].append(row)
    cache: dict[str, AidSettings | None] = {}
    wanted_ids = None if org_ids is None else set(org_ids)
    out: list[AidLine] = []
    for activity_rows in by_activity.values():
        out.extend(_lines_of(activity_rows, names, cache, wanted_ids))
    return out


def _activities_of(org_ids: list[str]) -> Any:
    return select(_LINK.c.activity_id).where(
        _LINK.c.organisation_id.in_(org_ids), _LINK.c.deleted.is_(False)
    )


def _lines_of(
    rows: list[Mapping[str, Any]],
    names: Mapping[str, tuple[str, str]],
    cache: dict[str, AidSettings | None],
    wanted: set[str] | None,
) -> list[AidLine]:
    first = rows[0]
    settings = _settings(first["aid"], cache)
    scheme = effective_scheme(first["aid_scheme"], settings)
    if scheme == Scheme.NONE.value or settings is None:
        return []
    entered = None if first["aid_sek"] is None else money(first["aid_sek"])
    value = activity_aid_sek(
        entered=entered,
        hours=first["hours"],
        hourly_rate=settings.hourly_rate_sek,
        individual=is_individual(first["type"], first["attendance"] or 0),
    )
    if value <= 0:
        return []
    rate = settings.rate_on(first["date"])
    orgs = sorted(r["organisation_id"] for r in rows)
    out = []
    for org_id, share in zip(orgs, shares(value, len(orgs)), strict=True):
        if wanted is not None and org_id not in wanted:
            continue
        name, orgnr = names.get(org_id, ("", ""))
        what = f"{first['type']}: {first['title']}" if first["title"] else first["type"]
        out.append(
            AidLine(
                date=first["date"],
                source="activity",
                source_id=first["id"],
                organisation_id=org_id,
                organisation=name,
                orgnr=orgnr,
                scheme=scheme,
                grantor=settings.grantor,
                amount_sek=share,
                amount_eur=sek_to_eur(share, rate),
                eur_rate=rate,
                project=first["code"],
                what=what,
            )
        )
    return out


def _names(conn: Connection, ids: Collection[str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    wanted = list(ids)
    for start in range(0, len(wanted), _IN_CHUNK):
        rows = conn.execute(
            select(_ORG.c.id, _ORG.c.name, _ORG.c.orgnr).where(
                _ORG.c.id.in_(wanted[start : start + _IN_CHUNK])
            )
        )
        out.update({org_id: (name, orgnr or "") for org_id, name, orgnr in rows})
    return out


def declaration_rows(conn: Connection, org_ids: Collection[str] | None) -> list[dict[str, Any]]:
    """The live declaration rows of the organisations (all when None), oldest first."""
    query = (
        select(_DECLARATION, _ORG.c.name.label("organisation"), _ORG.c.orgnr)
        .join(_ORG, _ORG.c.id == _DECLARATION.c.organisation_id)
        .where(_DECLARATION.c.deleted.is_(False), _ORG.c.deleted.is_(False))
        .order_by(_DECLARATION.c.received, _DECLARATION.c.granted, _DECLARATION.c.id)
    )
    if org_ids is not None:
        query = query.where(_DECLARATION.c.organisation_id.in_(list(org_ids)))
    return [dict(r) for r in conn.execute(query).mappings()]


def declaration_line(row: Mapping[str, Any]) -> AidLine | None:
    """The aid line of one declared grant (None for a declaration of no earlier aid)."""
    if not row["amount"] or row["granted"] is None:
        return None
    rate = Decimal(str(row["eur_rate"]))
    amount = money(row["amount"])
    eur = amount if row["currency"] == "EUR" else sek_to_eur(amount, rate)
    sek = eur_to_sek(amount, rate) if row["currency"] == "EUR" else amount
    return AidLine(
        date=row["granted"],
        source="declaration",
        source_id=row["id"],
        organisation_id=row["organisation_id"],
        organisation=row["organisation"],
        orgnr=row["orgnr"] or "",
        scheme=row["scheme"],
        grantor=row["grantor"],
        amount_sek=sek,
        amount_eur=eur,
        eur_rate=rate,
        what=row["note"],
    )


def all_lines(conn: Connection, org_ids: Collection[str] | None) -> list[AidLine]:
    """Every aid line of the organisations (all when None): activities and declarations."""
    lines = activity_lines(conn, org_ids)
    for row in declaration_rows(conn, org_ids):
        line = declaration_line(row)
        if line is not None:
            lines.append(line)
    return lines


def dated_lines(lines: list[AidLine], start: dt.date, end: dt.date) -> list[AidLine]:
    return [line for line in lines if start <= line.date <= end]


def organisation_countries(conn: Connection, ids: Collection[str]) -> dict[str, str]:
    """The country (ISO 3166-1 alpha-2) of each organisation, for the register export."""
    out: dict[str, str] = {}
    wanted = list(ids)
    for start in range(0, len(wanted), _IN_CHUNK):
        rows = conn.execute(
            select(_ORG.c.id, _ORG.c.country).where(
                _ORG.c.id.in_(wanted[start : start + _IN_CHUNK])
            )
        )
        out.update({org_id: country or "SE" for org_id, country in rows})
    return out
