"""`hubtui` without a command: the terminal app, opened without loading click.

Importing click and building the command group took about a tenth of the time to the app's
first frame. `hubtui` and `hubtui --db PATH` need none of it; anything else (a command,
--help, --version, --config, an option it does not know, a config path click would refuse)
goes to click as before, which also says what is wrong with it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from hubtui.cli.state import CliContext, check_db_target
from hubtui.domain.errors import UserError
from hubtui.domain.text import inert


def open_tui(state: CliContext, **kwargs: Any) -> None:
    """Run the terminal app on the context's database (Textual is imported only here)."""
    from hubtui.ui.app import run_app

    run_app(
        state.db_target(),
        state.config,
        advisor=state.advisor,
        language=state.language,
        **kwargs,
    )


def app_database(args: list[str]) -> tuple[bool, str | None]:
    """Whether `hubtui ARGS` only opens the app, and the --db it names (None: the default)."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0].removeprefix("--db=")
    return False, None


def config_option() -> tuple[bool, Path | None]:
    """HUBTUI_CONFIG (the --config option's variable), and whether click would take it: a
    folder or an unreadable file it refuses, with its own message."""
    value = os.environ.get("HUBTUI_CONFIG")
    if not value:
        return True, None
    path = Path(value)
    if path.is_dir() or (path.exists() and not os.access(path, os.R_OK)):
        return False, None
    return True, path


def open_app_directly(args: list[str]) -> bool:
    """Open the app if that is all `hubtui ARGS` asks; False if click has to read them."""
    only_app, db = app_database(args)
    config_ok, config_path = config_option()
    if not (only_app and config_ok):
        return False
    state = CliContext(db_option=db, config_option=config_path)
    try:
        if db is not None:
            check_db_target(db, "--db")
        from hubtui.i18n import set_language

        set_language(state.language)  # the command line's own words, as the app's
        open_tui(state)
    except UserError as error:  # as the command group says it: one sentence, exit code 2
        print(f"hubtui: {inert(state.in_language(error))}", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:  # as click says it
        print("\nAborted!", file=sys.stderr)
        raise SystemExit(1) from None
    finally:
        state.close()
    return True
