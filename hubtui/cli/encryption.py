"""`hubtui encrypt` and `hubtui decrypt`: convert the database file in place (SQLCipher)."""

from __future__ import annotations

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.safety import existing_database


@click.command("encrypt")
@pass_ctx
def encrypt(ctx: CliContext) -> None:
    """Encrypt the database and its backups with the key (HUBTUI_DB_KEY or the keyring)."""
    from hubtui.safety.encrypt import encrypt_database

    result = encrypt_database(existing_database(ctx, check=False))
    _said(result, "Encrypted")
    click.echo("Keep the key: without it the database cannot be opened.")


@click.command("decrypt")
@pass_ctx
def decrypt(ctx: CliContext) -> None:
    """Turn the encrypted database and its backups into plain SQLite files."""
    from hubtui.safety.encrypt import decrypt_database
    from hubtui.store.encryption import KEY_ENV

    result = decrypt_database(existing_database(ctx, check=False))
    _said(result, "Decrypted")
    click.echo(f"Unset {KEY_ENV} (and remove the key from the keyring) before opening it.")


def _said(result: object, verb: str) -> None:
    from hubtui.safety.encrypt import ConvertResult

    assert isinstance(result, ConvertResult)
    click.echo(
        f"{verb} {result.path} and {result.backups_converted} backup(s); the backup taken "
        f"first is {result.backup}."
    )
    for path in result.backups_failed:
        click.echo(f"hubtui: the backup {path} is damaged and was not converted; delete it.",
                   err=True)  # fmt: skip
