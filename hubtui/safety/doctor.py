"""`hubtui doctor`: look at a database and its surroundings without changing anything.

Problems make the database unhealthy (exit 1); warnings are worth knowing but do not.
What it found is data (a `Phrase` or a `UserError`: message id and parameters), put into the
user's language where it is shown, as the errors are.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from hubtui.config import load_config
from hubtui.domain.errors import Phrase
from hubtui.domain.text import inert
from hubtui.errors import UserError
from hubtui.i18n import number
from hubtui.i18n.fields import column_words, entity_words
from hubtui.paths import backups_dir
from hubtui.safety.out_of_bounds import out_of_bounds, unknown_sni_codes
from hubtui.safety.stamps import damaged_stamps
from hubtui.store import encryption, migrate
from hubtui.store.backups import latest_backup
from hubtui.store.encryption import SQLITE_ERRORS
from hubtui.store.engine import read_only_connection
from hubtui.store.models import ENTITIES
from hubtui.store.store import check_sqlite_file

# SQLite 3.7.0 to 3.51.2 have the WAL-reset bug: two connections writing or checkpointing
# the same WAL database at the same moment can, very rarely, corrupt it (fixed in 3.51.3).
WAL_RESET_FIXED = (3, 51, 3)
BACKUP_MAX_AGE = dt.timedelta(days=7)


Message = Phrase | UserError  # rendered with .render(translate) where it is shown


@dataclass(frozen=True)
class Finding:
    severity: str  # "problem" or "warning"
    message: Message

    @property
    def text(self) -> str:
        """The finding in English (logs and tests)."""
        return str(self.message)


@dataclass
class DoctorReport:
    target: str
    passed: list[Phrase] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not any(f.severity == "problem" for f in self.findings)

    def problem(self, message: Message) -> None:
        self.findings.append(Finding("problem", message))

    def warning(self, message: Message) -> None:
        self.findings.append(Finding("warning", message))


def run_doctor(target: str, *, config_path: Path | None = None) -> DoctorReport:
    """Check the database at `target` (a file path or URL) and hubtui's settings."""
    report = DoctorReport(target)
    _check_config(report, config_path)
    try:
        library = encryption.sqlcipher() if encryption.database_key() else sqlite3
    except UserError as e:  # a key is set but SQLCipher is not installed
        report.problem(e)
        return report
    if library is not sqlite3:
        report.passed.append(Phrase("the database files are encrypted (SQLCipher)"))
    _check_sqlite_library(report, library.sqlite_version_info)
    if "://" in target and not target.startswith("sqlite"):
        report.warning(
            Phrase(
                "The database is a server database; its integrity and backups are the "
                "server's to check (for PostgreSQL: pg_dump and pg_amcheck)."
            )
        )
        return report
    path = Path(target.removeprefix("sqlite:///")).expanduser()
    if not path.exists():
        report.problem(
            Phrase("There is no database at {path}; check --db or HUBTUI_DB.", path=path)
        )
        return report
    if _check_file(report, path):
        _check_permissions(report, path)
        _check_backups(report, path)
    return report


def _check_config(report: DoctorReport, config_path: Path | None) -> None:
    try:
        config = load_config(config_path)
    except UserError as e:
        report.problem(e)
        return
    if config.path and config.path.exists():
        report.passed.append(Phrase("config is valid ({path})", path=config.path))
    else:
        report.passed.append(Phrase("config is valid (defaults, no file)"))


def _check_sqlite_library(report: DoctorReport, version: tuple[int, int, int]) -> None:
    text = ".".join(map(str, version))
    if tuple(version) >= WAL_RESET_FIXED:
        report.passed.append(Phrase("SQLite library {version}", version=text))
        return
    report.warning(
        Phrase(
            "The SQLite library Python uses here is {version}, older than 3.51.3: when two "
            "hubtui windows write the same database at once it can, very rarely, corrupt it "
            "(SQLite's WAL-reset bug). Update SQLite with your system's package manager, or run "
            "hubtui on a Python built with SQLite 3.51.3 or newer (python -c 'import sqlite3; "
            "print(sqlite3.sqlite_version)' tells which one a Python has).",
            version=text,
        )
    )


