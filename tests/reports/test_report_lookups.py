"""A report resolves its project once, at the edge: building, freezing and exporting it
(every format, the EDIH files too) reads the project table no more."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from report_fixture import Fixture, request_of
from sqlalchemy import event

from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.kpi import resolve
from hubtui.reports.export import export_report
from hubtui.reports.formats import FORMATS
from hubtui.reports.submissions import submit_report
from hubtui.services.notes import set_notes
from hubtui.store import Store

# A statement that reads the project table: FROM or JOIN project (not project_id, …).
_READS_PROJECT = re.compile(r"\b(FROM|JOIN)\s+\"?project\"?(\s|$)", re.IGNORECASE)


@contextmanager
def project_reads(store: Store) -> Iterator[list[str]]:
    """The statements reading the project table while the block runs."""
    seen: list[str] = []

    def capture(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _READS_PROJECT.search(statement):
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)


def test_the_edge_looks_the_project_up_once(rapp: Fixture, tmp_path: Path) -> None:
    with project_reads(rapp.store) as reads:
        request = request_of(rapp.store, "RAPP", "2026Q3", FORMATS, out=tmp_path)
    assert len(reads) == 1  # resolve(): the one look-up
    with project_reads(rapp.store) as reads:
        written = export_report(rapp.store, request, today=dt.date(2026, 10, 2))
    assert len(written) == 8 and reads == []


def test_freezing_and_reporting_a_submitted_period_read_no_project(rapp: Fixture) -> None:
    texts = {s: f"Text om {s}." for s in NOTE_SECTIONS}
    set_notes(rapp.store, project="RAPP", period="2026Q3", texts=texts)
    view, span = resolve(rapp.store, "RAPP", "2026Q3")
    later = request_of(rapp.store, "RAPP", "2026Q4", ["md", "csv"], out=Path("unused"))
    with project_reads(rapp.store) as reads:
        submit_report(rapp.store, view, span, today=dt.date(2026, 10, 10))
    assert reads == []
    from hubtui.reports.export import planned_paths

    with project_reads(rapp.store) as reads:
        planned_paths(rapp.store, later, Path.cwd())  # with the changes since submission
    assert reads == []
