"""Helpers for the crash, concurrency and fault tests: writer processes and their checks."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

WRITER = Path(__file__).with_name("crash_writer.py")


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
