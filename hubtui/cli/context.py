"""The commands' context (hubtui.cli.state) and the decorator that passes it to them."""

from __future__ import annotations

import click

from hubtui.cli.state import CliContext, check_db_target

__all__ = ["CliContext", "check_db_target", "pass_ctx"]

pass_ctx = click.make_pass_decorator(CliContext)
