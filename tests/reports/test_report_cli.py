"""`hubtui report` and `hubtui note` end to end through the command line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import docx
import pytest
from report_fixture import Fixture

from hubtui.config import load_config, save_config


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    # Reports go to the export folder of the settings when --out is not given.
    save_config(load_config().with_changes(export_folder=str(folder)))
    return folder


def test_several_formats_default_names_in_the_export_folder(
    rapp: Fixture,
    run_cli,
    cwd: Path,  # type: ignore[no-untyped-def]
) -> None:
    result = run_cli(
        "report", "--project", "RAPP", "--period", "2026Q3", "--format", "docx,xlsx,md"
    )
    assert result.exit_code == 0, result.stderr
    names = [
        "lagesrapport-RAPP-2026Q3.docx",
        "lagesrapport-RAPP-2026Q3.xlsx",
        "lagesrapport-RAPP-2026Q3.md",
    ]
    for name in names:
        path = cwd / name
        assert f"Wrote {path}" in result.stdout
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in cwd.iterdir()) == sorted(names)  # no temporary files left


def test_existing_file_is_not_overwritten_without_force(
    rapp: Fixture,
    run_cli,
    cwd: Path,  # type: ignore[no-untyped-def]
) -> None:
    target = cwd / "lagesrapport-RAPP-2026Q3.md"
    target.write_text("my edits", encoding="utf-8")
    result = run_cli("report", "-p", "RAPP", "--period", "2026Q3", "--format", "docx,md")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--force" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "my edits"
    assert not (cwd / "lagesrapport-RAPP-2026Q3.docx").exists()  # nothing written at all
    forced = run_cli("report", "-p", "RAPP", "--period", "2026Q3", "--format", "md", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text(encoding="utf-8").startswith("# Lägesrapport")


def test_out_file_and_folder(rapp: Fixture, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "rapport.docx"
    result = run_cli(
        "report",
        "-p",
        "RAPP",
        "--period",
        "all",
        "--format",
        "docx",
        "--out",
        str(file),
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.stderr
    assert docx.Document(str(file)).paragraphs[0].text.startswith("Final report – Rapportprojektet")
    folder = tmp_path / "ut"
    result = run_cli(
        "report", "-p", "RAPP", "--period", "2026Q3", "--format", "csv,edih", "--out", str(folder)
    )
    assert result.exit_code == 0, result.stderr
    assert len(os.listdir(folder)) == 5
    refused = run_cli(
        "report",
        "-p",
        "RAPP",
        "--period",
        "2026Q3",
        "--format",
        "md,docx",
        "--out",
        str(tmp_path / "x.md"),
    )
    assert refused.exit_code == 2 and "give a folder" in refused.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "not a report format"),
        (["--period", "2031Q1"], "outside project"),
        (["--project", "NOPE"], "no project"),
        (["--csv-separator", ";;"], "single character"),
        (["--format", "md", "--out", "report.txt"], "does not end in .md"),
    ],
)
def test_mistakes_are_one_sentence_and_exit_2(
    rapp: Fixture,
    run_cli,
    cwd: Path,
    args: list[str],
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    base = {"--project": "RAPP", "--period": "2026Q3", "--format": "md"}
    for key, value in zip(args[::2], args[1::2], strict=True):
        base[key] = value
    flat = [x for pair in base.items() for x in pair]
    result = run_cli("report", *flat)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert list(cwd.iterdir()) == []


def test_note_set_show_and_flow_into_the_report(
    rapp: Fixture,
    run_cli,
    cwd: Path,  # type: ignore[no-untyped-def]
) -> None:
    notes = cwd / "avvikelser.md"
    notes.write_text("Två seminarier flyttades till oktober.\n", encoding="utf-8")
    result = run_cli(
        "note",
        "set",
        "--project",
        "RAPP",
        "--period",
        "2026Q3",
        "--section",
        "avvikelser",
        "--file",
        str(notes),
    )
    assert result.exit_code == 0, result.stderr
    shown = run_cli(
        "note", "show", "--project", "RAPP", "--period", "2026Q3", "--section", "avvikelser"
    )
    assert shown.stdout.strip() == "Två seminarier flyttades till oktober."
    every = run_cli("note", "show", "-p", "RAPP", "--period", "2026Q3")
    assert "## arbetssatt" in every.stdout and "## avvikelser" in every.stdout
    run_cli("report", "-p", "RAPP", "--period", "2026Q3", "--format", "md")
    text = (cwd / "lagesrapport-RAPP-2026Q3.md").read_text(encoding="utf-8")
    assert "Två seminarier flyttades till oktober." in text
    both = run_cli(
        "note",
        "set",
        "-p",
        "RAPP",
        "--period",
        "2026Q3",
        "-s",
        "resultat",
        "--text",
        "x",
        "--file",
        str(notes),
    )
    assert both.exit_code == 2 and "either --text or --file" in both.stderr
    missing = run_cli(
        "note", "set", "-p", "RAPP", "--period", "2026Q3", "-s", "resultat", "--file", "nope.md"
    )
    assert missing.exit_code == 2 and "no file" in missing.stderr


def test_note_from_standard_input_and_removal(rapp: Fixture, run_cli) -> None:  # type: ignore[no-untyped-def]
    args = ("note", "set", "-p", "RAPP", "--period", "2026Q3", "-s", "jamstalldhet")
    saved = run_cli(*args, "--file", "-", input="Jämn fördelning i styrgruppen.\n")
    assert saved.exit_code == 0, saved.stderr
    assert "Saved the jamstalldhet note of RAPP 2026Q3." in saved.stdout
    show = ("note", "show", "-p", "RAPP", "--period", "2026Q3", "-s", "jamstalldhet")
    assert run_cli(*show).stdout.strip() == "Jämn fördelning i styrgruppen."
    removed = run_cli(*args, "--text", "")
    assert "Removed" in removed.stdout
    assert run_cli(*show).stdout.strip() == ""
    unknown = run_cli(
        "note", "set", "-p", "RAPP", "--period", "2026Q3", "-s", "okänd", "--text", "x"
    )
    assert unknown.exit_code == 2
