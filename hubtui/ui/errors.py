"""Unexpected errors in the app: written with their traceback to a log file, shown as one line.

The log keeps no personal data: for each exception it writes the frames (file, line, code)
and its type, and for a database error the SQL statement without its parameters; other
messages are left out, since they may quote what was typed. The file is 0600 in a 0700
folder and rotates at LOG_BYTES, keeping LOG_KEEP old files.
"""

from __future__ import annotations

import io
import logging
import traceback
from pathlib import Path
from typing import Any

from hubtui.files import open_private

LOG_BYTES = 1_000_000
LOG_KEEP = 3
LEFT_OUT = "(message left out: it may hold personal data)"
_logger = logging.getLogger("hubtui.ui")


def log_path() -> Path:
    import platformdirs

    return platformdirs.user_log_path("hubtui", appauthor=False) / "hubtui.log"


class _NoPersonalData(logging.Formatter):
    def formatException(self, ei: Any) -> str:
        return safe_traceback(ei[1])


def log_unexpected(error: BaseException) -> Path:
    """Append the error and its traceback to the log file; returns the file's path."""
    path = log_path()
    if not _logger.handlers:
        handler = _private_rotating_handler(path)
        handler.setFormatter(_NoPersonalData("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
        _logger.propagate = False
    _logger.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    return path


def _private_rotating_handler(path: Path) -> logging.Handler:
    """A rotating log whose files (the current one and each new one after rotating) are 0600
    (made on the first error: logging.handlers is not imported at start)."""
    from logging.handlers import RotatingFileHandler

    class PrivateRotatingHandler(RotatingFileHandler):
        def _open(self) -> io.TextIOWrapper:
            opened = open_private(Path(self.baseFilename), "a", encoding=self.encoding)
            assert isinstance(opened, io.TextIOWrapper)
            return opened

    return PrivateRotatingHandler(
        path, maxBytes=LOG_BYTES, backupCount=LOG_KEEP, encoding="utf-8", delay=True
    )


def safe_traceback(error: BaseException) -> str:
    """The traceback of `error` and the exceptions it came from, without their messages."""
    chain: list[tuple[BaseException, str]] = []
    current: BaseException | None = error
    note = ""
    while current is not None and len(chain) < 20:
        chain.append((current, note))
        if current.__cause__ is not None:
            current, note = current.__cause__, "The above exception was the direct cause of:"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, note = current.__context__, "During handling of the above, another:"
        else:
            current = None
    parts: list[str] = []
    for exception, follows in reversed(chain):
        frames = traceback.extract_tb(exception.__traceback__)
        text = "Traceback (most recent call last):\n" + "".join(frames.format())
        text += f"{type(exception).__module__}.{type(exception).__qualname__}: "
        text += safe_message(exception)
        parts.append(text)
        if follows:
            parts.append(f"\n{follows}\n\n")
    return "".join(parts)


def safe_message(error: BaseException) -> str:
    """What of an exception's message can be logged: a database error's statement only."""
    from sqlalchemy.exc import StatementError

    if isinstance(error, StatementError):
        reason = str(error.orig).strip().splitlines()[0] if error.orig is not None else ""
        # psycopg's DETAIL lines quote values ("Key (orgnr)=(…)"); only the first line stays
        return f"{type(error.orig).__name__}: {reason} [SQL: {error.statement}]"
    return LEFT_OUT


def one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
