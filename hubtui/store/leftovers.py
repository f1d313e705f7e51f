"""Copies of a database left behind by a restore or backup that was killed half-way.

A restore stages the backup as `.<database>.restoring-<pid>` beside the database, and every
copy is written as `.<name>.partial-<pid>` before it is renamed (see `backups.snapshot`). A
process killed in between leaves these files, full copies of the data (personal data
included). `clean_leftovers` removes those whose process is gone, on the next open.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hubtui.paths import backups_dir

_LEFTOVER = re.compile(
    r"^\.(?P<base>.+?)\.(?P<kind>restoring|partial)-(?P<pid>\d+)(?P<side>-wal|-shm|-journal)?$"
)


def find_leftovers(db_path: Path) -> list[Path]:
    """The leftover copies of `db_path` (and their side files) whose process has ended."""
    found: list[Path] = []
    for folder, belongs in (
        (db_path.parent, lambda base: base.lstrip(".").startswith(f"{db_path.name}")),
        (backups_dir(db_path), lambda base: base.startswith(f"{db_path.stem}-")),
    ):
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            match = _LEFTOVER.match(entry.name)
            if match and belongs(match["base"]) and not _running(int(match["pid"])):
                found.append(entry)
    return found


def clean_leftovers(db_path: Path) -> str:
    """Remove the leftovers of `db_path`; a sentence saying what was removed, or ""."""
    removed: list[Path] = []
    for path in find_leftovers(db_path):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            return (
                f"A copy of the database left by an interrupted restore or backup, {path}, "
                "could not be removed; delete it by hand, it holds personal data."
            )
        removed.append(path)
    copies = [p for p in removed if not p.name.endswith(("-wal", "-shm", "-journal"))]
    if not copies:
        return ""
    names = ", ".join(p.name for p in copies)
    return (
        f"Removed {len(copies)} {'copy' if len(copies) == 1 else 'copies'} of the database "
        "left by an interrupted restore or "
        f"backup ({names}); they held personal data."
    )


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process's own copy, still being written
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except (OverflowError, OSError):
        return False
    return True
