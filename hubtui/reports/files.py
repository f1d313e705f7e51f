"""Writing report files safely: all-or-nothing checks first, then each file atomically
(a temporary file in the same folder, fsync, rename) with mode 0600."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hubtui.errors import UserError
from hubtui.files import write_atomically


def check_targets(paths: Sequence[Path], *, force: bool) -> None:
    """Refuse before anything is written: existing files (without force) or unusable folders."""
    for path in paths:
        if path.is_dir():
            raise UserError("{path} is a folder; give a file name or a folder to --out.", path=path)
        if path.exists() and not force:
            raise UserError("{path} already exists; use --force to overwrite it.", path=path)
        parent = path.parent
        if parent.exists() and not parent.is_dir():
            raise UserError(
                "{parent} is not a folder; choose another place with --out.", parent=parent
            )


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `path` so that a reader never sees half a file; mode 0600."""
    try:
        write_atomically(path, data)
    except OSError as e:
        raise UserError(
            (
                "Cannot write {path} ({strerror}); free some space or choose another place with "
                "--out."
            ),
            path=path,
            strerror=e.strerror,
        ) from None
    return path
