"""A small hand-made dataset whose KPI numbers were worked out by hand (see the comments).

Project KAIM runs 2026-01-01 – 2027-12-31 (730 days); the period asked for is 2026Q3
(2026-07-01 – 2026-09-30), so the cumulative window is 2026-01-01 – 2026-09-30 and the elapsed
share at its end is 273/730 = 0.37397…, i.e. expected = round(target × 273/730, 2).

The same dataset is built on SQLite and, when reachable, on the local PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from pg_support import PG_URL, require_pg
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from hubtui.domain.goals import parse_goals
from hubtui.services import activities, collaborations, dma, investments, organisations
from hubtui.services.activity_input import ActivityInput
from hubtui.services.projects import import_goals
from hubtui.store import Store, tables

GOALS = """
[project]
code = "KAIM"
name = "Kraftsamling AI Mälardalen"
start = 2026-01-01
end = 2027-12-31
counties = ["19"]                      # describes the target region; filters nothing

[[kpi]]
id = "smf-stod"
label = "SMF som fått stöd"
metric = "companies_supported"
target = 20
where = { size = ["micro", "small", "medium"] }

[[kpi]]
id = "foretag"
metric = "companies_supported"
target = 10

[[kpi]]
id = "org-alla"
metric = "companies_supported"
target = 10
where = { kinds = ["company", "public_body"] }

[[kpi]]
id = "smf-lan"
metric = "companies_supported"
target = 10
where = { counties = ["19", "04"] }

[[kpi]]
id = "seminarier"
metric = "activities"
target = 8
where = { types = ["seminar"] }

[[kpi]]
id = "aktiviteter"
metric = "activities"
target = 40

[[kpi]]
id = "deltagare"
metric = "participants"
target = 100

[[kpi]]
id = "timmar"
metric = "hours"
target = 200

[[kpi]]
id = "kvinnor"
metric = "women_share"
target = 0.4

[[kpi]]
id = "nya"
metric = "new_companies_supported"
target = 5

[[kpi]]
id = "fou"
metric = "research_cooperation"
target = 3

[[kpi]]
id = "dma-t0"
metric = "dma_assessed"
target = 8

[[kpi]]
id = "dma-upp"
metric = "dma_improved"
target = 5

[[kpi]]
id = "inv"
metric = "investment_triggered"
target = 1000000

[[kpi]]
id = "samarbeten"
metric = "collaborations"
target = 4

[[kpi]]
id = "kvinnoledda"
metric = "women_led_companies"
target = 5

[[kpi]]
id = "bidrag"
metric = "companies_supported"
target = 5
where = { support = ["grant"] }

[[kpi]]
id = "mikro-timmar"
metric = "hours"
target = 50
where = { size = ["micro"] }

[[kpi]]
id = "tbi"
metric = "companies_supported"
target = 5
where = { categories = ["test_before_invest"] }

[[kpi]]
id = "tillverkning"
metric = "companies_supported"
target = 5
where = { manufacturing = true }
"""

OTHER_GOALS = """
[project]
code = "OTHER"
name = "Another project"
start = 2026-01-01
end = 2026-12-31

