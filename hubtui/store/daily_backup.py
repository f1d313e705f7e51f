"""The day's first backup, taken beside the work instead of before it.

Opening a database never waits for the daily backup: `DailyBackup` copies it (`VACUUM
INTO` on its own read-only connection, a snapshot of the moment it starts) in a background
thread, while the app paints and the command runs. A command line waits for it before the
process ends; the app lets it run and, if the user quits first, interrupts it: the partial
copy is removed and the next open takes the backup again.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from hubtui.errors import UserError
from hubtui.store.backups import backup_due, daily_backup


class DailyBackup:
    def __init__(self, db_path: Path, keep: int) -> None:
        self.db_path = db_path
        self.keep = keep
        self.path: Path | None = None  # the backup written, when done
        self.failure: UserError | None = None  # why it failed (a sentence to show)
        self.interrupted = False
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="hubtui-daily-backup")

    @classmethod
    def start_if_due(cls, db_path: Path | None, keep: int) -> DailyBackup | None:
        """Start the backup in a thread if none was taken today; None if none is due."""
        if db_path is None or keep < 1 or not backup_due(db_path):
            return None
        backup = cls(db_path, keep)
        backup._thread.start()
        return backup

    def _connected(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            self._conn = conn
        # Asked now and then while copying: a stop before the copy began stops it too.
        conn.set_progress_handler(lambda: int(self.interrupted), 1_000)

    def _run(self) -> None:
        try:
            self.path = daily_backup(self.db_path, self.keep, on_connect=self._connected)
        except UserError as e:  # DatabaseError included
            self.failure = None if self.interrupted else e
        finally:
            with self._lock:
                self._conn = None

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self) -> None:
        self._thread.join()

    def stop(self) -> None:
        """Interrupt the copy (if it is still being made) and wait for its thread."""
        with self._lock:
            self.interrupted = True
            if self._conn is not None:
                self._conn.interrupt()
        self._thread.join()
