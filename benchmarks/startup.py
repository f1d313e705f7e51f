"""Time from process start to the first painted frame: hubtui against a bare Textual app.

Each run is a fresh Python process (imports included), run headless, that notes the wall
clock when Textual reports its first frame (`events.Ready`) and, for hubtui, when the
database is open and the projects are read (the dashboard's numbers follow from there).

    python benchmarks/startup.py [--runs 7] [--db empty.db demo.db million.db] [--first-of-day]

With --first-of-day every hubtui run is the day's first open of its database (the backups
folder beside it is moved away before the run and back after it), so the daily backup is due
each time.

Without --db it makes an empty and a demo database in a temporary folder. The medians go to
stdout as a Markdown table for docs/performance.md; the runs of all cases are interleaved.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

BARE = textwrap.dedent(
    """
    import sys, time
    from textual.app import App
    from textual.widgets import Label

    class Bare(App):
        def compose(self):
            yield Label("hello")

        def on_ready(self):
            print(time.time(), time.process_time(), flush=True)
            self.exit()

    Bare().run(headless=True, size=(100, 30))
    """
)

# The same with a header and a footer with three keys: what any app shell costs.
BARE_SHELL = textwrap.dedent(
    """
    import sys, time
    from textual.app import App
    from textual.widgets import Footer, Header, Label

    class Shell(App):
        BINDINGS = [("a", "bell", "A"), ("b", "bell", "B"), ("c", "bell", "C")]

        def compose(self):
            yield Header()
            yield Label("hello")
            yield Footer()

        def on_ready(self):
            print(time.time(), time.process_time(), flush=True)
            self.exit()

    Shell().run(headless=True, size=(100, 30))
    """
)

HUBTUI = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import hubtui.ui.app as ui

    class Timed(ui.HubtuiApp):
        # this class has no file: the app's stylesheets by their full paths
        CSS_PATH = [str(Path(ui.__file__).parent / p) for p in ui.HubtuiApp.CSS_PATH]
        painted = None

        def on_ready(self):
            self.painted = time.time(), time.process_time()
            super().on_ready()

        def on_store_opened(self, message):
            super().on_store_opened(message)
            print(*self.painted, time.time(), flush=True)
            self.exit()  # a daily backup still being taken is stopped on the way out

        def run(self, **kwargs):
            return super().run(headless=True, size=(100, 30))

    ui.HubtuiApp = Timed
    from hubtui.cli import main

    sys.argv = ["hubtui", "--db", sys.argv[1]]
    main()  # what the `hubtui` command runs
    """
)


class Timing(NamedTuple):
    painted: float  # wall-clock seconds from starting the process to the first frame
    cpu: float  # CPU seconds the process had used by then (steadier on a busy machine)
    ready: float | None  # wall-clock seconds until the projects were read


def run_once(script: str, *args: str) -> Timing:
    env = {**os.environ, "HUBTUI_ADVISOR": "Benchmark"}
    # Every module from compiled bytecode, as in an installed copy: with PYTHONDONTWRITEBYTECODE
    # set, hubtui's own modules were compiled from source at every start while Textual's came
    # from the venv's .pyc files. The warm-up run writes them to a cache of its own.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.environ["STARTUP_PYCACHE"]
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    stamps = [float(v) for v in done.stdout.split()]
    ready = stamps[2] - start if len(stamps) > 2 else None
    return Timing(stamps[0] - start, stamps[1], ready)


def medians(results: list[Timing]) -> Timing:
    ready = [r.ready for r in results if r.ready is not None]
    return Timing(
        statistics.median(r.painted for r in results),
        statistics.median(r.cpu for r in results),
        statistics.median(ready) if ready else None,
    )


def make_databases(folder: Path) -> list[Path]:
    empty = folder / "empty.db"
    demo = folder / "demo.db"
    hubtui = [sys.executable, "-m", "hubtui"]
    subprocess.run(
        [*hubtui, "--db", str(empty), "project", "list"], check=True, capture_output=True
    )
    subprocess.run(
        [*hubtui, "--db", str(demo), "demo", "--no-open"], check=True, capture_output=True
    )
    return [empty, demo]


@contextlib.contextmanager
def first_of_day(db: Path | None) -> Iterator[None]:
    """No backup of `db` today during the block: its backups folder is set aside."""
    if db is None:
        yield
        return
    folder, aside = db.parent / "backups", db.parent / "backups.aside"
    if folder.exists():
        folder.rename(aside)
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # anything the run left
        if aside.exists():
            aside.rename(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", nargs="*", type=Path, help="databases to open (default: made)")
    parser.add_argument("--first-of-day", action="store_true", help="a daily backup is due")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HUBTUI_CONFIG"] = str(Path(tmp) / "config.toml")
        os.environ["STARTUP_PYCACHE"] = str(Path(tmp) / "pycache")
        databases = options.db or make_databases(Path(tmp))
        cases = [
            ("bare Textual app, one label", BARE, ()),
            ("bare Textual app, header + label + footer", BARE_SHELL, ()),
        ]
        cases += [(f"hubtui, {db.name}", HUBTUI, (str(db),)) for db in databases]
        for _name, script, args in cases:
            run_once(script, *args)  # warm the file cache, the bytecode and the catalogue
        results: dict[str, list[Timing]] = {name: [] for name, _s, _a in cases}
        for _ in range(options.runs):  # interleaved, so a busy moment hits every case alike
            for name, script, args in cases:
                with first_of_day(Path(args[0]) if args and options.first_of_day else None):
                    results[name].append(run_once(script, *args))
    rows = {name: medians(timings) for name, timings in results.items()}
    bare = rows[cases[0][0]]
    print(f"median of {options.runs} runs; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print()
    print("| what | first paint | × bare | CPU to first paint | × bare | projects loaded |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, t in rows.items():
        ready = f"{t.ready * 1000:.0f} ms" if t.ready is not None else "–"
        print(
            f"| {name} | {t.painted * 1000:.0f} ms | {t.painted / bare.painted:.2f} "
            f"| {t.cpu * 1000:.0f} ms | {t.cpu / bare.cpu:.2f} | {ready} |"
        )


if __name__ == "__main__":
    main()
