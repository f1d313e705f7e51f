"""`hubtui import` on the command line: output, dry run, mapping files and exit codes."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from hubtui.store import Store

Run = Callable[..., object]


def test_dry_run_then_import(
    run_cli: Callable[..., object], store: Store, write_csv: Callable[..., Path],
    count_changes: Callable[[Store], int],
) -> None:  # fmt: skip
    path = write_csv(
        "foretag.csv",
        [["Företag", "Org.nr", "Län"], ["Åkerbo Smide AB", "556036-0793", "Västmanland"],
         ["Felnummer AB", "556036-0794", "19"]],
        encoding="cp1252",
        delimiter=";",
    )  # fmt: skip
    result = run_cli("import", str(path), "--dry-run")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert "cp1252, separated by ';'" in out
    assert "Företag  →  name" in out
    assert "row 2: create organisation Åkerbo Smide AB (556036-0793)" in out
    assert "row 3: rejected: Organisation number 556036-0794 fails the check digit" in out
    assert "Dry run: 1 to create, 0 to update, 0 unchanged, 1 rejected" in out
    assert count_changes(store) == 0
    assert not path.with_name("foretag.rejected.csv").exists()
    result = run_cli("import", str(path))
    assert result.exit_code == 0  # type: ignore[attr-defined]
    assert "Imported: 1 created" in result.stdout  # type: ignore[attr-defined]
    text = path.with_name("foretag.rejected.csv").read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header == ["Företag", "Org.nr", "Län", "Rejected because"]
    assert row[:3] == ["Felnummer AB", "556036-0794", "19"]
    assert row[3].startswith("Organisation number 556036-0794 fails the check digit")


def test_map_and_save_mapping(
    run_cli: Callable[..., object], store: Store, write_xlsx: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_xlsx("k.xlsx", [["Kund", "Nummer", "Ort"], ["Nord AB", "5560360793", "Västerås"]])
    saved = tmp_path / "kunder.toml"
    result = run_cli("import", str(path), "--kind", "organisations", "--map", "Kund=name",
                     "--map", "B=orgnr", "--map", "Ort=municipality", "--save-mapping", str(saved),
                     "--dry-run")  # fmt: skip
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert "Mapping saved to" in result.stdout  # type: ignore[attr-defined]
    result = run_cli("import", str(path), "--mapping", str(saved))
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    assert "Imported: 1 created" in result.stdout  # type: ignore[attr-defined]


def test_unreadable_file_is_one_sentence_and_exit_2(
    run_cli: Callable[..., object], tmp_path: Path
) -> None:
    broken = tmp_path / "lista.xlsx"
    broken.write_bytes(b"this is not a workbook")
    for args in (
        [str(broken)],
        [str(tmp_path / "saknas.csv")],
        [str(broken), "--map", "nonsense"],
    ):
        result = run_cli("import", *args)
        assert result.exit_code == 2  # type: ignore[attr-defined]
        stderr = result.stderr  # type: ignore[attr-defined]
        assert stderr.startswith("hubtui: ") and len(stderr.strip().splitlines()) == 1
        assert "Traceback" not in stderr


def test_missing_required_column(
    run_cli: Callable[..., object], write_csv: Callable[..., Path]
) -> None:
    path = write_csv("x.csv", [["Företag", "Län"], ["A AB", "19"]])
    result = run_cli("import", str(path), "--map", "Företag=-", "--dry-run")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "No column is mapped to name or orgnr" in result.stderr  # type: ignore[attr-defined]


def test_importers_and_the_command_do_not_load_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, hubtui.importers, hubtui.cli.importer; "
        "sys.exit(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_events_from_the_command_line(
    run_cli: Callable[..., object], project: str, write_csv: Callable[..., Path]
) -> None:
    path = write_csv("seminarier.csv", [["Datum", "Aktivitet", "Titel", "Företag", "Deltagare"],
                                        ["3/4 2025", "Seminarium", "AI-dag", "Nord AB", "7"],
                                        ["3/4 2025", "Seminarium", "AI-dag", "Syd AB", "5"]],
                     delimiter="\t")  # fmt: skip
    result = run_cli("import", str(path), "--project", "kaim", "--dry-run")
    assert result.exit_code == 0, result.stderr  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert "Importing events (guessed" in out
    assert "rows 2, 3: create seminar 2025-04-03 'AI-dag' (KAIM), 2 organisations, " in out
    assert "12 participants; new organisations: Nord AB, Syd AB" in out
    result = run_cli("import", str(path), "--kind", "events")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "give --project CODE" in result.stderr  # type: ignore[attr-defined]
