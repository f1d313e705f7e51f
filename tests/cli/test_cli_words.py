"""The command line: every match in json/csv, what was saved said in words, Swedish labels."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from hubtui.services.organisations import add_organisation
from hubtui.store import open_store


@pytest.fixture
def many_orgs(db_path: Path) -> Path:
    store = open_store(db_path)
    try:
        for i in range(73):
            add_organisation(store, name=f"Företag {i:03} AB")
    finally:
        store.close()
    return db_path


def test_json_and_csv_return_every_match_and_only_the_table_pages(
    many_orgs: Path, run_cli: Callable[..., Result]
) -> None:
    as_json = run_cli("org", "list", "--format", "json")
    assert as_json.exit_code == 0 and len(json.loads(as_json.stdout)) == 73
    assert "of 73" not in as_json.stderr
    as_csv = run_cli("org", "list", "--format", "csv", "--search", "Företag")
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout)))) == 73
    table = run_cli("org", "list")
    assert table.stdout.count("Företag") == 50
    assert "(50 of 73; --limit 73 or --format json or csv shows them all)" in table.stderr
    limited = run_cli("org", "list", "--format", "json", "--limit", "5")
    assert len(json.loads(limited.stdout)) == 5


def test_add_and_log_say_what_was_saved(
    run_cli: Callable[..., Result], run_ok: Callable[..., str], goals_file: Path
) -> None:
    run_ok("project", "import", str(goals_file))
    added = run_cli("org", "add", "--name", "Köpings Gjuteri AB", "--orgnr", "556036-0793")
    assert added.exit_code == 0
    assert len(added.stdout.strip()) == 36  # the id alone on stdout, for scripts
    assert "Saved Köpings Gjuteri AB (556036-0793)." in added.stderr
    logged = run_cli(
        "log", "visit", "--project", "KAIM", "--date", "2025-09-14",
        "--org", "556036-0793", "--title", "Behovsanalys",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.stderr
    assert (
        "Saved Company visit 2025-09-14 in KAIM: Behovsanalys (Köpings Gjuteri AB 556036-0793)."
        in (logged.stderr)
    )


def test_org_show_speaks_swedish_by_default(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUBTUI_LANGUAGE")
    assert run_cli("org", "add", "--name", "Arboga Plåt AB", "--employees", "12").exit_code == 0
    shown = run_cli("org", "show", "Arboga Plåt AB").stdout
    for words in ("namn", "storleksklass", "personnummer", "nej", "aktiviteter", "anställda"):
        assert words in shown, words
    for english in ("personal number", "size class", "employees"):
        assert english not in shown, english
    table = run_cli("org", "list").stdout
    assert table.splitlines()[0].split() == [
        "orgnr",
        "namn",
        "län",
        "kommun",
        "storleksklass",
        "typ",
    ]
