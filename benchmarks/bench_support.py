"""Shared by the benchmarks: timing hubtui and its floor side by side, and the table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Figure:
    name: str
    hubtui: Callable[[], Any]
    floor: Callable[[], Any]
    goal: float  # the largest acceptable hubtui / floor ratio
    check: Callable[[Any, Any], bool] | None = None  # both gave the same answer


def measure(figure: Figure, repeat: int) -> tuple[float, float]:
    """Median wall-clock seconds of hubtui and of the floor, run alternately after one warm-up
    each, so that a busy moment on a shared machine hits both alike."""
    ours, floor = figure.hubtui(), figure.floor()
    if figure.check is not None and not figure.check(ours, floor):
        raise SystemExit(f"{figure.name}: hubtui and the floor disagree")
    ours_times, floor_times = [], []
    for _ in range(repeat):
        for call, times in ((figure.hubtui, ours_times), (figure.floor, floor_times)):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
    return statistics.median(ours_times), statistics.median(floor_times)


def print_table(figures: list[Figure], repeat: int) -> None:
    print("| figure | hubtui | floor | ratio | goal | met |")
    print("|---|---:|---:|---:|---:|---|")
    for figure in figures:
        ours, floor = measure(figure, repeat)
        ratio = ours / floor if floor else float("inf")
        met = "yes" if ratio <= figure.goal else "no"
        print(
            f"| {figure.name} | {_seconds(ours)} | {_seconds(floor)} | {ratio:.2f}× "
            f"| ≤ {figure.goal:g}× | {met} |",
            flush=True,
        )


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
