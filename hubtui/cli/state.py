"""What every command needs: the config and the database, opened on first use.

Without click (hubtui.cli.context adds click's decorator for the commands): `hubtui` alone
opens the terminal app through it without loading the command line's library.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hubtui.config import LANGUAGES, Config, load_config
from hubtui.domain.errors import UserError
from hubtui.domain.text import inert
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
    failed: bool = False  # the command ended with an error (said already)

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config(self.config_option)
        return self._config

    def db_target(self, default: Path | None = None) -> str:
        """--db, then HUBTUI_DB, then the config file, then `default` or the default file.

        A file the user named must lie in a folder that exists: hubtui creates only its own
        default folder, never one a mistyped path names."""
        for given, where in (
            (self.db_option, "--db"),
            (os.environ.get("HUBTUI_DB"), "HUBTUI_DB"),
            (self.config.database, "the config file's database"),
        ):
            if given:
                return check_db_target(given, where)
        return str(default or default_db_path())

    def store(self, *, default: Path | None = None) -> Store:
        if self._store is None:
            # Imported here so `hubtui` opens the terminal app without loading the database
            # layer first (the app loads it in a worker after its first paint); only a command
            # opens the store here, and commands run under click.
            import click

            from hubtui.store import open_store

            self._store = open_store(
                self.db_target(default),
                advisor=self.advisor,
                backups_keep=self.config.backups_keep,  # a daily backup on the first open
            )
            for note in (self._store.notice, *self._store.notes):
                if note:
                    click.echo(f"hubtui: {self.in_language(note)}", err=True)
                    self.shown.add(str(note))
        return self._store

    def in_language(self, note: UserError | str) -> str:
        if isinstance(note, str):
            return note
        from hubtui.i18n import error_text, set_language

        set_language(self.language)
        return error_text(note)

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
            import click

            from hubtui.i18n import _, error_text

            backup = self._store.daily_backup
            if backup is not None and backup.running and not self.failed:
                click.echo(_("hubtui: finishing today's backup …"), err=True)  # output is out
            self._store.close()  # waits for the day's backup
            failure = backup.failure if backup is not None else None
            if failure is not None and str(failure) not in self.shown:
                click.echo(f"hubtui: {inert(error_text(failure))}", err=True)
            self._store = None


def check_db_target(target: str, where: str) -> str:
    """`target` if it can name a database: not blank, and a file in an existing folder."""
    if not target.strip():
        raise UserError(
            "{where} is empty; give a database file or URL, or leave it out for the default.",
            field="db",
            where=where,
        )
    if "://" in target and not target.startswith("sqlite:///"):
        return target
    path = Path(target.removeprefix("sqlite:///")).expanduser()
    try:
        folder_exists = path.parent.is_dir()
    except OSError:  # a folder this user may not enter: opening the database says so
        return target
    if not folder_exists:
        raise UserError(
            "The folder {folder} given in {where} does not exist; create it first or choose "
            "a database file in an existing folder.",
            field="db",
            folder=str(path.parent),
            where=where,
        )
    return target
