"""A disk that fills up in the middle of a demo or an import: all or nothing, one sentence."""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from safety_data import dump

from hubtui.store import open_store

LIMITED = Path(__file__).with_name("disk_limit.py")


def _run(limit: int, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "HUBTUI_CONFIG": str(home / "config.toml"),
           "HUBTUI_LANGUAGE": "en", "XDG_DATA_HOME": str(home / "data")}  # fmt: skip
    env.pop("HUBTUI_DB", None)
    return subprocess.run(
        [sys.executable, str(LIMITED), str(limit), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def _one_sentence(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("hubtui: ")]
    assert len(errors) == 1, done.stderr
    return errors[0]


def test_full_disk_mid_demo_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    done = _run(3_000_000, "--db", str(db), "demo", "--no-open", "--activities", "20000",
                home=tmp_path)  # fmt: skip
    assert "nothing of it was left behind" in _one_sentence(done)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("demo")) == []


def test_full_disk_mid_import_imports_nothing(tmp_path: Path) -> None:
    db = tmp_path / "hub.db"
    store = open_store(db)
    with store.write() as writer:
        writer.insert("organisation", {"name": "Finns AB"})
    store.close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    sheet = tmp_path / "foretag.csv"
    with sheet.open("w", encoding="utf-8", newline="") as f:
        writer_ = csv.writer(f, delimiter=";")
        writer_.writerow(["Företag", "Anteckningar"])
        writer_.writerows([f"Företag {n} AB", "x" * 300] for n in range(6000))
    before = dump(db)
    limit = db.stat().st_size + 400_000
    done = _run(limit, "--db", str(db), "import", str(sheet), "--kind", "organisations",
                home=tmp_path)  # fmt: skip
    assert "disk" in _one_sentence(done)
    assert dump(db) == before
    store = open_store(db)  # and it opens as usual afterwards
    store.close()
