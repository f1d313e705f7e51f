"""Every field conflict and every value a merged-away duplicate gave up is listed by the sync
that resolves it (not only counted), and a repeated import lists nothing again."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import GAMMA, before_the_day, check_converged, offline_day, ok, run


def _after_an_offline_day(tmp_path: Path) -> tuple[str, str, Path]:
    """Two laptops that edited the same records offline; B has synced, A is about to."""
    a, b, folder = str(tmp_path / "a.db"), str(tmp_path / "b.db"), tmp_path / "shared"
    folder.mkdir()
    before_the_day(run, a, b, folder)
    for db in (a, b):
        ok(run(db, "sync", "--folder", str(folder)))
    offline_day(run, a, b)
    ok(run(b, "sync", "--folder", str(folder)))
    return a, b, folder


def test_conflicts_and_merged_values_are_listed_once(tmp_path: Path) -> None:
    a, b, folder = _after_an_offline_day(tmp_path)
    out = ok(run(a, "sync", "--folder", str(folder))).stdout
    conflicts = [line for line in out.splitlines() if line.startswith("Conflict: ")]
    assert any("employees: kept 30 (device" in c and "over 25 (device" in c for c in conflicts)
    gave_way = [c for c in conflicts if f"(same orgnr {GAMMA})" in c]
    assert any("its name 'Gamma Data" in c and "gave way to 'Gamma Data" in c for c in gave_way)
    if any("its name 'Gamma Data' gave way" in c for c in gave_way):  # B's copy merged away
        assert any("its employees 3 gave way to None" in c for c in gave_way)
    ok(run(b, "sync", "--folder", str(folder)))
    check_converged(a, b)
    again = ok(run(a, "sync", "export", "--out", str(tmp_path / "all.hubsync")))
    assert again.exit_code == 0
    replay = ok(run(b, "sync", "import", str(tmp_path / "all.hubsync"))).stdout
    assert "Conflict" not in replay and "0 new change(s)" in replay
    ok(run(a, "sync", "verify", str(folder)))


def test_conflicts_are_listed_in_swedish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, _b, folder = _after_an_offline_day(tmp_path)
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    out = ok(run(a, "sync", "--folder", str(folder))).stdout
    conflicts = [line for line in out.splitlines() if line.startswith("Konflikt: ")]
    assert any("anställda: behöll 30 (enhet" in c and "framför 25 (enhet" in c for c in conflicts)
    assert any(f"(samma orgnr {GAMMA})" in c and "fick ge vika för" in c for c in conflicts)
    assert not any(word in out for word in ("kept", "device", "gave way", "history"))
