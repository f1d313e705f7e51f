"""Team mode against the real PostgreSQL server: migrations, the CLI, two writers at once, and
change records exchanged both ways with laptops' SQLite databases."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sync_helpers import (
    ACME,
    before_the_day,
    check_converged,
    offline_day,
    ok,
    orgs,
    run,
    state,
)

from hubtui.store import Store, migrate, open_store, tables
from hubtui.store.codec import recorded_columns
from hubtui.sync.remote import sync_with

pytestmark = pytest.mark.postgres
CHANGE = tables.CHANGE
COLUMNS = ("id", *recorded_columns("organisation"))  # the order of `state` rows
NAME = COLUMNS.index("name")


def test_migrations_create_every_table_and_run_once(pg_url: str) -> None:
    store = open_store(pg_url)
    with store.read() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        tables = set(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ).scalars()
        )
    store.close()
    assert {"organisation", "change", "sync_file", "sync_pending", "alembic_version"} <= tables
    again = open_store(pg_url)  # already at head: opens without migrating
    assert not again.read_only and again.origin == store.origin
    again.close()


def test_the_cli_runs_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    ok(run(pg_url, "org", "add", "--name", "Acme Verkstad AB", "--orgnr", ACME))
    listed = json.loads(ok(run(pg_url, "org", "list", "--format", "json")).stdout)
    assert [o["name"] for o in listed] == ["Acme Verkstad AB"]
    (tmp_path / "goals.toml").write_text(
        '[project]\ncode = "KAIM"\nname = "K"\nstart = 2025-03-01\nend = 2028-02-28\n',
        encoding="utf-8",
    )
    ok(run(pg_url, "project", "import", str(tmp_path / "goals.toml")))
    ok(run(pg_url, "log", "visit", "--project", "KAIM", "--date", "2026-03-02", "--org", ACME))
    acts = json.loads(ok(run(pg_url, "activity", "list", "--format", "json")).stdout)
    assert len(acts) == 1 and acts[0]["type"] == "visit"
    bad = run(pg_url, "org", "add", "--name", "Again", "--orgnr", ACME)
    assert bad.exit_code == 2 and "Traceback" not in bad.stderr
    kpis = json.loads(
        ok(run(pg_url, "kpi", "-p", "KAIM", "--period", "2026Q1", "--format", "json")).stdout
    )
    assert kpis
    out = tmp_path / "report"
    out.mkdir()
    ok(
        run(
            pg_url,
            "report",
            "-p",
            "KAIM",
            "--period",
            "2026Q1",
            "--format",
            "md",
            "--out",
            str(out),
        )
    )
    (report,) = out.glob("*.md")
    assert "KAIM" in report.read_text(encoding="utf-8")


async def test_the_terminal_app_runs_on_postgresql(pg_url: str) -> None:
    from textual.widgets import DataTable

    from hubtui.config import Config
    from hubtui.ui.app import HubtuiApp
    from hubtui.ui.screens.sync import SyncScreen

    store = open_store(pg_url, advisor="team")
    with store.write() as writer:
        period = {"start": dt.date(2025, 3, 1), "end": dt.date(2028, 2, 28)}
        writer.insert("project", {"code": "KAIM", "name": "K", **period})
    store.close()
    app = HubtuiApp(pg_url, Config(language="en"), advisor="Eva")
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("7")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, SyncScreen)
        assert app.screen.query_one("#sync-peers", DataTable).row_count == 0


def test_two_writers_at_once_keep_the_clock_and_arrival_order(pg_url: str) -> None:
    stores = [open_store(pg_url, advisor=f"advisor {n}") for n in range(2)]
    errors: list[BaseException] = []

    def work(store: Store) -> None:
        try:
            for n in range(25):
                with store.write() as writer:
                    org = writer.insert("organisation", {"name": f"{store.advisor} {n}"})
                    writer.update("organisation", org, {"employees": n})
        except BaseException as e:  # reported below, in the test's own thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with stores[0].read() as conn:
        rows = conn.execute(select(CHANGE.c.seq, CHANGE.c.hlc).order_by(CHANGE.c.seq)).all()
    for s in stores:
        s.close()
    assert [r.seq for r in rows] == list(range(1, 101))
    stamps = [r.hlc for r in rows]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_a_pull_does_not_skip_a_commit_that_was_in_flight(
    pg_url: str, new_device: Callable[[str], Store]
) -> None:
    team = open_store(pg_url, advisor="team")
    laptop = new_device("laptop")
    with team.write() as writer:
        writer.insert("organisation", {"name": "Before"})
    slow = team.write()
    writer = slow.__enter__()  # a transaction holding records not yet committed
    writer.insert("organisation", {"name": "In flight"})
    writer.flush()
    later = threading.Thread(target=lambda: _insert(team, "After"))
    later.start()  # waits for the clock row the open transaction holds
    first = sync_with(laptop, pg_url)
    assert first.pulled.new == 1
    slow.__exit__(None, None, None)
    later.join()
    sync_with(laptop, pg_url)
    names = sorted(row[NAME] for row in state(laptop)["organisation"])
    team.close()
    assert names == ["After", "Before", "In flight"]


def _insert(store: Store, name: str) -> None:
    with store.write() as writer:
        writer.insert("organisation", {"name": name})


def test_sqlite_and_postgresql_round_trip(pg_url: str, new_device: Callable[[str], Store]) -> None:
    a, b = new_device("a"), new_device("b")
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme", "employees": 3})
    sync_with(a, pg_url)
    report = sync_with(b, pg_url)
    assert report.pulled.new == 1
    with b.write() as writer:
        writer.update("organisation", org, {"employees": 4})
    with a.write() as writer:
        writer.update("organisation", org, {"notes": "met at fair"})
    sync_with(b, pg_url)
    sync_with(a, pg_url)
    again = sync_with(b, pg_url)
    team = open_store(pg_url)
    assert state(a) == state(b) == state(team)
    team.close()
    assert again.pushed.new == 0  # nothing is sent twice
    (row,) = state(a)["organisation"]
    assert (row[COLUMNS.index("employees")], row[COLUMNS.index("notes")]) == (4, "met at fair")


def test_two_laptops_merge_through_postgresql(pg_url: str, tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    before_the_day(run, a, b, tmp_path)
    ok(run(a, "sync", "--with", pg_url))
    ok(run(b, "sync", "--with", pg_url))
    offline_day(run, a, b)
    for db in (a, b, a):
        out = ok(run(db, "sync", "--with", pg_url)).stdout
        assert "Received from" in out
    check_converged(a, b)
    assert orgs(pg_url) == orgs(a)
    peers = json.loads(ok(run(pg_url, "sync", "peers", "--format", "json")).stdout)
    assert len(peers) == 2  # the team database knows when each laptop last synced


def test_sync_with_refuses_what_is_not_postgresql(run_cli: Callable[..., object]) -> None:
    result = run_cli("sync", "--with", "sqlite:////tmp/other.db")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "not a PostgreSQL URL" in result.stderr  # type: ignore[attr-defined]
