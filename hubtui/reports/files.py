"""Writing report files safely: all-or-nothing checks first, then each file atomically
(a temporary file in the same folder, fsync, rename) with mode 0600."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from hubtui.errors import UserError

FILE_MODE = 0o600


def check_targets(paths: Sequence[Path], *, force: bool) -> None:
    """Refuse before anything is written: existing files (without force) or unusable folders."""
    for path in paths:
        if path.is_dir():
            raise UserError(f"{path} is a folder; give a file name or a folder to --out.")
        if path.exists() and not force:
            raise UserError(f"{path} already exists; use --force to overwrite it.")
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise UserError(f"{parent} is not a folder; choose another place with --out.")


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` so that a reader never sees half a file; mode 0600."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise UserError(
            f"Cannot write in {path.parent} ({e.strerror}); choose another place with --out."
        ) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UserError(
            f"Cannot write {path} ({e.strerror}); free some space or check the folder."
        ) from None
    _sync_folder(path.parent)
    return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (not possible on every platform)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
