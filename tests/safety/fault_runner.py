"""A process for the fault tests to kill: backs a database up or restores one.

Usage: python fault_runner.py backup DB
       python fault_runner.py restore DB SOURCE
Prints "go" when it starts the work and "done" when the work has returned.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    what, db = sys.argv[1], Path(sys.argv[2])
    from hubtui.safety.restore import restore_database
    from hubtui.store.backups import backup_database

    print("go", flush=True)
    if what == "backup":
        backup_database(db, reason="manual")
    else:
        restore_database(db, Path(sys.argv[3]))
    print("done", flush=True)


if __name__ == "__main__":
    main()
