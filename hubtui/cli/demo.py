"""`hubtui demo`: fill a database of its own with demo data and open the app on it."""

from __future__ import annotations

import shlex
import sqlite3
from pathlib import Path
from typing import Any

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.helpers import bounded
from hubtui.errors import UserError
from hubtui.i18n import _, number

BIG_RUN = 20_000  # activities from which progress is shown


@click.command()
@click.option("--no-open", is_flag=True, help="Only fill the database; do not open the app.")
@click.option(
    "--seed", type=bounded("demo_seed"), default=0, show_default=True, help="Same seed, same data."
)
@click.option(
    "--activities",
    type=bounded("demo_activities"),
    default=None,
    help="How many activities to make [default: 3000].",
)
@click.option(
    "--organisations",
    type=bounded("demo_organisations"),
    default=None,
    help="How many organisations [default: 150, or one per 50 activities if more].",
)
@click.option(
    "--reset",
    "--force",
    "force",
    is_flag=True,
    help="Build the demo again over a database that already has data (the old file is kept "
    "as a backup).",
)
@pass_ctx
def demo(
    ctx: CliContext,
    no_open: bool,
    seed: int,
    activities: int | None,
    organisations: int | None,
    force: bool,
) -> None:
    """Fill a demo database with four projects, organisations and activities.

    Uses a database of its own (not your real one) unless --db names another.
    """
    from hubtui.demo import generate_demo
    from hubtui.demo.build import build_demo_file
    from hubtui.files import private_folder
    from hubtui.paths import demo_db_path

    if not ctx.db_option:  # hubtui's own folder for its own demo file
        private_folder(demo_db_path().parent)
    # The app opened afterwards must show this database, whatever HUBTUI_DB or the config say.
    ctx.db_option = ctx.db_option or str(demo_db_path())
    target = ctx.db_target()
    path = _sqlite_path(target)
    backup: Path | None = None
    if path is not None and _has_data(path):
        if not force:
            raise UserError(
                (
                    "The database {path} already has data: open it with `{command}`, or give "
                    "--reset (or --force) to build a fresh demo there (the old file is kept as a "
                    "backup)."
                ),
                path=path,
                command=f"hubtui --db {shlex.quote(str(path))}",
            )
        backup = _move_aside(path)
    if path is None and _store_has_data(ctx):
        raise UserError(
            (
                "The database {label} already has data and --force replaces only database files; "
                "point --db at an empty database for the demo."
            ),
            label=ctx.store().label,
        )
    total = activities if activities is not None else 0
    options: dict[str, Any] = {
        "seed": seed,
        "activities": activities,
        "organisations": organisations,
        "progress": _Progress() if total >= BIG_RUN else None,
    }
    try:
        if path is not None:  # a file of its own, put in place when complete
            summary = build_demo_file(path, advisor=ctx.advisor, **options)
        else:
            summary = generate_demo(ctx.store(), **options)
    except UserError as error:
        # All or nothing: a demo cut short (a full disk) leaves no half database.
        ctx.close()
        if path is not None and backup is not None:
            raise UserError(
                "The demo could not be written and nothing of it was left behind (the old "
                "database is kept as {backup}): {problem}.",
                backup=str(backup),
                problem=error,
            ) from None
        if path is not None:
            raise UserError(
                "The demo could not be written and nothing of it was left behind: {problem}.",
                problem=error,
            ) from None
        raise
    text = _(
        "Demo data (seed {seed}): {projects} projects ({codes}), {organisations} organisations "
        "with {contacts} contacts, {activities} activities, {dma} DMA results, {investments} "
        "investments and {collaborations} collaborations, written to {target}."
    ).format(
        seed=seed,
        projects=summary["project"],
        codes=", ".join(summary.projects),
        organisations=number(summary["organisation"]),
        contacts=number(summary["contact"]),
        activities=number(summary["activity"]),
        dma=number(summary["dma_assessment"]),
        investments=number(summary["investment"]),
        collaborations=number(summary["collaboration"]),
        target=str(path) if path is not None else ctx.store().label,
    )
    if backup:
        text += " " + _("The old database was kept as {path}.").format(path=backup)
    click.echo(text)
    if not no_open:
        from hubtui.cli.root import open_tui

        ctx.close()
        open_tui(ctx)


def _sqlite_path(target: str) -> Path | None:
    """The file of a SQLite target, or None for a server database URL."""
    if "://" in target and not target.startswith("sqlite"):
        return None
    return Path(target.removeprefix("sqlite:///")).expanduser()


def _has_data(path: Path) -> bool:
    """True if the file holds any recorded change, or is some other program's database."""
    from hubtui.store.engine import read_only_connection
    from hubtui.store.store import check_sqlite_file

    if not path.exists():
        return False
    check_sqlite_file(path)  # one clear sentence for a folder, an empty or a foreign file
    try:
        conn = read_only_connection(path)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "change" not in tables:
                return bool(tables - {"alembic_version", "local_state", "sync_peer"})
            return conn.execute('SELECT 1 FROM "change" LIMIT 1').fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error as e:
        raise UserError(
            "Cannot read {path} ({reason}); run 'hubtui doctor --db {path}'.", path=path, reason=e
        ) from None


def _store_has_data(ctx: CliContext) -> bool:
    from sqlalchemy import text

    with ctx.store().read() as conn:
        return conn.execute(text('SELECT 1 FROM "change" LIMIT 1')).first() is not None


def _move_aside(path: Path) -> Path:
    """Keep the old database as a backup, then remove it so a fresh one can be made."""
    from hubtui.store.backups import backup_database

    backup = backup_database(path, reason="before-demo")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return backup


class _Progress:
    """Progress lines on stderr: each stage's start and end, and every tenth in between."""

    def __init__(self) -> None:
        self.shown: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        tenth = 10 * done // total if total else 10
        if self.shown.get(stage) == tenth:
            return
        self.shown[stage] = tenth
        text = _("{stage}: {done} of {total}")
        click.echo(text.format(stage=stage, done=number(done), total=number(total)), err=True)
