"""`hubtui config get/set`: the settings of the app's settings screen, from the command line."""

from __future__ import annotations

import click

from hubtui.cli.context import CliContext
from hubtui.config import SETTINGS, get_value, save_config, set_value


@click.group("config")
def config() -> None:
    """Show or change the settings (the same as the app's settings screen, f2)."""


@config.command("get")
@click.argument("key", required=False, metavar="[KEY]")
@click.pass_obj
def get_command(state: CliContext, key: str | None) -> None:
    """Print one setting's value, or every setting as KEY = VALUE.

    Settings: advisor, language, theme, default_project, database, backups_keep,
    sync_folder, export_folder, compact_after_files, compact_after_superseded, peer_silent_days.
    """
    if key is not None:
        click.echo(get_value(state.config, key))
        return
    for name in SETTINGS:
        click.echo(f"{name} = {get_value(state.config, name)}")


@config.command("set")
@click.argument("key")
@click.argument("value")
@click.pass_obj
def set_command(state: CliContext, key: str, value: str) -> None:
    """Change one setting and save the config file (an empty VALUE restores the default)."""
    changed = set_value(state.config, key, value)
    path = save_config(changed)
    click.echo(f"{key} = {get_value(changed, key)}  ({path})")


@config.command("path")
@click.pass_obj
def path_command(state: CliContext) -> None:
    """Print where the config file is."""
    from hubtui.paths import config_path

    click.echo(state.config.path or config_path())
