"""No import cycle in hubtui/, counting every import (see import_graph for what counts)."""

from __future__ import annotations

from pathlib import Path

from import_graph import cycles, import_graph

import hubtui

PACKAGE = Path(hubtui.__file__).parent


def write_package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "pkg"


def test_hubtui_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert "hubtui.store.store" in graph["hubtui.store"]  # the graph is really read
    assert cycles(graph) == []


def test_a_cycle_through_a_function_import_is_found(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/low.py": "def f():\n    from pkg.high import g\n    return g\n",
            "pkg/high.py": "from pkg import low\n",
            "pkg/other.py": "import pkg.low\n",
        },
    )
    assert cycles(import_graph(package)) == [["pkg.high", "pkg.low"]]


def test_a_cycle_through_type_checking_and_relative_imports_is_found(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": "from .a import A\n",
            "pkg/sub/a.py": "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from ..b import B\nA = 1\n",
            "pkg/b.py": "from pkg.sub import A\nB = A\n",
        },
    )
    assert cycles(import_graph(package)) == [["pkg.b", "pkg.sub", "pkg.sub.a"]]


def test_a_tree_has_no_cycle(tmp_path: Path) -> None:
    package = write_package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "import pkg.b\nfrom pkg import c\n",
            "pkg/b.py": "from pkg.c import x\n",
            "pkg/c.py": "x = 1\n",
        },
    )
    graph = import_graph(package)
    assert graph["pkg.a"] == {"pkg.b", "pkg.c"}
    assert cycles(graph) == []
