"""`hubtui backup`, `hubtui restore` and `hubtui doctor`: keeping the database safe."""

from __future__ import annotations

import os
from pathlib import Path

import click

from hubtui.cli.context import CliContext, pass_ctx
from hubtui.cli.output import emit, format_option
from hubtui.errors import UserError
from hubtui.i18n import N_, _, number
from hubtui.paths import default_db_path

# the doctor's finding severities, as shown
SEVERITIES = {"problem": N_("problem"), "warning": N_("warning")}


def database_file(ctx: CliContext) -> Path:
    """The SQLite file the command works on; a UserError for a server database."""
    target = ctx.db_target()
    if "://" in target and not target.startswith("sqlite"):
        raise UserError(
            "Backups and restores here are for a SQLite file; back a server database up with "
            "its own tools (for PostgreSQL: pg_dump)."
        )
    return Path(target.removeprefix("sqlite:///")).expanduser()


def existing_database(ctx: CliContext, *, check: bool = True) -> Path:
    """The database file, which must exist; with `check`, checked as a SQLite file (encrypt
    and decrypt look at its form themselves)."""
    from hubtui.store.store import check_sqlite_file

    path = database_file(ctx)
    if not path.exists():
        raise UserError("There is no database at {path}; check --db or HUBTUI_DB.", path=path)
    if check:
        check_sqlite_file(path)
    return path


@click.group(invoke_without_command=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the backup to this file instead of the backups folder.",
)
@click.pass_context
def backup(click_ctx: click.Context, out: Path | None) -> None:
    """Back the database up (safe while hubtui runs); 'backup list' shows the backups."""
    if click_ctx.invoked_subcommand is not None:
        return
    from hubtui.store.backups import backup_database

    ctx = click_ctx.find_object(CliContext)
    assert ctx is not None
    path = existing_database(ctx)
    keep = None if out else ctx.config.backups_keep
    made = backup_database(path, out.expanduser() if out else None, keep=keep)
    click.echo(_("Backed up {path} to {backup}").format(path=path, backup=made))


@backup.command("list")
@format_option("table", "json")
@pass_ctx
def list_command(ctx: CliContext, fmt: str) -> None:
    """List the backups in the database's backups folder, newest first."""
    from hubtui.store.backups import list_backups, reason_text

    rows = [
        {
            "taken_at": info.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
            "reason": info.reason,
            "size_kb": round(info.size / 1024),
            "path": str(info.path),
        }
        for info in list_backups(database_file(ctx))
    ]
    emit(rows, ["taken_at", "reason", "size_kb", "path"], fmt, words={"reason": reason_text})


@click.command()
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@pass_ctx
def restore(ctx: CliContext, source: Path) -> None:
    """Replace the database with the backup SOURCE (the current one is kept as a backup)."""
    from hubtui.safety.restore import restore_database

    result = restore_database(database_file(ctx), source, keep=ctx.config.backups_keep)
    text = _("Restored {backup} (schema {revision}).")
    click.echo(text.format(backup=result.restored_from, revision=result.revision))
    if result.kept_as:
        click.echo(_("The database as it was is kept in {path}").format(path=result.kept_as))
    click.echo(
        _(
            "It now syncs as a new device; run your usual 'hubtui sync' so that it sends what it "
            "holds again and gets back what it lost since the backup."
        )
    )


@click.command()
@click.option(
    "--repair",
    is_flag=True,
    help=(
        "First give rows written around hubtui (with SQL) the change record they lack, and "
        "mend damaged time stamps of change records."
    ),
)
@pass_ctx
def doctor(ctx: CliContext, repair: bool) -> None:
    """Check the database, its files, backups and settings; exit 1 if something is wrong."""
    from hubtui.safety.doctor import run_doctor

    if repair:
        from hubtui.safety.repair import record_unrecorded
        from hubtui.safety.stamps import mend_stamps

        done = record_unrecorded(ctx.store())
        listed = ", ".join(f"{entity}: {number(count)}" for entity, count in done.items())
        said = _("Recorded the rows that had no change record ({listed}).").format(listed=listed)
        click.echo(said if done else _("Every row already had its change record."))
        mended = mend_stamps(ctx.store())
        if mended:
            text = _("Set the damaged time stamp of {count} change record(s) from its clock stamp.")
            click.echo(text.format(count=number(mended)))

    try:
        target = ctx.db_target()
    except UserError:  # a broken config file is reported below; still check the database
        target = ctx.db_option or os.environ.get("HUBTUI_DB") or str(default_db_path())
    report = run_doctor(target, config_path=ctx.config_option)
    click.echo(_("Database: {target}").format(target=target))
    for line in report.passed:
        click.echo(f"  {_('ok'):<8} {line.render(_)}")
    for finding in report.findings:
        click.echo(f"  {_(SEVERITIES[finding.severity]):<8} {finding.message.render(_)}")
    problems = sum(f.severity == "problem" for f in report.findings)
    if report.healthy:
        click.echo(_("Healthy."))
    else:
        click.echo(_("Not healthy: {count} problem(s) to fix.").format(count=problems))
        raise SystemExit(1)
