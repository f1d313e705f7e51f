"""Tables are typed objects from one module, and `type: ignore` stays rare and explained."""

from __future__ import annotations

import re
from pathlib import Path

import hubtui

PACKAGE = Path(hubtui.__file__).parent
IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(?P<rest>.*)$")


def sources() -> dict[Path, str]:
    return {
        path: path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
    }


def test_at_most_five_type_ignores_each_with_a_reason() -> None:
    found = []
    for path, text in sources().items():
        for number, line in enumerate(text.splitlines(), 1):
            match = IGNORE.search(line)
            if match:
                found.append((f"{path.relative_to(PACKAGE)}:{number}", match["rest"]))
    assert len(found) <= 5, [where for where, _ in found]
    for where, rest in found:
        # the reason follows the ignore on its line, or is the comment line just above it
        reason = rest.strip(" #") or _comment_above(where)
        assert reason, f"{where}: say why the type: ignore is needed"


def _comment_above(where: str) -> str:
    name, number = where.rsplit(":", 1)
    lines = (PACKAGE / name).read_text(encoding="utf-8").splitlines()
    above = lines[int(number) - 2].strip()
    return above.lstrip("#").strip() if above.startswith("#") else ""


def test_tables_come_from_the_tables_module() -> None:
    casts = [
        str(path.relative_to(PACKAGE))
        for path, text in sources().items()
        if "__table__" in text and path != PACKAGE / "store" / "tables.py"
    ]
    assert casts == []
    by_name = [
        str(path.relative_to(PACKAGE))
        for path, text in sources().items()
        if re.search(r"\btable\(\"[a-z_]+\"\)", text)
    ]
    assert by_name == []
