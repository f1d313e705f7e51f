"""What the first frame of the TUI needs, and no more: the app shell, the way in from `hubtui`
and the home screen load neither the command line's library (click) nor the database layer
nor the report, plot and spreadsheet libraries. They come with a command, with the store
(opened after the first paint) or with the screen that uses them."""

from __future__ import annotations

import json
import subprocess
import sys

# Imported on the way to the first frame of `hubtui` (see benchmarks/startup.py).
FIRST_PAINT = (
    "hubtui.cli",
    "hubtui.cli.opening",
    "hubtui.ui.app",
    "hubtui.ui.screens.dashboard",
    "hubtui.ui.widgets.footer",
    "hubtui.ui.widgets.screen_bar",
)
# Each costs start-up time and none is needed to paint.
LATER = (
    "click",
    # Textual's header and footer are widgets per part and per key; hubtui draws its own.
    "textual.widgets._header",
    "textual.widgets._footer",
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "openpyxl",
    "docx",
    "lxml",
    "plotext",
    "textual_plotext",
    "hubtui.store",
    "hubtui.services",
    "hubtui.kpi",
    "hubtui.reports",
    "hubtui.sync",
    "hubtui.importers",
)


def loaded_after(modules: tuple[str, ...]) -> list[str]:
    """Which of LATER are in sys.modules after importing `modules` in a fresh interpreter."""
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"later = {LATER!r}\n"
        "print(json.dumps(sorted({m for m in sys.modules for p in later\n"
        "                         if m == p or m.startswith(p + '.')})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.splitlines()[-1]))


def test_the_first_frame_loads_no_database_or_report_library() -> None:
    assert loaded_after(FIRST_PAINT) == []


def test_the_command_group_loads_no_database_or_report_library() -> None:
    """`hubtui --db PATH --config FILE` opens the app through click: click, and no more."""
    loaded = loaded_after(("hubtui.cli.root", *FIRST_PAINT))
    assert "click" in loaded
    assert [m for m in loaded if m.split(".")[0] != "click"] == []


def test_the_check_sees_the_database_layer_when_it_is_loaded() -> None:
    """The same check reports SQLAlchemy once the store is imported (so it can fail)."""
    loaded = loaded_after((*FIRST_PAINT, "hubtui.store"))
    assert "sqlalchemy" in loaded
    assert "hubtui.store" in loaded
