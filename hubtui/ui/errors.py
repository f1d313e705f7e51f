"""Unexpected errors in the app: written with their traceback to a log file, shown as one line."""

from __future__ import annotations

import logging
from pathlib import Path

_logger = logging.getLogger("hubtui.ui")


def log_path() -> Path:
    import platformdirs

    return platformdirs.user_log_path("hubtui", appauthor=False) / "hubtui.log"


def log_unexpected(error: BaseException) -> Path:
    """Append the error and its traceback to the log file; returns the file's path."""
    path = log_path()
    if not _logger.handlers:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
        _logger.propagate = False
    _logger.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return path


def one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
