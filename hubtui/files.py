"""Writing files so that a reader sees the whole file or none of it, readable only by the user.

Every file hubtui writes may hold personal data, so files are created 0600 and every folder
hubtui creates (each level it makes, not only the last) 0700, whatever the umask.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Any


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary name beside `path` (mode 0600), fsync, then rename; raises OSError.

    Callers turn the OSError into a sentence that fits what the user was doing."""
    private_folder(path.parent)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:  # mkstemp creates the file with mode 0600
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (some shared drives cannot sync a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def private_folder(folder: Path) -> None:
    """Create `folder` and any missing parent, each 0700; folders already there stay as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):
            level.mkdir(mode=0o700)
            level.chmod(0o700)  # mkdir's mode is narrowed by the umask, never widened


def open_private(path: Path, mode: str = "w", **kwargs: object) -> IO[Any]:
    """Open `path` for writing as a file only its owner can read (0600, also if it existed)."""
    private_folder(path.parent)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    try:
        os.fchmod(fd, 0o600)
        return os.fdopen(fd, mode, **kwargs)  # type: ignore[call-overload]  # mode is a str, not a literal
    except BaseException:
        os.close(fd)
        raise
