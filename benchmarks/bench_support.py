"""Shared by the benchmarks: timing hubtui and its floor side by side, and the table."""

from __future__ import annotations

import os
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


def measure(figure: Figure, repeat: int) -> tuple[float, float, float, float]:
    """Median wall-clock and CPU seconds of hubtui and of the floor (hubtui wall, floor wall,
    hubtui CPU, floor CPU), run alternately after one warm-up each, so that a busy moment on
    a shared machine hits both alike. Both run in this process (SQLite too), so the CPU
    times compare the work done whatever else the machine is doing."""
    ours, floor = figure.hubtui(), figure.floor()
    if figure.check is not None and not figure.check(ours, floor):
        raise SystemExit(f"{figure.name}: hubtui and the floor disagree")
    times: list[list[float]] = [[], [], [], []]
    for _ in range(repeat):
        for n, call in enumerate((figure.hubtui, figure.floor)):
            started, cpu = time.perf_counter(), time.process_time()
            call()
            times[n].append(time.perf_counter() - started)
            times[n + 2].append(time.process_time() - cpu)
    ours_wall, floor_wall, ours_cpu, floor_cpu = (statistics.median(t) for t in times)
    return ours_wall, floor_wall, ours_cpu, floor_cpu


def print_table(figures: list[Figure], repeat: int) -> None:
    print(f"load average {os.getloadavg()[0]:.1f} at the start")
    print("| figure | hubtui | floor | ratio | CPU hubtui | CPU floor | CPU ratio | goal | met |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for figure in figures:
        ours, floor, ours_cpu, floor_cpu = measure(figure, repeat)
        ratio = ours / floor if floor else float("inf")
        cpu_ratio = ours_cpu / floor_cpu if floor_cpu else float("inf")
        met = "yes" if cpu_ratio <= figure.goal else "no"
        print(
            f"| {figure.name} | {_seconds(ours)} | {_seconds(floor)} | {ratio:.2f}× "
            f"| {_seconds(ours_cpu)} | {_seconds(floor_cpu)} | {cpu_ratio:.2f}× "
            f"| ≤ {figure.goal:g}× | {met} |",
            flush=True,
        )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
