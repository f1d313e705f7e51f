"""Keep the Swedish catalogue in step with the code: `python -m hubtui.ui.i18n_catalog`.

Collects every `_("…")` and `N_("…")` literal under `hubtui/ui/`, adds new messages to the
`.po` file (untranslated, for a translator to fill in) and marks vanished ones obsolete.
"""

from __future__ import annotations

import ast
from pathlib import Path

from hubtui.ui.i18n import LANGUAGES, catalogue_path

UI_DIR = Path(__file__).parent
MARKERS = frozenset({"_", "N_"})


def collect_msgids(root: Path = UI_DIR) -> dict[str, str]:
    """msgid -> "file:line" of its first use."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(root.parent.parent)}:{node.lineno}"
                found.setdefault(node.args[0].value, where)
    return found


def update_catalogue(language: str) -> tuple[int, int]:
    """Add new msgids and obsolete vanished ones; returns (added, obsoleted)."""
    import polib

    path = catalogue_path(language)
    catalogue = polib.pofile(str(path)) if path.exists() else polib.POFile()
    catalogue.metadata.setdefault("Content-Type", "text/plain; charset=UTF-8")
    catalogue.metadata.setdefault("Language", language)
    used = collect_msgids()
    known = {entry.msgid: entry for entry in catalogue}
    added = 0
    for msgid, where in used.items():
        entry = known.get(msgid)
        if entry is None:
            catalogue.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=[(where, "")]))
            added += 1
        else:
            entry.obsolete = False
            entry.occurrences = [(where, "")]
    obsoleted = 0
    for msgid, entry in known.items():
        if msgid not in used and not entry.obsolete:
            entry.obsolete = True
            obsoleted += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return added, obsoleted


def main() -> None:
    for language in LANGUAGES:
        if language != "en":
            added, obsoleted = update_catalogue(language)
            print(f"{language}: {added} new, {obsoleted} obsolete")


if __name__ == "__main__":
    main()
