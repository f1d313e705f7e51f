"""Aid records are records like any other: they travel with sync and appear in history."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from aid_fixture import ALFA, BETA, GAMMA, ok
from click.testing import Result


def test_the_ledger_equals_on_two_synced_laptops(
    hub: Callable[..., str], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    other = tmp_path / "other.db"

    def on_b(*args: str) -> str:
        return ok(run_cli(*args, db=other))

    declared = hub("aid", "declare", "--org", ALFA, "--grantor", "Vinnova", "--amount",
                   "20000", "--currency", "EUR", "--date", "2025-02-01",
                   "--received", "2025-03-01", "--eur-rate", "10").strip()  # fmt: skip
    hub("log", "advisory", "--project", "P1", "--date", "2025-04-01", "--org", ALFA,
        "--hours", "10")  # fmt: skip
    hub("sync", "--folder", str(shared))
    on_b("sync", "--folder", str(shared))
    # the second laptop serves Beta in another project and links Gamma to the group
    on_b("log", "advisory", "--project", "P2", "--date", "2026-08-01", "--org", BETA,
         "--aid-sek", "250000")  # fmt: skip
    on_b("org", "edit", GAMMA, "--group-of", ALFA)
    on_b("aid", "declare", "--org", GAMMA, "--none", "--received", "2026-01-02")
    on_b("sync", "--folder", str(shared))
    hub("sync", "--folder", str(shared))
    args = ("aid", "show", "--org", GAMMA, "--date", "2026-12-31", "--format", "json")
    here, there = json.loads(hub(*args)), json.loads(on_b(*args))
    assert here == there
    # by hand: EUR 20,000 + 10 h × 1000 / 10 + 250,000 SEK / 12.5 (the rate from 2026-07-01)
    assert here["total_eur"] == 20000 + 1000 + 20000
    assert here["total_sek"] == 200000 + 10000 + 250000
    assert [g["orgnr"] for g in here["group"]] == [ALFA, BETA, GAMMA]
    assert len(here["declarations"]) == 2
    # the declaration's history is on both laptops, with who recorded it
    history = json.loads(
        ok(run_cli("sync", "history", "aid_declaration", declared, "--format", "json", db=other))
    )
    assert history and "Vinnova" in json.dumps(history, ensure_ascii=False)


def test_aid_records_are_company_data_not_erased_with_a_person(hub: Callable[..., str]) -> None:
    hub("aid", "declare", "--org", ALFA, "--grantor", "Vinnova", "--amount", "5000",
        "--date", "2025-02-01", "--eur-rate", "10")  # fmt: skip
    hub("log", "advisory", "--project", "P1", "--date", "2025-04-01", "--org", ALFA,
        "--hours", "3")  # fmt: skip
    args = ("aid", "show", "--org", ALFA, "--date", "2025-12-31", "--format", "json")
    before = json.loads(hub(*args))
    person = hub("contact", "add", "--org", ALFA, "--name", "Eva Ek").strip()
    hub("contact", "erase", person, "--yes")
    assert json.loads(hub(*args)) == before
    assert before["total_eur"] == 500 + 300
