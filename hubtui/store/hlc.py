"""A hybrid logical clock: wall-clock milliseconds plus a counter, as a sortable string.

Every change gets a stamp greater than any stamp this database has issued or imported, so
per-field last-writer-wins stays causal even when laptop clocks disagree.

The stamp is `MMMMMMMMMMMMM.CCCCCC`: 13 digits of milliseconds and a 6-digit counter, so that
comparing the strings compares the stamps. The counter never overflows its digits: a tick that
would take it past 999,999 carries into the milliseconds instead (the clock runs one
millisecond ahead), so the counter is in effect unbounded and the order stays total.
"""

from __future__ import annotations

import time

_COUNTER_DIGITS = 6
MAX_COUNTER = 10**_COUNTER_DIGITS - 1


def format_hlc(millis: int, counter: int) -> str:
    return f"{millis:013d}.{counter:0{_COUNTER_DIGITS}d}"


def parse_hlc(stamp: str) -> tuple[int, int]:
    millis, _, counter = stamp.partition(".")
    return int(millis), int(counter or 0)


def now_millis() -> int:
    return time.time_ns() // 1_000_000


def tick(last: str | None, now: int | None = None) -> str:
    """The next local stamp after `last`."""
    wall = now_millis() if now is None else now
    if not last:
        return format_hlc(wall, 0)
    last_ms, last_counter = parse_hlc(last)
    if wall > last_ms:
        return format_hlc(wall, 0)
    if last_counter >= MAX_COUNTER:
        return format_hlc(last_ms + 1, 0)
    return format_hlc(last_ms, last_counter + 1)


def ticks(last: str | None, count: int, now: int | None = None) -> list[str]:
    """`count` successive local stamps after `last`: those `tick` gives when called `count`
    times with the wall clock read once (for a bulk write)."""
    wall = now_millis() if now is None else now
    millis, counter = parse_hlc(last) if last else (wall, -1)
    if wall > millis:
        millis, counter = wall, -1
    out: list[str] = []
    while len(out) < count:
        counter += 1
        if counter > MAX_COUNTER:
            millis, counter = millis + 1, 0
        # the stamps of one millisecond share its digits: format only the counters
        last_counter = min(MAX_COUNTER, counter + count - len(out) - 1)
        prefix = format_hlc(millis, 0)[:-_COUNTER_DIGITS]
        out += [f"{prefix}{n:0{_COUNTER_DIGITS}d}" for n in range(counter, last_counter + 1)]
        counter = last_counter
    return out


def observe(last: str | None, remote: str) -> str:
    """The clock after seeing a stamp from another device (keeps the greater)."""
    if not last or remote > last:
        return remote
    return last
