"""Without --out, exports go to the export folder of the settings (default: the user's
documents folder) and the command says where it wrote each file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

REPORT = ("report", "--project", "KAIM", "--period", "2025Q3", "--format", "md,csv")


def test_reports_go_to_the_documents_folder_then_the_configured_one(
    run_ok: Callable[..., str],
    seeded: dict[str, str],
    isolated_home: Path,
    tmp_path: Path,
) -> None:
    documents = isolated_home / "Documents"
    documents.mkdir(parents=True)
    out = run_ok(*REPORT)
    written = sorted(documents.iterdir())
    assert [p.suffix for p in written] == [".csv", ".md"]
    for path in written:
        assert f"Wrote {path}" in out
    chosen = tmp_path / "Rapporter"
    run_ok("config", "set", "export_folder", str(chosen))
    out = run_ok(*REPORT)
    assert {p.name for p in chosen.iterdir()} == {p.name for p in written}
    assert f"Wrote {chosen / written[0].name}" in out


def test_a_contact_export_goes_there_too(
    run_ok: Callable[..., str], seeded: dict[str, str], tmp_path: Path
) -> None:
    chosen = tmp_path / "Export"
    run_ok("config", "set", "export_folder", str(chosen))
    contact = run_ok("contact", "add", "--org", "abb", "--name", "Anna Berg").strip()
    out = run_ok("contact", "export", contact)
    path = chosen / f"contact-{contact}.json"
    assert path.is_file() and f"Wrote {path}" in out
