"""Writers killed mid-flight lose nothing they acknowledged; two writers at once both succeed.

The crash loop runs HUBTUI_CRASH_ROUNDS rounds (default 5, about ten seconds on an idle
machine); a long run by hand: HUBTUI_CRASH_ROUNDS=200 pytest tests/safety -k killed
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

from crash_support import Writer, integrity, stored_ids

from hubtui.store import open_store

ROUNDS = int(os.environ.get("HUBTUI_CRASH_ROUNDS", "5"))


def test_killed_writers_lose_nothing_they_acknowledged(
    db_path: Path, project_and_org: tuple[str, str]
) -> None:
    project, org = project_and_org
    chance = random.Random(os.environ.get("HUBTUI_CRASH_SEED"))
    acknowledged: list[str] = []
    for round_number in range(ROUNDS):
        writers = [Writer(db_path, project, org, f"w{round_number}.{n}") for n in range(2)]
        for writer in writers:
            writer.wait_for_acks(1)
        time.sleep(chance.uniform(0.0, 0.4))  # kill somewhere in the middle of the work
        for writer in writers:
            writer.kill()
            acknowledged += writer.acked
    assert integrity(db_path) == ["ok"]
    missing = set(acknowledged) - stored_ids(db_path)
    assert not missing, f"{len(missing)} acknowledged activities are gone"
    assert len(acknowledged) >= 2 * ROUNDS
    store = open_store(db_path)  # and hubtui opens it as usual
    store.close()


def test_two_processes_writing_at_once_both_succeed(
    db_path: Path, project_and_org: tuple[str, str]
) -> None:
    project, org = project_and_org
    writers = [Writer(db_path, project, org, f"parallel{n}", count=200) for n in range(2)]
    results = [writer.finish() for writer in writers]
    for code, stderr in results:
        assert code == 0, stderr
        assert "locked" not in stderr and "busy" not in stderr
    written = stored_ids(db_path)
    for writer in writers:
        assert len(writer.acked) == 200
        assert set(writer.acked) <= written
    assert len(written) == 400
    assert integrity(db_path) == ["ok"]
