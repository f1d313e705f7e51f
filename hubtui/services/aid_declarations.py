"""Declarations of earlier aid a company gives before it is granted de minimis aid (its "intyg
om stöd av mindre betydelse"): one row per declared grant, or one saying it declared none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from hubtui.domain.aid import AidLine, DeclaredScheme, amount_value, eur_rate_value
from hubtui.domain.aid_settings import AidSettings
from hubtui.errors import InvalidValue, UserError
from hubtui.services.aid_ledger import declaration_line, declaration_rows
from hubtui.services.common import as_date, choice, optional_text
from hubtui.services.organisations import get_organisation
from hubtui.store import Store, tables

_PROJECT = tables.PROJECT


@dataclass(frozen=True)
class Declaration:
    id: str
    organisation_id: str
    organisation: str
    received: dt.date
    granted: dt.date | None
    grantor: str
    amount: Decimal
    currency: str
    eur_rate: Decimal
    scheme: str
    note: str
    line: AidLine | None  # None for a declaration of no earlier aid


def default_eur_rate(store: Store, day: dt.date) -> Decimal | None:
    """The EUR rate the hub's projects use on `day`, if they agree on one."""
    with store.read() as conn:
        texts = conn.execute(
            select(_PROJECT.c.aid).where(_PROJECT.c.deleted.is_(False), _PROJECT.c.aid != "")
        ).scalars()
        settings = [s for s in (AidSettings.from_json(t) for t in set(texts)) if s is not None]
    rates: set[Decimal] = set()
    for s in settings:
        try:
            rates.add(s.rate_on(day))
        except InvalidValue:
            continue
    return rates.pop() if len(rates) == 1 else None


def declare(
    store: Store,
    org_id: str,
    *,
    received: dt.date | str,
    grantor: str = "",
    amount: Any = 0,
    currency: str = "SEK",
    granted: dt.date | str | None = None,
    scheme: str = "de_minimis",
    eur_rate: Any = None,
    note: str = "",
) -> Declaration:
    """Record one grant of earlier aid the company declared, or (amount 0, no grantor) that it
    declared none. Nothing is written unless every value is right."""
    org = get_organisation(store, org_id)
    values = _declaration_values(
        store, received, grantor, amount, currency, granted, scheme, eur_rate, note
    )
    with store.write() as w:
        new_id = w.insert("aid_declaration", {**values, "organisation_id": org.id})
    return next(d for d in declarations(store, [org.id]) if d.id == new_id)


def _declaration_values(
    store: Store,
    received: dt.date | str,
    grantor: str,
    amount: Any,
    currency: str,
    granted: dt.date | str | None,
    scheme: str,
    eur_rate: Any,
    note: str,
) -> dict[str, Any]:
    received_day = _day(received, "The date the declaration was received", "received")
    if received_day > dt.date.today():
        raise InvalidValue(
            "The declaration cannot be received in the future ({day}); give the day it reached "
            "you.",
            field="received",
            day=received_day.isoformat(),
        )
    cur = str(currency).strip().upper()
    if cur not in ("SEK", "EUR"):
        raise InvalidValue(
            "Currency '{currency}' is not SEK or EUR; use one of them.",
            field="currency",
            currency=str(currency),
        )
    sum_ = amount_value(amount, "The declared amount", cur, field="amount")
    kind = choice(scheme, DeclaredScheme, "a declared scheme").value
    grantor = optional_text(grantor, "The grantor")
    if sum_ == 0:
        if grantor or granted:
            raise InvalidValue(
                "A declared grant needs an amount above zero; give the amount, or leave out the "
                "grantor and date to record that the company declared no earlier aid.",
                field="amount",
            )
        return {
            "received": received_day,
            "granted": None,
            "grantor": "",
            "amount": 0.0,
            "currency": cur,
            "eur_rate": 0.0,
            "scheme": kind,
            "note": optional_text(note, "The note"),
        }
    if not grantor:
        raise InvalidValue(
            "The grantor of the declared aid is empty; give who granted it.", field="grantor"
        )
    if granted is None:
        raise InvalidValue(
            "The date the declared aid was granted is missing; give the date.", field="granted"
        )
    granted_day = _day(granted, "The date the aid was granted", "granted")
    if granted_day > received_day:
        raise InvalidValue(
            "The aid is dated {granted}, after the declaration was received ({received}); "
            "check both dates.",
            field="granted",
            granted=granted_day.isoformat(),
            received=received_day.isoformat(),
        )
    rate = eur_rate_value(eur_rate) if eur_rate not in (None, "") else None
    rate = rate or default_eur_rate(store, granted_day)
    if rate is None:
        raise InvalidValue(
            "No EUR rate is known for {day} (no project's [aid] table gives one, or they "
            "differ); give the EUR rate, in SEK per EUR (--eur-rate).",
            field="eur_rate",
            day=granted_day.isoformat(),
        )
    return {
        "received": received_day,
        "granted": granted_day,
        "grantor": grantor,
        "amount": float(sum_),
        "currency": cur,
        "eur_rate": float(rate),
        "scheme": kind,
        "note": optional_text(note, "The note"),
    }


def declarations(store: Store, org_ids: Sequence[str]) -> list[Declaration]:
    with store.read() as conn:
        rows = declaration_rows(conn, org_ids)
    return [
        Declaration(
            id=r["id"],
            organisation_id=r["organisation_id"],
            organisation=r["organisation"],
            received=r["received"],
            granted=r["granted"],
            grantor=r["grantor"],
            amount=Decimal(str(r["amount"])),
            currency=r["currency"],
            eur_rate=Decimal(str(r["eur_rate"])),
            scheme=r["scheme"],
            note=r["note"],
            line=declaration_line(r),
        )
        for r in rows
    ]


def _day(value: dt.date | str, what: str, field: str) -> dt.date:
    try:
        return as_date(value, what)
    except UserError as error:
        raise error.at(field) from None


def delete_declaration(store: Store, declaration_id: str) -> bool:
    with store.write() as w:
        if w.get("aid_declaration", declaration_id) is None:
            raise UserError(
                "There is no declaration with id {id}; check the id.", id=declaration_id
            )
        return w.delete("aid_declaration", declaration_id)


def de_minimis_grantors(store: Store) -> list[str]:
    """The grantors named in the [aid] tables of the hub's projects that grant de minimis aid."""
    with store.read() as conn:
        texts = set(
            conn.execute(
                select(_PROJECT.c.aid).where(_PROJECT.c.deleted.is_(False), _PROJECT.c.aid != "")
            ).scalars()
        )
    found = [AidSettings.from_json(text) for text in texts]
    return sorted({s.grantor for s in found if s and s.scheme == "de_minimis" and s.grantor})
