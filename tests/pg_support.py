"""The test PostgreSQL server: where it is, and what to do when it cannot be reached.

Tests that need it are skipped with the reason on a machine without a server; CI sets
HUBTUI_REQUIRE_PG=1 so that a missing server fails the run instead of silently skipping.
"""

from __future__ import annotations

import os
from functools import cache

import pytest
import sqlalchemy as sa

PG_URL = os.environ.get("HUBTUI_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@cache
def pg_unreachable() -> str:
    """Why the test PostgreSQL server cannot be used ("" when it can)."""
    engine = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as e:  # any failure means: no server to test against
        return f"no PostgreSQL server at {PG_URL} ({type(e).__name__}); set HUBTUI_TEST_PG_URL"
    finally:
        engine.dispose()
    return ""


def require_pg() -> None:
    """Skip the calling test (or fail it, under HUBTUI_REQUIRE_PG) when there is no server."""
    reason = pg_unreachable()
    if not reason:
        return
    if os.environ.get("HUBTUI_REQUIRE_PG"):
        pytest.fail(f"HUBTUI_REQUIRE_PG is set but there is {reason}")
    pytest.skip(reason)
