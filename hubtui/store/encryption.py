"""Optional encryption at rest with SQLCipher (the `encryption` extra: sqlcipher3-binary).

The key comes from the environment variable HUBTUI_DB_KEY or, when the encryption extra is
installed, from the OS keyring (service "hubtui", name "database-key"). Without a key,
databases are plain SQLite files. With one, every connection hubtui opens to a database file
(the engine, read-only checks, backups, restores) is a SQLCipher connection given that key
first, so backups are encrypted with the same key.
"""

from __future__ import annotations

import os
import sqlite3
from functools import cache
from types import ModuleType

from hubtui.errors import DatabaseError

KEY_ENV = "HUBTUI_DB_KEY"
KEYRING_SERVICE = "hubtui"
KEYRING_NAME = "database-key"


def database_key() -> str | None:
    """The key for database files, or None for plain ones."""
    return os.environ.get(KEY_ENV) or _keyring_key()


@cache
def _keyring_key() -> str | None:
    # Only someone who installed the encryption extra is asked about (their keyring may prompt).
    if _sqlcipher_module() is None:
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, KEYRING_NAME) or None
    except Exception:  # no keyring package, or no keyring service on this machine
        return None


@cache
def _sqlcipher_module() -> ModuleType | None:
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return None
    return dbapi2


def _database_errors() -> tuple[type[Exception], ...]:
    module = _sqlcipher_module()
    return (sqlite3.Error,) if module is None else (sqlite3.Error, module.Error)


# What a failing DB-API call on a database file raises: sqlite3's or SQLCipher's own classes.
SQLITE_ERRORS = _database_errors()


def sqlcipher() -> ModuleType:
    """The SQLCipher DB-API module; a clear error when a key is set but it is not installed."""
    module = _sqlcipher_module()
    if module is None:
        raise DatabaseError(
            (
                "{key_env} is set, but encryption support is not installed; install it with pip "
                "install 'hubtui[encryption]', or unset the key."
            ),
            key_env=KEY_ENV,
        )
    return module


def connect(target: str, *, uri: bool = False, timeout: float = 5.0) -> sqlite3.Connection:
    """A DB-API connection to a database file, keyed when a key is set."""
    key = database_key()
    if key is None:
        return sqlite3.connect(target, uri=uri, timeout=timeout)
    conn: sqlite3.Connection = sqlcipher().connect(target, uri=uri, timeout=timeout)
    conn.execute("PRAGMA cipher_log_level = NONE")  # no log lines on stderr for a wrong key
    conn.execute(f"PRAGMA key = {quote(key)}")
    return conn


def quote(text: str) -> str:
    """`text` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def wrong_key(label: str) -> DatabaseError:
    return DatabaseError(
        (
            "The database {label} cannot be opened with the key from {key_env} or the "
            "keyring: the key is wrong, or the file is not an encrypted hubtui database."
        ),
        label=label,
        key_env=KEY_ENV,
    )
