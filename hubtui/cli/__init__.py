"""The command line. Every subcommand is a thin call into a service."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point of the `hubtui` console script."""
    from hubtui.cli.opening import open_app_directly

    if open_app_directly(sys.argv[1:]):  # `hubtui` alone: the app, without click
        return
    from hubtui.cli.root import cli

    cli.main(prog_name="hubtui")
