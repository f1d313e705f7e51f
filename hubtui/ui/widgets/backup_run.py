"""One backup being taken from the Backups screen: how far it has come, and a way to stop it.

The copy is written under a temporary name and only renamed when complete (see
`hubtui.store.backups.snapshot`), so a stopped backup leaves nothing behind: stopping
interrupts the copying connection and the temporary file is removed.
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import suppress
from pathlib import Path

from hubtui.errors import UserError


class BackupRun:
    def __init__(self) -> None:
        self.cancel = threading.Event()
        self.source: Path | None = None
        self.target: Path | None = None
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def connected(self, conn: sqlite3.Connection) -> None:
        """Given the copying connection (in the worker), before the copy starts."""
        with self._lock:
            if self.cancel.is_set():
                raise UserError("The backup was cancelled; nothing was written.")
            self._conn = conn

    def stop(self) -> None:
        with self._lock:
            self.cancel.set()
            if self._conn is not None:
                with suppress(sqlite3.ProgrammingError):  # closed already: it has finished
                    self._conn.interrupt()

    def share_done(self) -> float:
        """About how much of the copy is written (0–1): its size against the database's."""
        from hubtui.store.backups import partial_name

        if self.source is None or self.target is None:
            return 0.0
        try:
            total = self.source.stat().st_size
            written = partial_name(self.target).stat().st_size
        except OSError:
            return 0.0
        return min(1.0, written / total) if total else 0.0
