"""`hubtui encrypt` and `hubtui decrypt`: convert the database file in place (SQLCipher)."""

from __future__ import annotations

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.safety import existing_database
from hubtui.i18n import _, number


@click.command("encrypt")
@pass_ctx
def encrypt(ctx: CliContext) -> None:
    """Encrypt the database and its backups with the key (HUBTUI_DB_KEY or the keyring)."""
    from hubtui.safety.encrypt import encrypt_database

    result = encrypt_database(existing_database(ctx, check=False))
    _said(result, _("Encrypted {path} and {count} backup(s); the backup taken first is {backup}."))
    click.echo(_("Keep the key: without it the database cannot be opened."))


@click.command("decrypt")
@pass_ctx
def decrypt(ctx: CliContext) -> None:
    """Turn the encrypted database and its backups into plain SQLite files."""
    from hubtui.safety.encrypt import decrypt_database
    from hubtui.store.encryption import KEY_ENV

    result = decrypt_database(existing_database(ctx, check=False))
    _said(result, _("Decrypted {path} and {count} backup(s); the backup taken first is {backup}."))
    text = _("Unset {key_env} (and remove the key from the keyring) before opening it.")
    click.echo(text.format(key_env=KEY_ENV))


def _said(result: object, text: str) -> None:
    from hubtui.safety.encrypt import ConvertResult

    assert isinstance(result, ConvertResult)
    count = result.backups_converted
    click.echo(text.format(path=result.path, count=number(count), backup=result.backup))
    damaged = _("the backup {path} is damaged and was not converted; delete it.")
    for path in result.backups_failed:
        click.echo(f"hubtui: {damaged.format(path=path)}", err=True)