[[kpi]]
id = "foretag"
metric = "companies_supported"
target = 3
"""


@dataclass(frozen=True)
class Dataset:
    store: Store
    orgs: dict[str, str]  # letter -> organisation id
    activities: dict[str, str]  # a1 … a13 -> activity id


def build_dataset(store: Store) -> Dataset:
    import_goals(store, parse_goals(GOALS, "kaim.toml"))
    import_goals(store, parse_goals(OTHER_GOALS, "other.toml"))
    add = organisations.add_organisation
    orgs = {
        # micro, Västmanland, manufacturing, woman-led; founded long before its first support
        "A": add(
            store,
            name="Alfa AB",
            employees=5,
            county="19",
            founded="2020-01-01",
            leader_gender="woman",
            sni_codes=["25110"],
        ).id,
        # small, Sörmland, founded 2024-05-01: new (first support 2026-07-01)
        "B": add(
            store,
            name="Beta AB",
            employees=30,
            county="04",
            founded="2024-05-01",
            leader_gender="man",
        ).id,
        # large: out of every SME goal; woman-led
        "C": add(
            store,
            name="Gamma AB",
            employees=400,
            county="19",
            founded="1990-06-01",
            leader_gender="woman",
        ).id,
        # medium, Stockholm: outside where.counties; founded exactly 4 years before first support
        "D": add(
            store,
            name="Delta AB",
            employees=100,
            county="01",
            founded="2022-03-01",
            leader_gender="man",
        ).id,
        # a public body: counted only where kinds names it; no size class
        "E": add(store, name="Västerås stad", kind="public_body", county="19").id,
        # micro, its only link (to the seminar a4) is deleted
        "F": add(store, name="Epsilon AB", employees=3, county="19", founded="2023-06-01").id,
        # micro, woman-led, its only activity is deleted
        "G": add(
            store,
            name="Zeta AB",
            employees=2,
            county="04",
            founded="2025-02-01",
            leader_gender="woman",
        ).id,
        # a research organisation: partner in joint R&D, never counted as a company
        "H": add(store, name="MDU", kind="research", county="19").id,
        # small, only supported before the project started (and by the other project)
        "I": add(store, name="Eta AB", employees=20, county="19").id,
        # micro, Sörmland, woman-led, founded 2023-05-01: first support 2026-04-15 (< 3 years)
        "J": add(
            store,
            name="Theta AB",
            employees=4,
            county="04",
            founded="2023-05-01",
            leader_gender="woman",
        ).id,
    }
    o = orgs

    def log(type_: str, day: str, members: str, **kw: object) -> str:
        ids = [o[m] for m in members]
        return activities.log_activity(
            store,
            ActivityInput(project="KAIM", type=type_, date=day, organisation_ids=ids, **kw),
        ).id

    acts = {
        "a1": log("visit", "2026-02-10", "A", hours=2),  # Q1
        "a2": log("needs_analysis", "2026-05-05", "A", hours=3),  # Q2
        "a3": log("testbed_session", "2026-08-20", "AH", hours=4, joint_rd=True),  # Q3
        "a4": log(
            "seminar", "2026-07-15", "BCEF", hours=2, women=6, men=9, other=1, unstated=4
        ),  # Q3
        "a5": log("visit", "2026-03-01", "D", hours=1),  # Q1
        "a6": log("workshop", "2026-09-10", "DB", hours=3, women=3, men=2),  # Q3
        "a7": log("visit", "2026-08-01", "G", hours=5),  # deleted below
        "a8": log("seminar", "2026-04-20", "C", hours=1, women=2, men=2),  # Q2
        "a10": log("visit", "2026-10-05", "B", hours=1),  # Q4: after the period
        "a11": log("investment_support", "2026-07-01", "B", hours=2, support="grant"),
        "a12": log("needs_analysis", "2026-04-15", "J", hours=2),  # Q2
        "a13": log("visit", "2026-08-10", "J", hours=1),  # Q3
    }
    activities.delete_activity(store, acts["a7"])
    # Another project's activity with A and I counts nowhere in KAIM.
    activities.log_activity(
        store,
        ActivityInput(
            project="OTHER",
            type="visit",
            date="2026-08-01",
            organisation_ids=[o["A"], o["I"]],
            hours=7,
        ),
    )
    link, activity = tables.ACTIVITY_ORGANISATION, tables.ACTIVITY
    with store.read() as conn:
        project_id = conn.execute(
            select(activity.c.project_id).where(activity.c.id == acts["a1"])
        ).scalar_one()
        f_link = conn.execute(
            select(link.c.id).where(
                link.c.activity_id == acts["a4"], link.c.organisation_id == o["F"]
            )
        ).scalar_one()
    with store.write() as w:
        w.delete("activity_organisation", f_link)
        # a9: dated before the project started (as old imported data may be); never counted
        acts["a9"] = w.insert(
            "activity",
            {
                "project_id": project_id,
                "type": "visit",
                "date": _d("2025-12-15"),
                "hours": 1,
                "category": "ecosystem_networking",
                "women": 5,
            },
        )
        w.insert("activity_organisation", {"activity_id": acts["a9"], "organisation_id": o["I"]})

    def assess(org: str, stage: str, day: str, score: int, project: str | None) -> str:
        return dma.add_dma(
            store,
            organisation_id=o[org],
            stage=stage,
            date=day,
            scores=[score] * 6,
            project_id=project,
        ).id

    assess("A", "T0", "2026-02-10", 40, "KAIM")
    assess("A", "T1", "2026-08-25", 50, "KAIM")  # improved, in Q3
    assess("C", "T0", "2026-04-20", 60, None)  # no project; C is supported by KAIM
    assess("C", "T1", "2026-09-01", 55, None)  # T1 lower than T0
    assess("C", "T2", "2026-09-05", 90, "OTHER")  # another project's: not KAIM's
    assess("B", "T0", "2026-07-10", 30, "KAIM")  # assessed in Q3, no later result
    assess("D", "T0", "2025-12-01", 35, None)  # before the project: outside the window
    assess("G", "T0", "2026-03-01", 45, None)  # G is not supported (its activity is deleted)
    deleted_dma = assess("J", "T0", "2026-04-15", 20, "KAIM")
    investments.add_investment(
        store, project="KAIM", organisation_id=o["A"], date="2026-08-30", amount=100000
    )
    investments.add_investment(
        store, project="KAIM", organisation_id=o["B"], date="2026-05-01", amount=50000
    )
    gone = investments.add_investment(
        store, project="KAIM", organisation_id=o["A"], date="2026-09-01", amount=999
    )
    investments.add_investment(
        store, project="OTHER", organisation_id=o["A"], date="2026-08-01", amount=7777
    )
    add_c = collaborations.add_collaboration
    add_c(store, project="KAIM", partner="EDIH Nord", date="2026-02-01")
    add_c(store, project="KAIM", partner="AI Sweden", date="2026-09-15")
    gone_c = add_c(store, project="KAIM", partner="Removed", date="2026-09-20")
    add_c(store, project="KAIM", partner="RISE", date="2026-11-01")  # after the period
    with store.write() as w:
        w.delete("dma_assessment", deleted_dma)
        w.delete("investment", gone.id)
        w.delete("collaboration", gone_c.id)
    return Dataset(store, orgs, acts)


def _d(text_: str) -> dt.date:
    return dt.date.fromisoformat(text_)


def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test module, dropped afterwards (or a skip)."""
    require_pg()
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"hubtui_kpi_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
