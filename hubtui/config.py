"""The user's settings: `config.toml`, read with tomllib, written with tomli-w.

The settings screen of the app and `hubtui config get/set` both change it through
`set_value` (one check per setting) and `save_config` (an atomic rewrite).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from hubtui.domain.bounds import BACKUPS_KEEP
from hubtui.domain.errors import Term, UserError
from hubtui.files import write_atomically
from hubtui.paths import config_path

LANGUAGES = ("sv", "en")
# The colour themes the app offers (Textual's built-in ones; checked against Textual by a test).
THEMES = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
    "catppuccin-frappe",
    "catppuccin-macchiato",
)

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
    export_folder: str = ""  # where reports and exports go; empty means the documents folder
    # Compaction after a folder sync (docs/sync.md): due beyond this many change files, or
    # this many overwritten change records a snapshot would leave out, since the last
    # snapshot every laptop has imported (0: not counted).
    compact_after_files: int = 200
    compact_after_superseded: int = 100_000
    peer_silent_days: int = 14  # a laptop holding compaction back this long is named
    keymap: Mapping[str, str] = field(default_factory=dict)
    path: Path | None = field(default=None, compare=False)

    def with_changes(self, **changes: Any) -> Config:
        return replace(self, **changes)

    @property
    def exists(self) -> bool:
        """True once the settings have been saved (false on the very first run)."""
        return self.path is not None and self.path.exists()


_TYPES: dict[str, type] = {
    "advisor": str,
    "language": str,
    "theme": str,
    "default_project": str,
    "database": str,
    "backups_keep": int,
    "sync_folder": str,
    "export_folder": str,
    "compact_after_files": int,
    "compact_after_superseded": int,
    "peer_silent_days": int,
    "keymap": dict,
}
# Settings under an earlier name, still read (and set) under it: old name -> new name.
# compact_after_records counted the records held beyond the last snapshot; the setting now
# counts those a snapshot would leave out, a number of the same kind and scale.
RENAMED = {"compact_after_records": "compact_after_superseded"}
# What `hubtui config get/set` and the settings screen change (the keymap is edited by hand).
SETTINGS = tuple(k for k in _TYPES if k != "keymap")


def load_config(path: Path | None = None) -> Config:
    """Read the config file; a missing file gives the defaults."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as e:
        raise UserError(
            "Cannot read the config file {path}: {reason}.", path=path, reason=e
        ) from None
    import tomllib  # only when there is a file: its import costs the start of the app

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise UserError(
            "The config file {path} is damaged ({reason}); fix that line or delete the file.",
            path=path,
            reason=e,
        ) from None
    try:
        return _from_mapping(raw, path)
    except UserError as e:
        raise UserError("The config file {path}: {problem}.", path=path, problem=e) from None


def _from_mapping(raw: Mapping[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key in RENAMED and RENAMED[key] in raw:
            continue  # the new name wins
        key = RENAMED.get(key, key)
        expected = _TYPES.get(key)
        if expected is None:
            raise UserError(
                "There is no setting '{key}'; use one of {known}.",
                key=key,
                known=", ".join(_TYPES),
            )
        if not isinstance(value, expected) or isinstance(value, bool):
            what = Term("a whole number") if expected is int else Term("text")
            raise UserError(
                "The setting '{key}' is {value!r}; it must be {what}.",
                key=key,
                value=value,
                what=what,
            )
        values[key] = value
    keymap = values.get("keymap", {})
    if not all(isinstance(v, str) for v in keymap.values()):
        raise UserError('A keymap entry is not a string of keys; write it as "ctrl+l".')
    config = Config(**values, path=path)
    for key in ("language", "backups_keep", *_RANGES):
        _check(key, getattr(config, key))
    return config


# The whole-number settings checked against a range: (lowest, highest).
_RANGES = {
    "compact_after_files": (0, 1_000_000),
    "compact_after_superseded": (0, 1_000_000_000),
    "peer_silent_days": (1, 3650),
}


def _check(key: str, value: Any) -> None:
    if key in _RANGES and not _RANGES[key][0] <= value <= _RANGES[key][1]:
        low, high = _RANGES[key]
        raise UserError(
            "{key} must be a whole number from {low} to {high}.", key=key, low=low, high=high
        )
    if key == "language" and value not in LANGUAGES:
        raise UserError("The language {value!r} is not offered; use sv or en.", value=value)
    if key == "backups_keep" and value < 1:
        raise UserError("backups_keep is below 1; keep at least one backup.")
    if key == "backups_keep" and value > BACKUPS_KEEP.high:
        raise UserError("backups_keep is above {high}; keep fewer.", high=BACKUPS_KEEP.high)
    if key == "theme" and value not in THEMES:
        raise UserError(
            "There is no theme '{value}'; use one of {known}.", value=value, known=", ".join(THEMES)
        )
    if key == "advisor" and len(value) > 200:
        raise UserError("The advisor's name is longer than 200 characters; shorten it.")


def set_value(config: Config, key: str, text: str) -> Config:
    """The config with `key` set from `text` (as typed on the command line), checked."""
    key = RENAMED.get(key, key)
    expected = _TYPES.get(key)
    if expected is None or key not in SETTINGS:
        raise UserError(
            "There is no setting '{key}'; use one of {known}.", key=key, known=", ".join(SETTINGS)
        )
    value: Any = text.strip()
    if not value:  # an empty value restores the default
        return config.with_changes(**{key: getattr(Config(), key)})
    if expected is int:
        if not value.isdigit() or len(value) > 9:
            raise UserError("The setting '{key}' must be a whole number such as 10.", key=key)
        value = int(value)
    if key in ("sync_folder", "export_folder") and value:
        value = str(Path(value).expanduser())
    _check(key, value)
    return config.with_changes(**{key: value})


def get_value(config: Config, key: str) -> str:
    key = RENAMED.get(key, key)
    if key not in SETTINGS:
        raise UserError(
            "There is no setting '{key}'; use one of {known}.", key=key, known=", ".join(SETTINGS)
        )
    return str(getattr(config, key))


def export_folder(config: Config) -> Path:
    """Where exports and reports are written: the configured folder, else the user's documents
    folder (as the desktop names it), else the home folder."""
    if config.export_folder:
        return Path(config.export_folder).expanduser()
    import platformdirs

    documents = platformdirs.user_documents_path()
    return documents if documents.is_dir() else Path.home()


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
    try:
        write_atomically(path, (TEMPLATE_HEADER + tomli_w.dumps(data)).encode("utf-8"))
    except OSError as e:
        raise UserError(
            "Cannot write the config file {path}: {reason}; check that the folder is writable.",
            path=path,
            reason=e.strerror or e,
        ) from None
    return path


def remember_sync_folder(config: Config, folder: Path) -> Config | None:
    """After a sync through `folder`: the config with it as the sync folder, saved, when none
    was configured or another one was; None when it was already the one (or the config was
    not read from a file)."""
    if config.path is None:
        return None
    if config.sync_folder and Path(config.sync_folder).expanduser().resolve() == folder.resolve():
        return None
    remembered = config.with_changes(sync_folder=str(folder.resolve()))
    save_config(remembered)
    return remembered
