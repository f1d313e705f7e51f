"""Keep the Swedish catalogue in step with the code: `python -m hubtui.i18n.catalog`.

Collects every message id under `hubtui/`: the literals given to `_("…")`, `N_("…")`,
`Term("…")` and `Phrase("…")`, and the first argument of every `UserError` and of every class
derived from it (`InvalidValue`, `InvalidOrgnr`…, found by reading the class definitions).
New ones are added to the `.po` file (untranslated, for a translator to fill in) and vanished
ones are marked obsolete. `error_ids_not_literal` lists the errors raised with a computed
message (an f-string): those cannot be translated, so the tests refuse them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from hubtui.i18n import LANGUAGES, catalogue_path

PACKAGE_DIR = Path(__file__).parent.parent
MARKERS = frozenset({"_", "N_", "Term", "Phrase"})


def error_types(root: Path = PACKAGE_DIR) -> frozenset[str]:
    """The names of `UserError` and of every class under `root` derived from it."""
    bases: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                bases.setdefault(node.name, set()).update(names)
    found = {"UserError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return frozenset(found)
        found |= more


def _called(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _calls(root: Path) -> Iterator[tuple[Path, ast.Call, str]]:
    errors = error_types(root)
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                name = _called(node)
                if name in MARKERS or name in errors:
                    yield path, node, "error" if name in errors else name


def _where(path: Path, node: ast.Call, root: Path) -> str:
    return f"{path.relative_to(root.parent)}:{node.lineno}"


def collect_msgids(root: Path = PACKAGE_DIR) -> dict[str, str]:
    """msgid -> "file:line" of its first use."""
    found: dict[str, str] = {}
    for path, node, _name in _calls(root):
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
            found.setdefault(first.value, _where(path, node, root))
    return found


def error_msgids(root: Path = PACKAGE_DIR) -> dict[str, str]:
    """The message ids of the errors raised in the code: msgid -> "file:line"."""
    found: dict[str, str] = {}
    for path, node, name in _calls(root):
        first = node.args[0]
        if name == "error" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.setdefault(first.value, _where(path, node, root))
    return found


def error_ids_not_literal(root: Path = PACKAGE_DIR) -> list[str]:
    """Where an error is raised with a sentence built in the code (an f-string, `+`, `%`,
    `.format`, `_()` or `str()`) instead of a message id: such a sentence cannot be looked up
    in the catalogue. A name (a message id chosen from a table of `Term`s) is fine."""
    return [
        _where(path, node, root)
        for path, node, name in _calls(root)
        if name == "error" and _built(node.args[0])
    ]


def _built(arg: ast.expr) -> bool:
    if isinstance(arg, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(arg, ast.Call) and _called(arg) in {"format", "_", "str", "join"}


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
