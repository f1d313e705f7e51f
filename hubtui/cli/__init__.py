"""The command line. Every subcommand is a thin call into a service."""

from __future__ import annotations


def main() -> None:
    """Entry point of the `hubtui` console script."""
    from hubtui.cli.root import cli

    cli.main(prog_name="hubtui")
