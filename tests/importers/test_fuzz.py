"""Whatever a file holds, reading and planning it ends in a plan or one UserError, nothing else."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from hubtui.errors import UserError
from hubtui.importers import dry_run, prepare, read_table
from hubtui.store import Store

FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
CELL = st.one_of(
    st.none(),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12),  # as cells can hold
    st.sampled_from(
        [
            "556036-0793",
            "5560360794",
            "19",
            "Västerås",
            "1/3 2026",
            "Seminarium",
            "12,0",
            "-3",
            "AI-dag",
            "2026-02-30",
            "Kommun",
        ]
    ),
    st.integers(min_value=-5, max_value=10**10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)
HEADERS = {
    "organisations": ["Företag", "Org.nr", "Län", "Kommun", "Antal anställda", "SNI", "Grundat"],
    "events": ["Datum", "Typ", "Titel", "Företag", "Org.nr", "Kvinnor", "Män", "Deltagare"],
    "contacts": ["Företag", "Org.nr", "Kontaktperson", "E-post", "Telefon", "Roll", "Län"],
}


@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_as_csv(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    try:
        read_table(path)
    except UserError as e:
        assert str(e).strip()


@pytest.mark.parametrize("kind", sorted(HEADERS))
@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=9), max_size=8))
def test_any_cells_plan_or_user_error(
    store: Store, project: str, tmp_path: Path, kind: str, rows: list[list[Any]]
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADERS[kind])
    for row in rows:
        sheet.append(row)
    path = tmp_path / f"{kind}.xlsx"
    workbook.save(path)
    try:
        plan = dry_run(store, prepare(path, kind=kind), project=project)  # type: ignore[arg-type]
    except UserError as e:
        assert str(e).strip()
        return
    handled = {n for r in plan.results for n in r.rows}
    assert {r.row for r in plan.rejected} <= handled
