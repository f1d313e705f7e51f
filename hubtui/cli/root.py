"""The `hubtui` command group. Subcommands load lazily so `hubtui --help` stays quick."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import click

from hubtui import __version__
from hubtui.cli.context import CliContext, check_db_target
from hubtui.cli.opening import open_tui
from hubtui.domain.text import inert
from hubtui.errors import UserError

# command name -> "module:attribute"; each module owns one command or group.
COMMANDS: dict[str, str] = {
    "project": "hubtui.cli.project:project",
    "org": "hubtui.cli.org:org",
    "contact": "hubtui.cli.contact:contact",
    "log": "hubtui.cli.log:log",
    "activity": "hubtui.cli.activity:activity",
    "testbed": "hubtui.cli.testbed:testbed",
    "dma": "hubtui.cli.dma:dma",
    "investment": "hubtui.cli.investment:investment",
    "collaboration": "hubtui.cli.collaboration:collaboration",
    "demo": "hubtui.cli.demo:demo",
    "kpi": "hubtui.cli.kpi:kpi",
    "report": "hubtui.cli.report:report",
    "note": "hubtui.cli.note:note",
    "sync": "hubtui.cli.sync:sync",
    "backup": "hubtui.cli.safety:backup",
    "restore": "hubtui.cli.safety:restore",
    "doctor": "hubtui.cli.safety:doctor",
    "import": "hubtui.cli.importer:import_command",
    "encrypt": "hubtui.cli.encryption:encrypt",
    "decrypt": "hubtui.cli.encryption:decrypt",
    "aid": "hubtui.cli.aid:aid",
    "config": "hubtui.cli.settings:config",
}


class LazyGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        # A user's mistake is one sentence on stderr and exit code 2, never a traceback.
        try:
            return super().invoke(ctx)
        except click.UsageError as e:
            # A mistyped option or value of a command: one line, not the usage block.
            text = inert(e.format_message()).rstrip(".")
            where = f"; see '{e.ctx.command_path} --help'" if e.ctx is not None else ""
            click.echo(f"hubtui: {text}{where}.", err=True)
            ctx.exit(2)
        except UserError as e:
            state = ctx.find_object(CliContext)
            if state is None or str(e) not in state.shown:  # e.g. the newer-database notice
                click.echo(f"hubtui: {inert(user_message(ctx, e))}", err=True)
            if state is not None:
                state.failed = True
                state.shown.add(str(e))
            ctx.exit(2)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as e:
            if e.name == module_name:  # not written yet
                return None
            raise
        command: click.Command = getattr(module, attribute)
        return command


def user_message(ctx: click.Context, error: UserError) -> str:
    """The error as one sentence in the user's language (config `language`, Swedish default)."""
    from hubtui.i18n import error_text, set_language

    state = ctx.find_object(CliContext)
    set_language(state.language if state is not None else CliContext().language)
    return error_text(error)


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.option(
    "--db",
    "db",
    metavar="PATH_OR_URL",
    help="Database file or SQLAlchemy URL (also HUBTUI_DB).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="HUBTUI_CONFIG",
    help="Config file to use (also HUBTUI_CONFIG).",
)
@click.version_option(__version__, prog_name="hubtui")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: Path | None) -> None:
    """hubtui: log support to companies, follow the project's goals, export the lägesrapport.

    Without a command it opens the terminal app.
    """
    if db is not None:
        check_db_target(db, "--db")
    state = CliContext(db_option=db, config_option=config_path)
    from hubtui.i18n import set_language

    set_language(state.language)  # the command line's own words, as the app's
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        open_tui(state)
