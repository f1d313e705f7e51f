"""Copying a template database for one test.

A database records where it was last opened, so a plain copy opens as a copy of another
device (a new device id and a notice; see hubtui.store.device). A test's copy of a template
is rather a first use of that data: the copy forgets the template's place, so it opens quietly
and records its own.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path


def copy_template(template: Path, dest: Path) -> Path:
    shutil.copyfile(template, dest)
    return forget_location(dest)


def forget_location(path: Path) -> Path:
    """Make a copied database forget where its template was opened (see the module doc)."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("DELETE FROM local_state WHERE key IN ('device.host', 'device.path')")
    finally:
        conn.close()
    return path
