"""Writers killed mid-flight lose nothing they acknowledged; two writers at once both succeed.

The crash loop runs HUBTUI_CRASH_ROUNDS rounds (default 5, about ten seconds on an idle
machine); a long run by hand: HUBTUI_CRASH_ROUNDS=200 pytest tests/safety -k killed
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from hubtui.store import open_store

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = int(os.environ.get("HUBTUI_CRASH_ROUNDS", "5"))


class Writer:
    """One writer process and the ids it has acknowledged (read by a thread)."""

    def __init__(self, db: Path, project: str, org: str, tag: str, count: int = 0) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), str(db), project, org, tag, str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.acked: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.endswith("\n") and len(line.strip()) == 36:  # a whole id, not a torn line
                self.acked.append(line.strip())

    def wait_for_acks(self, at_least: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acked) < at_least and self.process.poll() is None:
            assert time.monotonic() < deadline, "the writer never committed"
            time.sleep(0.01)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self._reader.join(timeout=10)

    def finish(self, timeout: float = 120) -> tuple[int, str]:
        self.process.wait(timeout=timeout)
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        return self.process.returncode, self.process.stderr.read()


@pytest.fixture
def project_and_org(db_path: Path) -> tuple[str, str]:
    store = open_store(db_path)
    with store.write() as writer:
        project = writer.insert(
            "project",
            {"code": "CRASH", "name": "Crash", "start": dt.date(2026, 1, 1),
             "end": dt.date(2026, 12, 31)},
        )  # fmt: skip
        org = writer.insert("organisation", {"name": "Exempel AB"})
    store.close()
    return project, org


def stored_ids(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM activity")}
    finally:
        conn.close()


def integrity(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        checks = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        return checks + [f"broken reference {row}" for row in broken]
    finally:
        conn.close()


def test_killed_writers_lose_nothing_they_acknowledged(
    db_path: Path, project_and_org: tuple[str, str]
) -> None:
    project, org = project_and_org
    chance = random.Random(os.environ.get("HUBTUI_CRASH_SEED"))
    acknowledged: list[str] = []
    for round_number in range(ROUNDS):
        writers = [Writer(db_path, project, org, f"w{round_number}.{n}") for n in range(2)]
        for writer in writers:
            writer.wait_for_acks(1)
        time.sleep(chance.uniform(0.0, 0.4))  # kill somewhere in the middle of the work
        for writer in writers:
            writer.kill()
            acknowledged += writer.acked
    assert integrity(db_path) == ["ok"]
    missing = set(acknowledged) - stored_ids(db_path)
    assert not missing, f"{len(missing)} acknowledged activities are gone"
    assert len(acknowledged) >= 2 * ROUNDS
    store = open_store(db_path)  # and hubtui opens it as usual
    store.close()


def test_two_processes_writing_at_once_both_succeed(
    db_path: Path, project_and_org: tuple[str, str]
) -> None:
    project, org = project_and_org
    writers = [Writer(db_path, project, org, f"parallel{n}", count=200) for n in range(2)]
    results = [writer.finish() for writer in writers]
    for code, stderr in results:
        assert code == 0, stderr
        assert "locked" not in stderr and "busy" not in stderr
    written = stored_ids(db_path)
    for writer in writers:
        assert len(writer.acked) == 200
        assert set(writer.acked) <= written
    assert len(written) == 400
    assert integrity(db_path) == ["ok"]
