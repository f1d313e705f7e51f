"""What every command needs: the config and the database, opened on first use."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hubtui.config import LANGUAGES, Config, load_config
from hubtui.domain.errors import UserError
from hubtui.paths import default_db_path

if TYPE_CHECKING:
    from hubtui.store import Store


@dataclass
class CliContext:
    db_option: str | None = None
    config_option: Path | None = None
    _config: Config | None = field(default=None, repr=False)
    _store: Store | None = field(default=None, repr=False)
    shown: set[str] = field(default_factory=set, repr=False)  # messages already printed

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_option)
        return self._config

    def db_target(self, default: Path | None = None) -> str:
        """--db, then HUBTUI_DB, then the config file, then `default` or the default file."""
        return (
            self.db_option
            or os.environ.get("HUBTUI_DB")
            or self.config.database
            or str(default or default_db_path())
        )

    def store(self, *, default: Path | None = None) -> Store:
        if self._store is None:
            # Imported here so `hubtui` opens the terminal app without loading the database
            # layer first (the app loads it in a worker after its first paint).
            from hubtui.store import open_store

            self._store = open_store(
                self.db_target(default),
                advisor=self.advisor,
                backups_keep=self.config.backups_keep,  # a daily backup on the first open
            )
            for note in (self._store.notice, *self._store.notes):
                if note:
                    click.echo(f"hubtui: {note}", err=True)
                    self.shown.add(note)
        return self._store

    @property
    def language(self) -> str:
        """HUBTUI_LANGUAGE, then the config file's `language` ("sv" if the file is broken)."""
        wanted = os.environ.get("HUBTUI_LANGUAGE", "")
        if wanted in LANGUAGES:
            return wanted
        try:
            return self.config.language
        except UserError:
            return "sv"

    @property
    def advisor(self) -> str:
        return os.environ.get("HUBTUI_ADVISOR") or self.config.advisor or os.environ.get("USER", "")

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


pass_ctx = click.make_pass_decorator(CliContext)
