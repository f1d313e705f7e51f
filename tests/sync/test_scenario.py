"""The issue's "done when": two laptops' databases, each with a day of offline work, converge
after `hubtui sync --folder` on each in either order, the losing value kept in history."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sync_helpers import ACME, before_the_day, check_converged, offline_day, ok, orgs, run


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
    # the employee count edited on both laptops is reported as a conflict where it lands
    conflicts = [int(n) for o in outputs for n in re.findall(r"(\d+) conflict\(s\)", o.stdout)]
    assert sum(conflicts) >= 1
    acme = next(o for o in orgs(a) if o["orgnr"] == ACME)
    for db in (a, b):
        history = json.loads(
            ok(run(db, "sync", "history", "organisation", acme["id"], "--format", "json")).stdout
        )
        employees = {h["value"]: h["status"] for h in history if h["field"] == "employees"}
        assert employees == {"25": "overwritten", "30": "current"}
