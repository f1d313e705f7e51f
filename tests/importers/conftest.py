"""Fixtures for the import tests: a project to import activities into, and file writers."""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from hubtui.domain.goals import parse_goals
from hubtui.services.projects import import_goals
from hubtui.store import Store, tables
from hubtui.store.models import Change

GOALS = """\
[project]
code = "KAIM"
name = "Kraftsamling AI Mälardalen"
start = 2025-03-01
end = 2028-02-28

[[kpi]]
id = "seminarier"
label = "Seminarier"
metric = "activities"
target = 20
where = { types = ["seminar"] }

[[kpi]]
id = "deltagare"
label = "Deltagare"
metric = "participants"
target = 400
"""

Rows = Sequence[Sequence[Any]]


def add_kaim(store: Store) -> str:
    import_goals(store, parse_goals(GOALS, "kaim.toml"))
    return "KAIM"


@pytest.fixture
def add_project() -> Callable[[Store], str]:
    """Create project KAIM (2025-03-01 – 2028-02-28, two KPI goals) in a store."""
    return add_kaim


@pytest.fixture
def project(store: Store) -> str:
    return add_kaim(store)


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, rows: Rows, *, title: str = "Blad1", merges: Sequence[str] = ()) -> Path:
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(list(row))
        for cells in merges:
            sheet.merge_cells(cells)
        path = tmp_path / name
        workbook.save(path)
        return path

    return write


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, rows: Rows, *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
        path = tmp_path / name
        with path.open("w", encoding=encoding, newline="") as f:
            csv.writer(f, delimiter=delimiter).writerows(rows)
        return path

    return write


def changes(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(Change)).scalar_one())


def rows_of(store: Store, entity: str) -> list[dict[str, Any]]:
    table = tables.synced_table(entity)
    with store.read() as conn:
        return [dict(r) for r in conn.execute(select(table)).mappings()]


@pytest.fixture
def count_changes() -> Callable[[Store], int]:
    return changes


@pytest.fixture
def table_rows() -> Callable[[Store, str], list[dict[str, Any]]]:
    return rows_of
