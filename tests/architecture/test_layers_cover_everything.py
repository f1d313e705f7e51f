"""Every top-level package and module of hubtui has a place in the import-linter layers, so a
new one cannot slip past the contract (import-linter ignores modules no layer names)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import hubtui

PACKAGE = Path(hubtui.__file__).parent
PYPROJECT = PACKAGE.parent / "pyproject.toml"


def layered_names() -> set[str]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    return {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}


def test_every_top_level_module_is_in_a_layer() -> None:
    top = {
        f"hubtui.{path.stem if path.is_file() else path.name}"
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem not in ("__init__", "__main__"))
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert "hubtui.store" in top and "hubtui.ui" in top
    assert top - layered_names() == set()
