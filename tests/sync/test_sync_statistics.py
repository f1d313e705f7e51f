"""A large sync import refreshes the planner's statistics; a small one leaves them."""

from __future__ import annotations

from hubtui.store import Store
from hubtui.sync.merge import ImportResult, refresh_statistics


def _organisation_stats(store: Store) -> list[str]:
    with store.read() as conn:
        return list(
            conn.exec_driver_sql(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'organisation' ORDER BY idx"
            ).scalars()
        )


def test_statistics_follow_a_large_import_only(store: Store) -> None:
    with store.write() as w:
        for n in range(30):
            w.insert("organisation", {"name": f"Företag {n} AB"})
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sqlite_stat1")
    refresh_statistics(store, ImportResult(new=50))
    assert _organisation_stats(store) == []
    refresh_statistics(store, ImportResult(new=5_000))
    stats = _organisation_stats(store)
    assert stats and all(s.split()[0] == "30" for s in stats)
