"""Test modules are imported by their file name (the test folders are not packages), so two
test files with one name in different folders stop the whole suite at collection."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent


def test_every_test_module_has_a_name_of_its_own() -> None:
    places: defaultdict[str, list[str]] = defaultdict(list)
    for path in TESTS.rglob("*.py"):
        if path.name.startswith("test_") and "__pycache__" not in path.parts:
            places[path.name].append(str(path.relative_to(TESTS)))
    clashes = {name: paths for name, paths in places.items() if len(paths) > 1}
    assert not clashes, f"rename one of each: {clashes}"
