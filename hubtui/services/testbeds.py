"""The testbed registry: named facilities where companies test solutions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, func, or_, select

from hubtui.domain.errors import Term, UserError, about
from hubtui.services.common import optional_text, required_text
from hubtui.services.organisations import get_organisation
from hubtui.store import Store, tables
from hubtui.store.views import TestbedView

_TESTBED = tables.TESTBED


def _view(row: Row[Any]) -> TestbedView:
    r = row._mapping
    return TestbedView(
        id=r["id"],
        name=r["name"],
        host_organisation_id=r["host_organisation_id"],
        location=r["location"],
    )


def add_testbed(
    store: Store, *, name: str, host_organisation_id: str | None = None, location: str = ""
) -> TestbedView:
    """Register a testbed; names are unique ignoring case."""
    clean = required_text(name, Term("The testbed name"), field="name")
    place = optional_text(location, Term("Location"), field="location")
    with about("host_organisation_id"):
        host = get_organisation(store, host_organisation_id).id if host_organisation_id else None
    with store.read() as conn:
        taken = conn.execute(
            select(_TESTBED.c.id).where(
                _TESTBED.c.deleted.is_(False), func.lower(_TESTBED.c.name) == clean.lower()
            )
        ).first()
    if taken is not None:
        raise UserError(
            "A testbed named '{clean}' already exists; use it or pick another name.", clean=clean
        )
    with store.write() as w:
        testbed_id = w.insert(
            "testbed", {"name": clean, "host_organisation_id": host, "location": place}
        )
    return TestbedView(id=testbed_id, name=clean, host_organisation_id=host, location=place)


def list_testbeds(store: Store) -> list[TestbedView]:
    """The live testbeds by name."""
    query = select(_TESTBED).where(_TESTBED.c.deleted.is_(False)).order_by(_TESTBED.c.name)
    with store.read() as conn:
        return [_view(r) for r in conn.execute(query)]


def resolve_testbed(store: Store, name_or_id: str) -> TestbedView:
    """A live testbed by id or by name (ignoring case)."""
    ref = name_or_id.strip()
    with store.read() as conn:
        row = conn.execute(
            select(_TESTBED).where(
                _TESTBED.c.deleted.is_(False),
                or_(_TESTBED.c.id == ref, func.lower(_TESTBED.c.name) == ref.lower()),
            )
        ).first()
    if row is None:
        raise UserError(
            "There is no testbed '{ref}'; add it first (hubtui testbed add --name \"{ref}\").",
            ref=ref,
        )
    return _view(row)
