"""Terminal escapes and control characters in names, titles and notes: stored as typed,
printed inert by the command line, and left out of exported files where they break them."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

EVIL = "Ond\x1b]0;pwned\x07 AB\x1b[2J\x08\x9b31m\u202e\x00"
SHOWN = "Ond\\x1b]0;pwned\\x07 AB\\x1b[2J\\x08\\x9b31m\\u202e\\x00"
CLEAN = "Ond]0;pwned AB[2J31m"
CONTROLS = [chr(c) for c in (0x00, 0x07, 0x08, 0x1B, 0x9B, 0x202E)]


@pytest.fixture
def evil(seeded: dict[str, str], run_ok: Callable[..., str], db_path: Path) -> str:
    org_id = run_ok("org", "add", "--name", EVIL).strip()
    run_ok("log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--org", org_id,
           "--title", EVIL, "--note", f"rad ett\n{EVIL}", "--women", "3")  # fmt: skip
    conn = sqlite3.connect(db_path)
    try:  # stored exactly as typed
        assert (
            conn.execute("SELECT name FROM organisation WHERE id = ?", (org_id,)).fetchone()[0]
            == EVIL
        )
    finally:
        conn.close()
    return org_id


def test_cli_prints_names_inert(evil: str, run_ok: Callable[..., str], run_cli) -> None:  # type: ignore[no-untyped-def]
    for args in (["org", "list"], ["org", "show", evil], ["activity", "list", "--project", "KAIM"]):
        out = run_ok(*args)
        assert SHOWN in out, args
        assert not any(c in out for c in CONTROLS), args
    listed = json.loads(run_ok("org", "list", "--format", "json"))
    assert EVIL in [o["name"] for o in listed]  # JSON keeps the data, escaped
    assert not any(c in run_ok("org", "list", "--format", "json") for c in CONTROLS)
    rows = list(csv.reader(io.StringIO(run_ok("org", "list", "--format", "csv"))))
    assert [r[1] for r in rows if r[1].startswith("Ond")] == [CLEAN]
    refused = run_cli("org", "show", f"Ingen{EVIL}")
    assert refused.exit_code == 2 and "\x1b" not in refused.stderr and "\\x1b" in refused.stderr


def test_exports_leave_control_characters_out(
    evil: str, run_ok: Callable[..., str], tmp_path: Path
) -> None:
    out = tmp_path / "rapport"
    out.mkdir()
    run_ok("report", "--project", "KAIM", "--period", "2025Q2", "--format", "docx,xlsx,csv,md",
           "--out", str(out))  # fmt: skip
    written = sorted(out.iterdir())
    assert {p.suffix for p in written} >= {".docx", ".xlsx", ".csv", ".md"}
    texts: list[str] = []
    for path in written:
        if path.suffix == ".xlsx":
            book = load_workbook(path)
            texts += [str(c.value) for s in book for row in s.iter_rows() for c in row if c.value]
        elif path.suffix == ".docx":
            document = docx.Document(str(path))
            texts += [p.text for p in document.paragraphs]
            texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
        else:
            texts.append(path.read_text(encoding="utf-8-sig"))
    joined = "\n".join(texts)
    assert "Ond" in joined
    assert not any(c in joined for c in CONTROLS)
