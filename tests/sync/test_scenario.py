"""The issue's "done when": two laptops' databases, each with a day of offline work, converge
after `hubtui sync --folder` on each in either order, the losing value kept in history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sync_helpers import ACME, BETA, GAMMA, before_the_day, offline_day, ok

from hubtui.cli.root import cli


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


@pytest.mark.parametrize("order", ["ABA", "BAB"])
def test_two_laptops_converge_through_a_folder(tmp_path: Path, order: str) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    folder = tmp_path / "shared"
    folder.mkdir()
    before_the_day(run, a, b, tmp_path)
    ok(run(a, "sync", "--folder", str(folder)))
    ok(run(b, "sync", "--folder", str(folder)))
    offline_day(run, a, b)
    (folder / "0badf00d").mkdir()
    (folder / "0badf00d" / "00000001.hubsync").write_bytes(b"\x1f\x8b\x08 cut off")
    outputs = [ok(run(a if who == "A" else b, "sync", "--folder", str(folder))) for who in order]

    check_converged(a, b)
    assert all("Skipped 0badf00d/00000001.hubsync: it is" in o.stdout for o in outputs)
    assert "conflict(s) resolved" in outputs[0].stdout
    acme = next(o for o in orgs(a) if o["orgnr"] == ACME)
    for db in (a, b):
        history = json.loads(
            ok(run(db, "sync", "history", "organisation", acme["id"], "--format", "json")).stdout
        )
        employees = {h["value"]: h["status"] for h in history if h["field"] == "employees"}
        assert employees == {"25": "overwritten", "30": "current"}
