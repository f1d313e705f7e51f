"""With language sv the command line's own output is Swedish: headings, labels, summaries,
and numbers with a decimal comma and thin-space thousands (JSON and CSV keep plain numbers)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

THIN = "\u202f"
# Words of the English output that must not reach a Swedish user (whole words, any case).
ENGLISH = [
    "label",
    "target",
    "period value",
    "cumulative value",
    "expected by now",
    "progress",
    "ahead",
    "behind",
    "on track",
    "personal number",
    "size class",
    "employees",
    "participants",
    "organisations",
    "advisor",
    "company",
    "medium",
    "visit",
    "seminar",
    "saved",
    "dry run",
    "imported",
    "rows below",
    "columns",
    "to create",
    "unchanged",
    "rejected",
    "deleted",
    "restored",
    "updated",
    "wrote",
    "row",
    "create",
    "up to date",
]


def english_in(text: str) -> list[str]:
    return [w for w in ENGLISH if re.search(rf"\b{w}\b", text, re.IGNORECASE)]


@pytest.fixture
def sv(run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    monkeypatch.setenv("HUBTUI_ADVISOR", "Karin Lund")

    def run(*args: str) -> str:
        result = run_cli(*args)
        assert result.exit_code == 0, result.stderr
        text = result.stdout + result.stderr
        assert english_in(text) == [], (args, text)
        return text

    return run


def test_the_main_commands_speak_swedish(
    sv: Callable[..., str], seeded: dict[str, str], tmp_path: Path, goals_file: Path
) -> None:
    sv("org", "edit", "556036-0793", "--employees", "1200")
    shown = sv("org", "show", "556036-0793")
    assert f"1{THIN}200" in shown and "storleksklass" in shown and "personnummer" in shown
    listed = sv("org", "list")
    assert "storleksklass" in listed and "Företag" in listed
    logged = sv(
        "log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--org", "abb",
        "--hours", "2.5", "--women", "3", "--men", "4", "--title", "AI-dag",
    )  # fmt: skip
    assert "Sparade" in logged and "556036-0793" in logged
    activity_id = logged.splitlines()[0]
    assert "2,5" in sv("activity", "show", activity_id)
    assert "Seminarium" in sv("activity", "list") or "seminarium" in sv("activity", "list")
    table = sv("kpi", "--project", "KAIM", "--period", "2025")
    assert "mål" in table and "förväntat nu" in table
    assert re.search(r"\d,\d", table)  # a decimal comma
    sv("kpi", "series", "--project", "KAIM", "--kpi", table.splitlines()[3].split()[0])
    csv_file = tmp_path / "foretag.csv"
    csv_file.write_text("Företag;Organisationsnummer\nVästerås Verktyg AB;556677-8899\n")
    dry = sv("import", str(csv_file), "--dry-run")
    assert "Provkörning" in dry and "rubrikrad" in dry
    assert "rad 2: skapa organisationen Västerås Verktyg AB (556677-8899)" in dry
    assert "Importerat" in sv("import", str(csv_file))
    assert "Raderade" in sv("activity", "delete", activity_id)
    assert "Återställde" in sv("activity", "restore", activity_id)
    assert "Skrev" in sv("sync", "export", "--out", str(tmp_path / "changes.hubsync"))
    shared = tmp_path / "shared"
    shared.mkdir()
    assert "Skrev" in sv("sync", "--folder", str(shared))
    peers = sv("sync", "peers", "--folder", str(shared))
    assert "synkmapp" in peers and "komprimering" in peers
    assert not re.search(r"\b(folder|device|compaction)\b", peers)
    assert "uppdaterade projektet KAIM" in sv("project", "import", str(goals_file))
    assert "Säkerhetskopierade" in sv("backup")


def test_json_and_csv_keep_plain_numbers(
    run_ok: Callable[..., str], seeded: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    run_ok("org", "edit", "556036-0793", "--employees", "1200")
    rows = json.loads(run_ok("org", "list", "--format", "json"))
    assert {r["employees"] for r in rows} >= {1200}
    assert ",1200," not in run_ok("org", "list", "--format", "csv")  # employees not a column
    kpis = run_ok("kpi", "--project", "KAIM", "--period", "2025", "--format", "csv")
    assert THIN not in kpis
    assert re.search(r",(behind|ahead|on_track)\r?$", kpis.splitlines()[1])
