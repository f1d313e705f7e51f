"""Every table as a typed SQLAlchemy Core `Table`: code refers to tables as these objects.

The models (`hubtui.store.models`) define the columns; this module is the one place that takes
their `__table__`. Only code driven by data (change records name their entity) looks a table
up by name, through `synced_table`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ColumnDefault, Table
from sqlmodel import SQLModel

from hubtui.store import models


def _table(model: type[SQLModel]) -> Table:
    # SQLModel sets __table__ on each table=True class; its type stubs do not declare it.
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


ORGANISATION = _table(models.Organisation)
CONTACT = _table(models.Contact)
PROJECT = _table(models.Project)
KPI_GOAL = _table(models.KpiGoal)
TESTBED = _table(models.Testbed)
ACTIVITY = _table(models.Activity)
ACTIVITY_ORGANISATION = _table(models.ActivityOrganisation)
DMA_ASSESSMENT = _table(models.DmaAssessment)
INVESTMENT = _table(models.Investment)
COLLABORATION = _table(models.Collaboration)
REPORT_NOTE = _table(models.ReportNote)
REPORT_SUBMISSION = _table(models.ReportSubmission)
GROUP_COMPOSITION = _table(models.GroupComposition)
AID_DECLARATION = _table(models.AidDeclaration)

CHANGE = _table(models.Change)
LOCAL_STATE = _table(models.LocalState)
SYNC_PEER = _table(models.SyncPeer)
SYNC_FILE = _table(models.SyncFile)
SYNC_PENDING = _table(models.SyncPending)

# The tables whose rows sync between devices, by the entity name change records carry.
SYNCED: dict[str, Table] = {name: _table(model) for name, model in models.ENTITIES.items()}


def synced_table(entity: str) -> Table:
    """The table of a synced entity named by data (a change record); ValueError if none."""
    try:
        return SYNCED[entity]
    except KeyError:
        raise ValueError(f"unknown entity {entity!r}") from None


def column_default(column: Column[Any]) -> Any:
    """The value a column takes when a row leaves it out (None if it has no scalar default)."""
    default = column.default
    return default.arg if isinstance(default, ColumnDefault) and not default.is_callable else None


def column_defaults(table: Table) -> dict[str, Any]:
    """Each column's default value, for the columns that have one."""
    return {c.name: column_default(c) for c in table.columns if c.default is not None}
