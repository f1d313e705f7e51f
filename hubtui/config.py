"""The user's settings: `config.toml`, read with tomllib, written with tomli-w."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from hubtui.domain.bounds import BACKUPS_KEEP
from hubtui.errors import UserError
from hubtui.files import write_atomically
from hubtui.paths import config_path

LANGUAGES = ("sv", "en")

TEMPLATE_HEADER = """\
# hubtui settings. hubtui rewrites this file when you change settings in the app,
# so comments you add here are not kept.
"""


@dataclass(frozen=True)
class Config:
    advisor: str = ""
    language: str = "sv"
    theme: str = "textual-dark"
    default_project: str = ""
    database: str = ""  # a file path or a SQLAlchemy URL; empty means the default file
    backups_keep: int = 10
    sync_folder: str = ""  # the shared folder `hubtui sync` uses when none is given
    keymap: Mapping[str, str] = field(default_factory=dict)
    path: Path | None = field(default=None, compare=False)

    def with_changes(self, **changes: Any) -> Config:
        return replace(self, **changes)


_TYPES: dict[str, type] = {
    "advisor": str,
    "language": str,
    "theme": str,
    "default_project": str,
    "database": str,
    "backups_keep": int,
    "sync_folder": str,
    "keymap": dict,
}


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(f"Cannot read the config file {path}: {e}.") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise UserError(
            f"The config file {path} is damaged ({e}); fix that line or delete the file."
        ) from None
    return _from_mapping(raw, path)


def _from_mapping(raw: Mapping[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        expected = _TYPES.get(key)
        if expected is None:
            known = ", ".join(_TYPES)
            raise UserError(f"The config file {path} has an unknown setting '{key}'; use {known}.")
        if not isinstance(value, expected) or isinstance(value, bool):
            raise UserError(
                f"The config file {path} sets '{key}' to {value!r}; it must be a "
                f"{expected.__name__}."
            )
        values[key] = value
    if values.get("language", "sv") not in LANGUAGES:
        raise UserError(
            f"The config file {path} sets language to {values['language']!r}; use sv or en."
        )
    keymap = values.get("keymap", {})
    if not all(isinstance(v, str) for v in keymap.values()):
        raise UserError(f"The config file {path} has a keymap entry that is not a string of keys.")
    if values.get("backups_keep", 1) < 1:
        raise UserError(f"The config file {path} sets backups_keep below 1; keep at least one.")
    if values.get("backups_keep", 1) > BACKUPS_KEEP.high:
        raise UserError(
            f"The config file {path} sets backups_keep above {BACKUPS_KEEP.high}; keep fewer."
        )
    return Config(**values, path=path)


def save_config(config: Config) -> Path:
    """Write the config file (creating its folder), keeping only non-default settings."""
    import tomli_w

    path = config.path or config_path()
    defaults = Config()
    data = {
        f.name: getattr(config, f.name)
        for f in fields(Config)
        if f.name != "path" and getattr(config, f.name) != getattr(defaults, f.name)
    }
    data = {k: dict(v) if isinstance(v, Mapping) else v for k, v in data.items()}
    write_atomically(path, (TEMPLATE_HEADER + tomli_w.dumps(data)).encode("utf-8"))
    return path


def config_as_dict(config: Config) -> dict[str, Any]:
    data = asdict(config)
    data.pop("path", None)
    return data
