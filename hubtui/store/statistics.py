"""The query planner's statistics: SQLite plans well only with `sqlite_stat1` filled.

Without statistics SQLite guesses, and at a hub's size a wrong guess visits a million rows.
Statistics are gathered by migration 0004, after bulk writes (demo data, imports, large
syncs: `analyze`), and, as SQLite recommends, by `PRAGMA optimize` when each connection
closes (it re-analyses only tables whose statistics are missing or far out of date).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from hubtui.store.encryption import SQLITE_ERRORS

# Rows sampled per index when a connection closes (`PRAGMA optimize`): closing stays quick.
# The explicit `analyze` reads every row (about 4 s at a million activities): a sample reads
# only the first rows of each index and can mislead the planner badly (a project's 250,000
# activities estimated as 400).
CLOSE_ANALYSIS_LIMIT = 1000
# The tables bulk writes grow; the others are small and seldom change much.
BULK_TABLES = ("organisation", "contact", "activity", "activity_organisation", "change")


def analyze(engine: Engine) -> None:
    """Refresh the statistics after a bulk write. Never fails the write it follows."""
    try:
        with engine.connect() as conn:
            conn.execution_options(hubtui_write=True)
            with conn.begin():
                if engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("PRAGMA analysis_limit=0")
                    for name in BULK_TABLES:
                        conn.exec_driver_sql(f"ANALYZE {name}")
                else:  # only hubtui's tables of the schema in use, not the whole server
                    conn.exec_driver_sql("ANALYZE " + ", ".join(BULK_TABLES))
    except DBAPIError:  # busy or locked: the data is written regardless
        return


def optimize_on_close(dbapi_connection: Any) -> None:
    """SQLite's advice: `PRAGMA optimize` just before a connection closes. It waits for no
    other writer: if the database is busy, the statistics are refreshed another time."""
    try:
        dbapi_connection.execute("PRAGMA busy_timeout=0")
        dbapi_connection.execute(f"PRAGMA analysis_limit={CLOSE_ANALYSIS_LIMIT}")
        dbapi_connection.execute("PRAGMA optimize")
    except SQLITE_ERRORS:
        return
