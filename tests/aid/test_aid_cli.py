"""`hubtui aid show/declare`, `org edit --group-of` and the check at logging time, against
ledgers computed by hand."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aid_fixture import ALFA, BETA, DELTA, GAMMA, P1
from click.testing import Result

Run = Callable[..., str]


def ledger(hub: Run, org: str, day: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        hub("aid", "show", "--org", org, "--date", day, "--format", "json")
    )
    return data


def test_rolling_three_years_at_the_boundary_day(hub: Run, run_cli: Callable[..., Result]) -> None:
    hub("aid", "declare", "--org", ALFA, "--grantor", "Vinnova", "--amount", "100000",
        "--currency", "EUR", "--date", "2023-06-15", "--received", "2023-07-01")  # fmt: skip
    hub("log", "advisory", "--project", "P1", "--date", "2023-06-16", "--org", BETA,
        "--aid-sek", "1000000")  # fmt: skip
    # 2026-06-15: the period is 2023-06-16 – 2026-06-15; the grant of 2023-06-15 has left it
    on_day = ledger(hub, BETA, "2026-06-15")
    assert (on_day["from"], on_day["to"]) == ("2023-06-16", "2026-06-15")
    assert [line["date"] for line in on_day["lines"]] == ["2023-06-16"]
    assert (on_day["total_eur"], on_day["remaining_eur"]) == (100000.0, 200000.0)
    day_before = ledger(hub, BETA, "2026-06-14")
    assert [line["date"] for line in day_before["lines"]] == ["2023-06-15", "2023-06-16"]
    assert (day_before["total_eur"], day_before["total_sek"]) == (200000.0, 2000000.0)
    # the same EUR 200,000 is refused the day before and fits on the boundary day
    refused = run_cli("log", "advisory", "--project", "P1", "--date", "2026-06-14",
                      "--org", BETA, "--aid-sek", "2000000")  # fmt: skip
    assert refused.exit_code == 2
    assert "EUR 400 000.00" in refused.stderr and "EUR 100 000.00 remains" in refused.stderr
    hub("log", "advisory", "--project", "P1", "--date", "2026-06-15", "--org", BETA,
        "--aid-sek", "2000000")  # fmt: skip
    assert ledger(hub, ALFA, "2026-06-15")["remaining_eur"] == 0.0


def test_group_of_two_companies_served_by_two_projects(
    hub: Run, run_cli: Callable[..., Result]
) -> None:
    # P1 (rate 10) gives Alfa 1,500,000 SEK = EUR 150,000 and 3 h × 1000 = EUR 300;
    # P2 (11 SEK/EUR before July 2026) gives Beta 1,100,000 SEK = EUR 100,000
    hub("log", "advisory", "--project", "P1", "--date", "2025-03-01", "--org", ALFA,
        "--aid-sek", "1500000")  # fmt: skip
    hub("log", "visit", "--project", "P1", "--date", "2025-04-01", "--org", ALFA, "--hours", "3")
    hub("log", "advisory", "--project", "P2", "--date", "2026-01-10", "--org", BETA,
        "--aid-sek", "1100000")  # fmt: skip
    # a seminar gives no individual aid unless an amount is entered
    hub("log", "seminar", "--project", "P2", "--date", "2026-01-11", "--org", BETA,
        "--org", GAMMA, "--hours", "4", "--women", "3")  # fmt: skip
    for org in (ALFA, BETA):
        data = ledger(hub, org, "2026-06-30")
        assert [g["orgnr"] for g in data["group"]] == [ALFA, BETA]
        assert [(line["project"], line["eur"]) for line in data["lines"]] == [
            ("P1", 150000.0),
            ("P1", 300.0),
            ("P2", 100000.0),
        ]
        assert data["total_sek"] == 2603000.0
        assert data["total_eur"] == 250300.0
        assert data["remaining_eur"] == 49700.0
    assert ledger(hub, GAMMA, "2026-06-30")["lines"] == []
    # EUR 49,700 remain: 550,000 SEK at 11 is EUR 50,000, refused for either company
    args = ("log", "advisory", "--project", "P2", "--date", "2026-02-01", "--aid-sek", "550000")
    refused = run_cli(*args, "--org", BETA)
    assert refused.exit_code == 2, refused.output
    sentence = refused.stderr.strip()
    assert sentence.count("\n") == 0
    assert "EUR 300 300.00" in sentence and "EUR 300 000.00" in sentence
    assert "EUR 49 700.00 remains" in sentence
    assert "warning" not in sentence
    assert ledger(hub, ALFA, "2026-06-30")["total_eur"] == 250300.0  # nothing written
    # the same activity under GBER article 28 is accepted and not counted
    hub(*args, "--org", BETA, "--aid-scheme", "gber_28")
    after = ledger(hub, ALFA, "2026-06-30")
    assert after["total_eur"] == 250300.0
    assert [line["counted"] for line in after["lines"]] == [True, True, True, False]
    # and with no aid at all
    hub(*args, "--org", ALFA, "--aid-scheme", "none")
    assert len(ledger(hub, ALFA, "2026-06-30")["lines"]) == 4
    # an amount that fits is accepted (EUR 49,700 at 11 = 546,700 SEK)
    hub("log", "advisory", "--project", "P2", "--date", "2026-02-01", "--aid-sek", "546700",
        "--org", ALFA)  # fmt: skip
    assert ledger(hub, BETA, "2026-06-30")["remaining_eur"] == 0.0


def test_declaration_in_eur(hub: Run) -> None:
    hub("aid", "declare", "--org", GAMMA, "--grantor", "Energimyndigheten", "--amount",
        "12345.67", "--currency", "EUR", "--date", "2025-05-05", "--eur-rate", "11.2",
        "--received", "2025-06-01")  # fmt: skip
    data = ledger(hub, GAMMA, "2026-01-01")
    (line,) = data["lines"]
    assert (line["eur"], line["sek"], line["source"]) == (12345.67, 138271.5, "declaration")
    assert (data["total_eur"], data["total_sek"]) == (12345.67, 138271.5)
    assert data["remaining_eur"] == 287654.33
    # SEK with the projects' rate: P1 says 10 and P2 says 11 on that day, so a rate is needed
    hub("aid", "declare", "--org", DELTA, "--grantor", "Almi", "--amount", "50000",
        "--date", "2025-05-05", "--eur-rate", "10")  # fmt: skip
    assert ledger(hub, DELTA, "2026-01-01")["total_eur"] == 5000.0


def test_declaration_mistakes(hub: Run, run_cli: Callable[..., Result]) -> None:
    cases = [
        (("--grantor", "Almi", "--amount", "500", "--date", "2025-05-05"), "rate"),
        (("--grantor", "Almi", "--amount", "-5", "--date", "2025-05-05"), "negative"),
        (("--grantor", "Almi", "--amount", "5", "--date", "2099-05-05"), "after"),
        (("--amount", "5", "--date", "2025-01-01", "--eur-rate", "11"), "grantor"),
        (("--grantor", "Almi", "--amount", "5", "--eur-rate", "0.09", "--date", "2025-01-01"),
         "SEK per EUR"),
        ((), "--none"),
    ]  # fmt: skip
    for args, words in cases:
        result = run_cli("aid", "declare", "--org", DELTA, *args)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.stderr and "Traceback" not in result.output
    assert ledger(hub, DELTA, "2026-01-01")["declarations"] == []


def test_first_aid_without_a_declaration_warns(hub: Run, run_cli: Callable[..., Result]) -> None:
    first = run_cli("log", "advisory", "--project", "P1", "--date", "2026-01-05", "--org", DELTA,
                    "--hours", "2")  # fmt: skip
    assert first.exit_code == 0
    assert "Delta AB has given no declaration of earlier de minimis aid" in first.stderr
    hub("aid", "declare", "--org", DELTA, "--none", "--received", "2026-01-06")
    later = run_cli("log", "advisory", "--project", "P1", "--date", "2026-01-07", "--org", DELTA,
                    "--hours", "2")  # fmt: skip
    assert later.exit_code == 0 and "warning" not in later.stderr
    data = ledger(hub, DELTA, "2026-01-31")
    assert data["declarations"][0]["received"] == "2026-01-06"
    assert data["total_sek"] == 4000.0 and data["total_eur"] == 400.0
    # Beta is in Alfa's group: Alfa's declaration covers it
    hub("aid", "declare", "--org", ALFA, "--none")
    beta = run_cli("log", "advisory", "--project", "P1", "--date", "2026-01-07", "--org", BETA,
                   "--hours", "1")  # fmt: skip
    assert beta.exit_code == 0 and "warning" not in beta.stderr


def test_group_links(hub: Run, run_cli: Callable[..., Result]) -> None:
    bad = run_cli("org", "edit", ALFA, "--group-of", BETA)
    assert bad.exit_code == 2 and "already part of" in bad.stderr
    assert run_cli("org", "edit", ALFA, "--group-of", ALFA).exit_code == 2
    hub("org", "edit", GAMMA, "--group-of", BETA)  # a chain: Gamma → Beta → Alfa
    assert [g["orgnr"] for g in ledger(hub, GAMMA, "2026-01-01")["group"]] == [ALFA, BETA, GAMMA]
    hub("org", "edit", BETA, "--group-of", "")
    assert [g["orgnr"] for g in ledger(hub, GAMMA, "2026-01-01")["group"]] == [BETA, GAMMA]
    assert [g["orgnr"] for g in ledger(hub, ALFA, "2026-01-01")["group"]] == [ALFA]


def test_aid_table_round_trips_through_export(hub: Run, tmp_path: Path) -> None:
    out = tmp_path / "out.toml"
    for code in ("P1", "P2"):
        hub("project", "export", code, "--out", str(out), "--force")
        text = out.read_text(encoding="utf-8")
        assert "[aid]" in text
        hub("project", "import", str(out))
        hub("project", "export", code, "--out", str(out), "--force")
        assert out.read_text(encoding="utf-8") == text
    assert 'grantor = "Region Västmanland"' in P1


def test_linking_a_group_over_the_ceiling_warns(hub: Run, run_cli: Callable[..., Result]) -> None:
    # Gamma EUR 200,000 and Delta EUR 150,000 each fit alone; linked they are over
    hub("log", "advisory", "--project", "P1", "--date", "2025-01-10", "--org", GAMMA,
        "--aid-sek", "2000000")  # fmt: skip
    hub("log", "advisory", "--project", "P1", "--date", "2026-01-10", "--org", DELTA,
        "--aid-sek", "1500000")  # fmt: skip
    linked = run_cli("org", "edit", DELTA, "--group-of", GAMMA)
    assert linked.exit_code == 0
    assert "EUR 350,000.00 of de minimis aid in 2023-01-11 – 2026-01-10" in linked.stderr
    assert ledger(hub, DELTA, "2026-01-10")["remaining_eur"] == -50000.0


def test_a_declaration_entered_by_mistake_is_deleted(
    hub: Run, run_cli: Callable[..., Result]
) -> None:
    made = hub("aid", "declare", "--org", GAMMA, "--grantor", "Almi", "--amount", "1000",
               "--date", "2025-01-01", "--eur-rate", "10").strip()  # fmt: skip
    assert ledger(hub, GAMMA, "2025-06-01")["total_eur"] == 100.0
    assert hub("aid", "undeclare", made).strip() == f"Deleted {made}."
    data = ledger(hub, GAMMA, "2025-06-01")
    assert data["total_eur"] == 0.0 and data["declarations"] == []
    assert run_cli("aid", "undeclare", "nope").exit_code == 2
    shown = hub("activity", "show", hub("log", "advisory", "--project", "P1", "--date",
                "2025-02-01", "--org", GAMMA, "--aid-sek", "700").strip())  # fmt: skip
    assert "700" in shown and "the project's" in shown


def test_aid_check_and_a_higher_rate_in_the_goals_file(
    hub: Run, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert hub("aid", "check").strip() == "No group is over the de minimis ceiling."
    # 2,900 h × 1000 SEK = EUR 290,000 fits; at 1100 SEK an hour it is EUR 319,000
    hub("log", "advisory", "--project", "P1", "--date", "2026-03-01", "--org", GAMMA,
        "--hours", "2900")  # fmt: skip
    goals = tmp_path / "p1-dearer.toml"
    goals.write_text(P1.replace("hourly_rate_sek = 1000", "hourly_rate_sek = 1100"), "utf-8")
    result = run_cli("project", "import", str(goals))
    assert result.exit_code == 0
    assert "The de minimis aid of Gamma AB (with its group) is EUR 319 000.00 in " \
        "2023-03-02 – 2026-03-01, over the ceiling of EUR 300 000.00" in result.stderr  # fmt: skip
    assert "Gamma AB" in hub("aid", "check")


def test_an_import_of_activities_over_the_ceiling_warns(
    hub: Run, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    # imported in bulk, not refused one by one: 3,100 h × 1000 SEK = EUR 310,000
    sheet = tmp_path / "logg.csv"
    sheet.write_text("Datum,Aktivitet,Org.nr,Timmar,Projekt\n"
                     f"2026-02-01,Vägledning,{ALFA},3100,P1\n", "utf-8")  # fmt: skip
    result = run_cli("import", str(sheet))
    assert result.exit_code == 0, result.output
    assert "Imported: " in result.stdout
    assert "The de minimis aid of Alfa AB (with its group) is EUR 310 000.00" in result.stderr
