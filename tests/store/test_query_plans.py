"""The hot queries use indexes: an EXPLAIN QUERY PLAN guard against full scans.

The real service, KPI and report functions run on a small demo database whose planner
statistics are those of the million-activity demo (`sqlite_stat1` as `ANALYZE` wrote it
there), so SQLite plans them as it would at a hub's size. Every statement they send is
explained; none may visit the whole activity or link table. These tests fail when an index
the plans rely on is dropped or a query is rewritten into a scan; they never time anything.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from hubtui.demo import generate_demo
from hubtui.kpi import compute_kpis, resolve
from hubtui.kpi.series import kpi_series
from hubtui.reports.edih import edih_sheets
from hubtui.reports.model import build_report
from hubtui.services.activity_queries import (
    count_activities,
    list_activities,
    organisation_timeline,
)
from hubtui.services.organisations import count_organisations, search_organisations
from hubtui.services.projects import get_project
from hubtui.store import Store, open_store
from hubtui.store.engine import file_connection

TODAY = dt.date(2026, 11, 22)
# sqlite_stat1 of `hubtui demo --activities 1000000` (20,000 organisations) after ANALYZE.
MILLION_STATS = Path(__file__).with_name("stat1_million.tsv")
# The big tables. Visiting one whole is a plan step "SCAN <table>" (with or without an
# index), or a SEARCH whose only constraint is the `deleted` flag (all live rows), which only
# a page that stops early (LIMIT) or a count from a covering index may afford.
_BIG = r"(activity|activity_organisation|change)"
_SCAN = re.compile(rf"^SCAN {_BIG}\b")
_ALL_LIVE = re.compile(rf"^SEARCH {_BIG} USING (?P<covering>COVERING )?INDEX \S+ \(deleted=\?\)$")


def _whole_table_steps(plan: list[str], *, paged: bool) -> list[str]:
    found = []
    for step in plan:
        live = _ALL_LIVE.match(step)
        if _SCAN.match(step) or (live and not paged and not live["covering"]):
            found.append(step)
    return found


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("plans") / "hub.db"
    store = open_store(path, advisor="Test")
    generate_demo(store, seed=5, activities=800, organisations=40, today=TODAY)
    store.close()
    conn = file_connection(path)
    with conn:
        conn.execute("DELETE FROM sqlite_stat1")
        rows = [line.split("\t") for line in MILLION_STATS.read_text().splitlines() if line]
        conn.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", rows)
    conn.close()
    store = open_store(path, advisor="Test")
    global ORG_ID
    with store.read() as conn:
        ORG_ID = conn.exec_driver_sql(
            "SELECT organisation_id FROM activity_organisation GROUP BY organisation_id "
            "ORDER BY count(*) DESC LIMIT 1"
        ).scalar_one()
    yield store
    store.close()


def _plans(store: Store, call: Callable[[], Any]) -> list[tuple[str, list[str]]]:
    """Run `call`, then EXPLAIN QUERY PLAN every SELECT it sent, with its parameters."""
    sent: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    assert sent, "the call sent no query"
    explained = []
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        for statement, parameters in sent:
            rows = raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            explained.append((statement, [row[-1] for row in rows]))
    return explained


def _assert_no_full_scan(store: Store, call: Callable[[], Any], *, paged: bool) -> None:
    for statement, plan in _plans(store, call):
        scans = _whole_table_steps(plan, paged=paged)
        assert not scans, f"{scans} in the plan of:\n{statement}\n" + "\n".join(plan)


def _first_org(store: Store) -> str:
    with store.read() as conn:
        return str(
            conn.exec_driver_sql("SELECT organisation_id FROM activity_organisation").scalar()
        )


def test_the_million_statistics_are_in_use(hub: Store) -> None:
    with hub.read() as conn:
        stat = conn.exec_driver_sql(
            "SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_activity_project_date'"
        ).scalar()
    assert stat is not None and int(stat.split()[0]) > 900_000


@pytest.mark.parametrize(
    ("paged", "call"),
    [
        pytest.param(True, lambda s: list_activities(s, limit=50), id="activities-page"),
        pytest.param(False, lambda s: count_activities(s), id="activities-count"),
        pytest.param(
            False, lambda s: list_activities(s, project_id="KAIM", limit=50), id="project-page"
        ),
        pytest.param(False, lambda s: count_activities(s, project_id="KAIM"), id="project-count"),
        pytest.param(
            False,
            lambda s: list_activities(s, project_id="KAIM", period="2026Q3", limit=50),
            id="period-page",
        ),
        pytest.param(False, lambda s, org=None: organisation_timeline(s, ORG_ID), id="timeline"),
        pytest.param(
            True,
            lambda s: search_organisations(s, project_id=get_project(s, "KAIM").id),
            id="organisations-in-project",
        ),
        pytest.param(
            False,
            lambda s: count_organisations(s, project_id=get_project(s, "KAIM").id),
            id="organisations-in-project-count",
        ),
        pytest.param(False, lambda s: compute_kpis(s, *resolve(s, "KAIM", today=TODAY)), id="kpis"),
        pytest.param(
            False, lambda s: kpi_series(s, resolve(s, "KAIM")[0], "smf_stod"), id="kpi-series"
        ),
        pytest.param(
            False,
            lambda s: build_report(s, *resolve(s, "KAIM", "2026Q3"), today=TODAY),
            id="report-model",
        ),
        pytest.param(False, lambda s: edih_sheets(s, *resolve(s, "KAIM", "2026Q3")), id="edih"),
    ],
)
def test_hot_queries_use_indexes(hub: Store, paged: bool, call: Callable[[Store], Any]) -> None:
    """`paged`: a page of a list (LIMIT 50), which may walk an index in order and stop early."""
    _assert_no_full_scan(hub, lambda: call(hub), paged=paged)


def test_the_guard_sees_whole_table_visits() -> None:
    live = ["SEARCH activity USING INDEX ix_activity_live_date (deleted=?)"]
    assert _whole_table_steps(["SCAN activity"], paged=True)
    assert _whole_table_steps(["SCAN change USING COVERING INDEX ix_a"], paged=False)
    assert _whole_table_steps(live, paged=False)
    assert not _whole_table_steps(live, paged=True)
    assert not _whole_table_steps(
        ["SEARCH activity USING COVERING INDEX ix_activity_live_date (deleted=?)"], paged=False
    )
    assert not _whole_table_steps(
        ["SEARCH activity USING INDEX ix_activity_project_date (project_id=? AND deleted=?)"],
        paged=False,
    )
