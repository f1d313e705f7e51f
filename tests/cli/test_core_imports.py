"""The core and the command line never import the Textual UI."""

from __future__ import annotations

import subprocess
import sys


def test_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import hubtui.store, hubtui.domain, hubtui.cli, hubtui.services\n"
        "import hubtui.cli.root\n"
        "from hubtui.services import activities, contacts, organisations, projects, history\n"
        "from hubtui.cli import project, org, log, activity, dma, contact, testbed\n"
        "from hubtui.cli import investment, collaboration\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"
