"""`generate_demo`: fill a store with reproducible demo data of the four template projects."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from hubtui.demo import followups
from hubtui.demo.activities import Chunk, ProjectActivities
from hubtui.demo.organisations import (
    FOREIGN,
    SPECIALS,
    make_contacts,
    make_organisations,
    make_testbeds,
)
from hubtui.demo.plans import PLANS
from hubtui.domain.goals import parse_goals
from hubtui.errors import UserError
from hubtui.services.projects import import_goals
from hubtui.store import Store
from hubtui.store.bulk import collector_paused
from hubtui.store.engine import BULK_CACHE_KIB
from hubtui.templates import template_text

DEFAULT_ACTIVITIES = 3_000
DEFAULT_ORGANISATIONS = 150
ACTIVITIES_PER_ORGANISATION = 50  # when only the number of activities is given
MIN_ORGANISATIONS = len(SPECIALS) + len(FOREIGN) + 20
CHUNK = 10_000  # activities per write transaction: the write lock is held a few seconds

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) as the demo is written."""


@dataclass(frozen=True)
class DemoSummary:
    projects: tuple[str, ...]
    counts: Mapping[str, int]  # rows written per table

    def __getitem__(self, entity: str) -> int:
        return self.counts.get(entity, 0)


def _sizes(activities: int | None, organisations: int | None) -> tuple[int, int]:
    total = DEFAULT_ACTIVITIES if activities is None else activities
    if organisations is None:
        organisations = max(DEFAULT_ORGANISATIONS, total // ACTIVITIES_PER_ORGANISATION)
    if total < 0:
        raise UserError(
            "The number of demo activities ({total}) is negative; give 0 or more.", total=total
        )
    if organisations < MIN_ORGANISATIONS:
        raise UserError(
            ("{organisations} demo organisations are too few; give at least {min_organisations}."),
            organisations=organisations,
            min_organisations=MIN_ORGANISATIONS,
        )
    return total, organisations


def _split(total: int, shares: list[float]) -> list[int]:
    """`total` split by `shares`, summing exactly to `total`."""
    whole = sum(shares) or 1.0
    counts = [int(total * s / whole) for s in shares]
    for i in range(total - sum(counts)):
        counts[i % len(counts)] += 1
    return counts


def generate_demo(
    store: Store,
    *,
    seed: int = 0,
    activities: int | None = None,
    organisations: int | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> DemoSummary:
    """Write demo projects, organisations, activities and follow-ups; the same seed (and
    day) gives the same data. Nothing is dated after `today` (default: the system date)."""
    with collector_paused():  # its rows are many small objects: 3–5 % of its CPU
        return _generate(store, seed, activities, organisations, progress, today)


def _generate(
    store: Store,
    seed: int,
    activities: int | None,
    organisations: int | None,
    progress: Progress | None,
    today: dt.date | None,
) -> DemoSummary:
    total, org_count = _sizes(activities, organisations)
    today = today or dt.date.today()
    report = progress or (lambda stage, done, of: None)
    counts: dict[str, int] = {}
    rng = random.Random(seed)

    projects = {}
    for plan in PLANS:
        projects[plan.code] = import_goals(store, parse_goals(template_text(plan.code), plan.code))
    counts["project"] = len(projects)

    org_rows, orgs = make_organisations(rng, org_count, today)
    contacts = make_contacts(rng, org_rows, orgs)
    testbeds, testbed_ids = make_testbeds(orgs)
    report("organisations", 0, len(org_rows))
    with store.write() as w:
        w.insert_many("organisation", org_rows, ids=[o.id for o in orgs])
        w.insert_many("contact", contacts)
        w.insert_many("testbed", testbeds, ids=list(testbed_ids.values()))
    counts |= {"organisation": len(org_rows), "contact": len(contacts), "testbed": len(testbeds)}
    report("organisations", len(org_rows), len(org_rows))

    made = [
        ProjectActivities(
            rng,
            plan,
            projects[plan.code].id,
            projects[plan.code].start,
            min(projects[plan.code].end, today),
            orgs,
            testbed_ids,
        )
        for plan in PLANS
    ]
    active = [m for m in made if m.days and m.clients]
    wanted = _split(total, [m.plan.share for m in active]) if active else []
    counts |= _write_activities(store, active, wanted, report)

    extras: dict[str, list[dict[str, Any]]] = {
        "dma_assessment": [],
        "investment": [],
        "collaboration": [],
        "report_note": [],
        "group_composition": [],
    }
    for m in made:
        extras["dma_assessment"] += followups.dma_rows(rng, m)
        extras["investment"] += followups.investment_rows(rng, m)
        extras["collaboration"] += followups.collaboration_rows(rng, m)
        extras["report_note"] += followups.note_rows(rng, m)
        extras["group_composition"] += followups.group_rows(rng, m)
    with store.write() as w:
        for entity, rows in extras.items():
            w.insert_many(entity, rows)
            counts[entity] = len(rows)
    report("follow-ups", 1, 1)
    store.analyze()  # the planner's statistics for the tables just filled
    return DemoSummary(tuple(projects), counts)


@contextmanager
def _big_cache(conn: Connection) -> Iterator[None]:
    """A large page cache for a bulk SQLite transaction: the indexes on organisation ids
    take rows in random order, and with the default 2 MB cache SQLite spills and rewrites
    the same pages to the WAL again and again. The connection's setting is restored."""
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


def _write_activities(
    store: Store, made: Iterable[ProjectActivities], wanted: list[int], report: Progress
) -> dict[str, int]:
    """Activities and their organisation links, one transaction per `CHUNK` activities."""
    total = sum(wanted)
    done = links_done = 0
    pending: list[Chunk] = []
    report("activities", 0, total)

    def flush() -> None:
        nonlocal done, links_done
        with store.write() as w, _big_cache(w.conn):
            for ids, rows, links in pending:
                w.insert_many("activity", rows, ids=ids)
                w.insert_many("activity_organisation", links)
                done += len(rows)
                links_done += len(links)
        pending.clear()
        report("activities", done, total)

    waiting = 0
    for m, count in zip(made, wanted, strict=True):
        for chunk in m.chunks(count, CHUNK):
            pending.append(chunk)
            waiting += len(chunk[0])
            if waiting >= CHUNK:
                flush()
                waiting = 0
    if pending:
        flush()
    return {"activity": done, "activity_organisation": links_done}
