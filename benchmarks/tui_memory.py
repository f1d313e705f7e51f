"""Peak memory of the TUI on a database: the app run headless, left for --seconds after the
projects were read (the dashboard counts the default project's KPIs in that time), then the
process's peak resident set size (`ru_maxrss`).

Run: python benchmarks/tui_memory.py --db 1m.db [--seconds 45]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent(
    """
    import resource, sys, time
    from pathlib import Path
    import hubtui.ui.app as ui

    class Held(ui.HubtuiApp):
        # this class has no file: the app's stylesheets by their full paths
        CSS_PATH = [str(Path(ui.__file__).parent / p) for p in ui.HubtuiApp.CSS_PATH]

        def on_store_opened(self, message):
            super().on_store_opened(message)
            self.read_at = time.perf_counter()
            self.set_timer(float(sys.argv[2]), self.exit)

        def run(self, **kwargs):
            return super().run(headless=True, size=(100, 30))

    ui.HubtuiApp = Held
    from hubtui.cli.root import cli

    cli(["--db", sys.argv[1]], standalone_mode=False)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
    """
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=45)
    args = parser.parse_args()
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(args.db), str(args.seconds)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ,
    )
    peak_kb = int(done.stdout.strip().splitlines()[-1])
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        f"{args.db}: TUI peak RSS {peak_kb / 1024:.0f} MB (child rusage {children / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
