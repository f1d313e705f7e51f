"""The reports package, its commands and the notes service never import Textual."""

from __future__ import annotations

import subprocess
import sys


def test_reports_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import hubtui.reports.export, hubtui.reports.edih, hubtui.services.notes\n"
        "import hubtui.reports.formats.word, hubtui.reports.formats.excel\n"
        "import hubtui.reports.formats.markdown, hubtui.reports.formats.csv_files\n"
        "import hubtui.cli.report, hubtui.cli.note\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"
