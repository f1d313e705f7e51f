"""Ctrl+c during a long command (a sync): the first press asks it to stop at its next safe
point (between two files or batches, each saved whole or not at all), a second one stops it at
once (the transaction under way rolls back). Either way the command ends with one sentence and
exit code 130, what shells report for a program ended by ctrl+c (128 + SIGINT)."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import NoReturn

import click

from hubtui.i18n import _

INTERRUPTED = 130


@contextmanager
def stop_on_ctrl_c() -> Iterator[threading.Event]:
    """An event set by the first ctrl+c while the block runs; the second raises
    KeyboardInterrupt as usual. Outside the main thread (no signals there) it is never set."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def first_press(_signum: int, _frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        text = _("Stopping after the file or batch being saved… (ctrl+c again stops at once)")
        click.echo(text, err=True)

    previous = signal.signal(signal.SIGINT, first_press)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupted(ctx: click.Context, sentence: str) -> NoReturn:
    """End the command after ctrl+c: the sentence on stderr, exit code 130."""
    click.echo(f"hubtui: {sentence}", err=True)
    ctx.exit(INTERRUPTED)