def _check_file(report: DoctorReport, path: Path) -> bool:
    """Integrity, references and schema; False when the file cannot be read at all."""
    try:
        check_sqlite_file(path)
        conn = read_only_connection(path)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except UserError as e:
        report.problem(e)
        return False
    except SQLITE_ERRORS as e:
        report.problem(_unreadable(path, e))
        return False
    try:
        _check_integrity(report, conn, path)
        _check_references(report, conn, path)
        revision = None
        if "alembic_version" in tables:
            found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = found[0] if found else None
        _check_revision(report, revision, bool(tables))
        if "change" in tables:
            _check_unrecorded(report, conn, tables)
            _check_bounds(report, conn, tables)
            _check_sni(report, conn, tables)
            _check_stamps(report, conn)
    except SQLITE_ERRORS as e:
        report.problem(_unreadable(path, e))
    finally:
        conn.close()
    return True


def _check_integrity(report: DoctorReport, conn: sqlite3.Connection, path: Path) -> None:
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check(10)")]
    except SQLITE_ERRORS as e:  # damage bad enough to stop the check itself
        problems = [str(e)]
    if problems == ["ok"]:
        report.passed.append(Phrase("integrity check: ok"))
    else:
        report.problem(
            Phrase(
                "The integrity check found damage ({damage}); {hint}",
                damage="; ".join(problems[:3]),
                hint=_restore_hint(path),
            )
        )


def _check_references(report: DoctorReport, conn: sqlite3.Connection, path: Path) -> None:
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        report.problem(
            Phrase(
                "{count} row(s) refer to rows that do not exist (first: {table} row {rowid} → "
                "{parent}); {hint}",
                count=len(broken),
                table=table,
                rowid=rowid,
                parent=parent,
                hint=_restore_hint(path),
            )
        )
    else:
        report.passed.append(Phrase("foreign-key check: ok"))


def _check_unrecorded(report: DoctorReport, conn: sqlite3.Connection, tables: set[str]) -> None:
    found = unrecorded_rows(conn, tables)
    if not found:
        report.passed.append(Phrase("every row has its change record"))
        return
    listed = ", ".join(f"{entity}: {count}" for entity, count in found.items())
    report.problem(
        Phrase(
            "Rows without a change record ({listed}): they were written around hubtui (with "
            "SQL or another program), so sync never sends them and they have no history; run "
            "'hubtui doctor --repair' to record them as they are now.",
            listed=listed,
        )
    )


def _check_bounds(report: DoctorReport, conn: sqlite3.Connection, tables: set[str]) -> None:
    found = out_of_bounds(conn, tables)
    if not found:
        report.passed.append(Phrase("every number within its bounds"))
        return
    listed = ", ".join(
        f"{column_words(table, column)}: {number(count)}"
        for (table, column), count in found.items()
    )
    report.problem(
        Phrase(
            "Numbers outside their bounds ({listed}), written by an older hubtui or around it; "
            "correct them in the app's forms (or with 'hubtui org edit'), or the counts and "
            "reports that add them up may fail.",
            listed=listed,
        )
    )


def _check_sni(report: DoctorReport, conn: sqlite3.Connection, tables: set[str]) -> None:
    found = unknown_sni_codes(conn, tables)
    if not found:
        report.passed.append(Phrase("every SNI code in SNI 2007"))
        return
    listed = ", ".join(f"{inert(code)} ({count})" for code, count in sorted(found.items()))
    report.warning(
        Phrase(
            "SNI codes that are not in SNI 2007 ({listed}: the number of organisations holding "
            "each), written by an older hubtui or around it; correct them in the organisation "
            "form or with 'hubtui org edit ORG --sni CODE': a change to such an organisation "
            "in the form is refused until its codes are right.",
            listed=listed,
        )
    )


def _check_stamps(report: DoctorReport, conn: sqlite3.Connection) -> None:
    found = damaged_stamps(conn)
    if not found:
        report.passed.append(Phrase("every change record's time stamp is a time"))
        return
    first = found[0]
    report.problem(
        Phrase(
            "{count} change record(s) have a damaged time stamp (first: {kind} {id}, {stamp}); "
            "sync sends neither them nor this device's changes after them: run 'hubtui doctor "
            "--repair' to set each from its clock stamp.",
            count=number(len(found)),
            kind=entity_words(first.entity),
            id=first.entity_id,
            stamp=repr(first.stored),
        )
    )


