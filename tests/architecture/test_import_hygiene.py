"""The core never loads the TUI: importing every module outside hubtui.ui leaves Textual out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import hubtui

PACKAGE = Path(hubtui.__file__).parent
UI_FREE = "textual", "textual_plotext"


def non_ui_modules() -> list[str]:
    """Every module of hubtui outside hubtui.ui (not `__main__`, which runs the program, nor
    the migration scripts, which Alembic runs)."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[1:2] == ("ui",) or "migrations" in parts or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_list_of_modules_is_complete() -> None:
    modules = non_ui_modules()
    # A control: the walk finds the layers' modules, so the test below imports something.
    for expected in ("hubtui.cli.root", "hubtui.store.store", "hubtui.domain.size", "hubtui.kpi"):
        assert expected in modules
    assert not any(m.startswith("hubtui.ui") for m in modules)


def test_no_module_outside_ui_loads_textual() -> None:
    modules = non_ui_modules()
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {UI_FREE!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_the_check_sees_textual_when_it_is_loaded() -> None:
    """The same script reports Textual when a UI module is imported (so it can fail)."""
    script = (
        "import importlib, json, sys\n"
        "importlib.import_module('hubtui.ui.app')\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {UI_FREE!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    assert "textual" in json.loads(done.stdout.splitlines()[-1])
