"""Helpers for sync tests: what a database holds, and moving records between databases."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from hubtui.cli.root import cli
from hubtui.store import Store, tables
from hubtui.store.codec import recorded_columns
from hubtui.sync.files import encode_file
from hubtui.sync.merge import ImportResult, import_changes
from hubtui.sync.records import changes_after


def state(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced row (its recorded columns), by table, ordered by id."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.read() as conn:
        for entity, table in tables.SYNCED.items():
            columns = [table.c.id, *(table.c[c] for c in recorded_columns(entity))]
            out[entity] = [tuple(r) for r in conn.execute(select(*columns).order_by(table.c.id))]
    return out


def all_records(store: Store) -> list[dict[str, Any]]:
    with store.read() as conn:
        return [{k: v for k, v in r.items() if k != "seq"} for r in changes_after(conn, 0)]


def send(source: Store, target: Store) -> ImportResult:
    """Import every change record of `source` into `target`."""
    records = all_records(source)
    with target.write() as writer:
        return import_changes(writer, records)


def change_file(source: Store, path: Path) -> Path:
    data, _ = encode_file(all_records(source), origin=source.origin, name=source.advisor)
    path.write_bytes(data)
    return path


def dump(path: Path) -> list[str]:
    """The whole SQLite database as SQL text, to show nothing changed."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


GOALS = """\
[project]
code = "KAIM"
name = "Kompetens AI i Mälardalen"
start = 2025-03-01
end = 2028-02-28
counties = ["19"]

[[kpi]]
id = "companies"
label = "Företag som fått stöd"
metric = "companies_supported"
target = 40
"""
ACME, BETA, GAMMA = "556036-0793", "556677-8899", "554414-0022"


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr or result.stdout
    return result


def before_the_day(run: Any, a: str, b: str, folder: Path) -> None:
    """Both laptops import the project's goals file on their own; A enters two companies.
    `run(db, *args)` runs the CLI on a database. Then a first sync gives B the companies."""
    (folder / "goals.toml").write_text(GOALS, encoding="utf-8")
    for db in (a, b):
        ok(run(db, "project", "import", str(folder / "goals.toml")))
    ok(run(a, "org", "add", "--name", "Acme Verkstad AB", "--orgnr", ACME, "--employees", "10"))
    ok(run(a, "org", "add", "--name", "Beta Plast AB", "--orgnr", BETA, "--county", "19"))


def offline_day(run: Any, a: str, b: str) -> None:
    """A day of offline work on both: the same company's employee count edited on both (B
    later), different fields of another company on each, the same new company on both."""
    ok(run(a, "org", "edit", ACME, "--employees", "25"))
    ok(run(a, "org", "edit", BETA, "--website", "https://beta.example"))
    ok(run(a, "log", "visit", "--project", "KAIM", "--date", "2026-03-02", "--org", ACME))
    ok(run(a, "org", "add", "--name", "Gamma Data AB", "--orgnr", GAMMA))
    ok(run(b, "org", "add", "--name", "Gamma Data", "--orgnr", GAMMA, "--employees", "3"))
    ok(run(b, "log", "seminar", "--project", "KAIM", "--date", "2026-03-03", "--org", GAMMA))
    ok(run(b, "org", "edit", ACME, "--employees", "30"))
    ok(run(b, "org", "edit", BETA, "--notes", "wants a DMA"))


def run(db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", db, *args])


def orgs(db: str) -> list[dict[str, Any]]:
    rows = json.loads(ok(run(db, "org", "list", "--format", "json")).stdout)
    return sorted(rows, key=lambda r: r["orgnr"])


def activities(db: str) -> list[dict[str, Any]]:
    rows = json.loads(ok(run(db, "activity", "list", "--format", "json")).stdout)
    return sorted(rows, key=lambda r: r["id"])


def check_converged(a: str, b: str) -> None:
    assert orgs(a) == orgs(b)
    by_orgnr = {o["orgnr"]: o for o in orgs(a)}
    assert sorted(by_orgnr) == sorted([ACME, BETA, GAMMA])  # one Gamma, not two
    assert by_orgnr[ACME]["employees"] == 30  # B's edit came later
    assert by_orgnr[BETA]["website"] == "https://beta.example"  # A's field
    assert by_orgnr[BETA]["notes"] == "wants a DMA"  # B's field
    acts = activities(a)
    assert acts == activities(b)
    assert len(acts) == 2
    for orgnr in (ACME, GAMMA):  # Gamma's seminar now belongs to the one Gamma left
        linked = ok(run(a, "activity", "list", "--org", orgnr, "--format", "json")).stdout
        assert len(json.loads(linked)) == 1
    projects = json.loads(ok(run(a, "project", "list", "--format", "json")).stdout)
    assert [p["code"] for p in projects] == ["KAIM"]  # imported on both, merged


def last_said(stderr: str) -> str:
    """The last line a command wrote to stderr but the daily backup's note: whether the day's
    backup is still running when the command closes (and says so) depends on timing."""
    lines = [line for line in stderr.strip().splitlines() if "today's backup" not in line]
    return lines[-1]


def at_import(
    monkeypatch: pytest.MonkeyPatch, module: Any, number: int, interrupt: Callable[[], None]
) -> None:
    """Call `interrupt` (a ctrl+c) as soon as the `number`-th batch or file that `module`'s
    sync imports is applied, before its transaction commits."""
    imported = module.import_changes
    calls: list[Any] = []

    def import_then_interrupt(writer: Any, records: Any) -> Any:
        calls.append(records)
        result = imported(writer, records)
        if len(calls) == number:
            interrupt()
        return result

    monkeypatch.setattr(module, "import_changes", import_then_interrupt)