def unrecorded_rows(conn: sqlite3.Connection, tables: set[str] | None = None) -> dict[str, int]:
    """Per synced table, how many rows have no change record at all."""
    found: dict[str, int] = {}
    for entity in ENTITIES:
        if tables is not None and entity not in tables:
            continue
        count = conn.execute(
            f'SELECT count(*) FROM "{entity}" AS t WHERE NOT EXISTS '  # entity: a known table name
            "(SELECT 1 FROM change AS c WHERE c.entity = ? AND c.entity_id = t.id)",
            (entity,),
        ).fetchone()[0]
        if count:
            found[entity] = int(count)
    return found


def _check_revision(report: DoctorReport, revision: str | None, has_tables: bool) -> None:
    head = migrate.head_revision()
    if revision is None:
        report.problem(
            Phrase("The file is a database of another program, not of hubtui.")
            if has_tables
            else Phrase(
                "The database has no hubtui tables yet; open it with hubtui once to set it up."
            )
        )
    elif revision not in migrate.known_revisions():
        report.problem(
            Phrase(
                "The database was written by a newer hubtui (schema {revision}); upgrade hubtui.",
                revision=revision,
            )
        )
    elif revision != head:
        report.warning(
            Phrase(
                "The schema is {revision}; hubtui brings it to {head} (after a backup) the next "
                "time it opens the database.",
                revision=revision,
                head=head,
            )
        )
    else:
        report.passed.append(Phrase("schema revision {revision} (current)", revision=revision))


def _unreadable(path: Path, reason: Exception) -> Phrase:
    hint = _restore_hint(path)
    return Phrase("{path} cannot be read ({reason}); {hint}", path=path, reason=reason, hint=hint)


def _restore_hint(path: Path) -> Phrase:
    latest = latest_backup(path)
    if latest is None:
        return Phrase("restore a copy you keep elsewhere with 'hubtui restore PATH'.")
    return Phrase("restore the latest backup with 'hubtui restore {path}'.", path=latest.path)


def _check_permissions(report: DoctorReport, path: Path) -> None:
    if os.name != "posix":
        return
    private = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    folder = backups_dir(path)
    if folder.exists():
        private += [folder, *folder.iterdir()]
    loose = [p for p in private if p.exists() and p.stat().st_mode & 0o077]
    for item in loose:
        wanted = "0700" if item.is_dir() else "0600"
        report.problem(
            Phrase(
                "{path} can be read by other users (mode {mode}); run: chmod {wanted} '{path}'",
                path=item,
                mode=f"{stat.S_IMODE(item.stat().st_mode):04o}",
                wanted=wanted,
            )
        )
    if path.parent.stat().st_mode & 0o022:
        report.problem(
            Phrase(
                "Other users can add or replace files in {folder}; run: chmod go-w '{folder}'",
                folder=path.parent,
            )
        )
    elif not loose:
        report.passed.append(Phrase("file permissions: only you can read the database and backups"))


def _check_backups(report: DoctorReport, path: Path) -> None:
    latest = latest_backup(path)
    if latest is None:
        report.warning(Phrase("There is no backup yet; make one with 'hubtui backup'."))
        return
    age = dt.datetime.now() - latest.taken_at
    changed = dt.datetime.fromtimestamp(path.stat().st_mtime)
    wal = Path(f"{path}-wal")
    if wal.exists():
        changed = max(changed, dt.datetime.fromtimestamp(wal.stat().st_mtime))
    if age > BACKUP_MAX_AGE and changed > latest.taken_at:
        report.problem(
            Phrase(
                "The latest backup is {days} days old and the database has changed since; "
                "make one with 'hubtui backup'.",
                days=age.days,
            )
        )
    else:
        taken = f"{latest.taken_at:%Y-%m-%d %H:%M}"
        report.passed.append(
            Phrase("latest backup {taken} ({name})", taken=taken, name=latest.path.name)
        )
