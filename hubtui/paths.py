"""Where hubtui keeps its files. Nothing here creates a directory; callers do, when needed."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "hubtui"


def config_path() -> Path:
    override = os.environ.get("HUBTUI_CONFIG")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path(APP, appauthor=False) / "config.toml"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "hubtui.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def backups_dir(db_path: Path) -> Path:
    """Backups of a database file live in a folder beside it."""
    return db_path.parent / "backups"
