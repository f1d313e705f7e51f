"""The queries on the change table use its indexes: an EXPLAIN QUERY PLAN guard.

The change table keeps only the indexes queries need (migration 0008): its primary key (a
record by id: sync import's "already held?"), `seq` (arrival order: sync cursors, the
importer's staleness check, the next arrival number) and (entity, entity_id, field) (a row's
records: sync's rebuild, history, verify, erasure, the unrecorded-rows repair and check).
Each real function below runs on a small database with the planner statistics of the
million-activity demo, and with none; every statement it sends that visits the change table
is explained, and must search it through the index named (never scan it whole). These tests
fail when an index is dropped that a query relies on, or a query is rewritten into a scan;
they never time anything.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from hubtui.importers.service import change_stamp
from hubtui.safety.doctor import unrecorded_rows
from hubtui.safety.repair import record_unrecorded
from hubtui.services.history import history
from hubtui.store import Store, open_store
from hubtui.store.engine import file_connection
from hubtui.store.erasure import erased_ids
from hubtui.sync.history import edits_after_delete, history_of, record_history
from hubtui.sync.merge import import_changes
from hubtui.sync.records import changes_after
from hubtui.sync.verify import _writer

MILLION_STATS = Path(__file__).with_name("stat1_million.tsv")
PK = "sqlite_autoindex_change_1"
ROWS = "ix_change_entity"
SEQ = "ix_change_seq"
_VISIT = re.compile(r"^(?P<how>SCAN|SEARCH) (?:change|c)\b(?: USING .*INDEX (?P<index>\w+))?")


@pytest.fixture(scope="module", params=["million-statistics", "no-statistics"])
def hub(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[dict[str, Any]]:
    """A database that imported another laptop's records in two parts (so the second part
    meets records it already holds), with the million demo's statistics or with none (as a
    new laptop has before its first big import: then SQLite cannot skip-scan an index)."""
    folder = tmp_path_factory.mktemp("change_plans")
    other = open_store(folder / "other.db", advisor="Other")
    with other.write() as writer:
        orgs = writer.insert_many("organisation", [{"name": f"Org {n}"} for n in range(6)])
        project = writer.insert(
            "project",
            {"code": "KAIM", "name": "K", "start": dt.date(2026, 1, 1), "end": dt.date(2027, 1, 1)},
        )
        visit = writer.insert(
            "activity", {"project_id": project, "type": "visit", "date": dt.date(2026, 3, 1)}
        )
        writer.insert("activity_organisation", {"activity_id": visit, "organisation_id": orgs[0]})
        for n, org in enumerate(orgs):
            writer.update("organisation", org, {"employees": 10 + n})
        writer.delete("organisation", orgs[5])
    with other.read() as conn:
        records = [{k: v for k, v in r.items() if k != "seq"} for r in changes_after(conn, 0)]
    other.close()
    path = folder / "hub.db"
    store = open_store(path, advisor="Test")
    half = len(records) // 2
    with store.write() as writer:
        import_changes(writer, records[:half])
    store.close()
    conn = file_connection(path)
    with conn:
        conn.execute("DELETE FROM sqlite_stat1")
        if request.param == "million-statistics":
            rows = [line.split("\t") for line in MILLION_STATS.read_text().splitlines() if line]
            conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", rows)
    conn.close()
    store = open_store(path, advisor="Test")
    yield {"store": store, "path": path, "rest": records[half:], "org": orgs[1], "visit": visit}
    store.close()


def _visits(store: Store, call: Callable[[], Any]) -> list[tuple[str, str | None, str]]:
    """Run `call`; every visit of the change table in the plans of the statements it sent:
    (SCAN or SEARCH, the index used, the statement)."""
    sent: list[tuple[str, Any]] = []

    def capture(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool
    ) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH", "UPDATE", "DELETE")):
            sent.append((statement, parameters[0] if many else parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        return _explained(raw, sent)


def _explained(raw: Any, sent: list[tuple[str, Any]]) -> list[tuple[str, str | None, str]]:
    found = []
    for statement, parameters in sent:
        for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall():
            visit = _VISIT.match(row[-1])
            if visit:
                found.append((visit["how"], visit["index"], statement))
    return found


def _assert_searched(visits: list[tuple[str, str | None, str]], *indexes: str) -> None:
    assert visits, "no statement visited the change table"
    scans = [statement for how, _, statement in visits if how == "SCAN"]
    assert not scans, f"the change table is scanned by:\n{scans[0]}"
    used = {index for _, index, _ in visits}
    assert set(indexes) <= used, f"{sorted(used)} used, not {sorted(indexes)}"


def test_import_finds_held_records_by_id_and_row(hub: dict[str, Any]) -> None:
    store: Store = hub["store"]

    def import_rest() -> None:
        with store.write() as writer:
            import_changes(writer, hub["rest"])

    _assert_searched(_visits(store, import_rest), PK, ROWS, SEQ)


@pytest.mark.parametrize(
    ("call", "indexes"),
    [
        pytest.param(
            lambda s, h: _read(s, lambda conn: changes_after(conn, 3)), (SEQ,), id="changes-after"
        ),
        pytest.param(lambda s, h: _read(s, change_stamp), (SEQ,), id="importer-change-stamp"),
        pytest.param(lambda s, h: history_of(s, h["org"]), (ROWS,), id="history-of-id"),
        pytest.param(
            lambda s, h: record_history(s, "organisation", h["org"]), (ROWS,), id="record-history"
        ),
        pytest.param(
            lambda s, h: history(s, "activity", h["visit"], with_links=True),
            (ROWS,),
            id="row-history-with-links",
        ),
        pytest.param(
            lambda s, h: _read(
                s, lambda conn: _writer(conn, "organisation", h["org"], "employees")
            ),
            (ROWS, PK),
            id="verify-who-wrote",
        ),
        pytest.param(lambda s, h: _read(s, erased_ids), (ROWS,), id="erased-ids"),
        pytest.param(lambda s, h: record_unrecorded(s), (ROWS,), id="repair-unrecorded"),
    ],
)
def test_row_and_cursor_queries_search_an_index(
    hub: dict[str, Any], call: Callable[[Store, dict[str, Any]], Any], indexes: tuple[str, ...]
) -> None:
    store: Store = hub["store"]
    _assert_searched(_visits(store, lambda: call(store, hub)), *indexes)


def test_edits_after_delete_reads_each_deleted_row_by_index(hub: dict[str, Any]) -> None:
    """Finding the deletions reads every record (no index has `field` first: that one query
    is left to scan); each deleted row's records are then searched by (entity, entity_id)."""
    store: Store = hub["store"]
    visits = _visits(store, lambda: edits_after_delete(store))
    per_row = [v for v in visits if "entity_id IN" in v[2]]
    _assert_searched(per_row, ROWS)


def test_doctor_unrecorded_check_searches_by_row(hub: dict[str, Any]) -> None:
    sent: list[tuple[str, Any]] = []
    conn = sqlite3.connect(hub["path"])
    try:
        conn.set_trace_callback(lambda statement: sent.append((statement, ())))
        unrecorded_rows(conn)
        conn.set_trace_callback(None)
        _assert_searched(_explained(conn, sent), ROWS)
    finally:
        conn.close()


def _read(store: Store, call: Callable[[Any], Any]) -> Any:
    with store.read() as conn:
        return call(conn)
