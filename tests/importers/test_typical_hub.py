"""The issue's "done when": a hub's list of ~500 companies and a year of event attendance, one
dry run and one import each, every rejection explained, and the events counted as KPIs."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hubtui.domain.orgnr import generate_orgnr
from hubtui.domain.regions import municipalities_in
from hubtui.importers import dry_run, prepare, run_import
from hubtui.kpi import compute_kpis, resolve
from hubtui.services.activity_queries import list_activities
from hubtui.store import Store

COMPANIES = 500
BAD_COMPANY_ROWS = {17: "fails the check digit", 230: "not a Swedish county",
                    444: "not a number"}  # fmt: skip
TYPES = ["Seminarium", "Workshop", "Nätverksträff", "Utbildning"]


def _companies(rng: random.Random) -> list[list[Any]]:
    places = municipalities_in("19") + municipalities_in("04")
    rows: list[list[Any]] = []
    for n in range(COMPANIES):
        orgnr = generate_orgnr(rng)
        place = rng.choice(places)
        rows.append([f"Företag {n:03d} AB", rng.choice([orgnr, orgnr.replace("-", ""),
                     f"16{orgnr}"]), place.county_code, place.name, rng.randrange(1, 300),
                     rng.choice(["25.110", "62010", None])])  # fmt: skip
    rows[17][1] = rows[17][1][:-1] + str((int(rows[17][1][-1]) + 1) % 10)
    rows[230][2] = "Norrland"
    rows[444][4] = "ett tjugotal"
    return rows


def _attendance(rng: random.Random, companies: list[list[Any]]) -> list[list[Any]]:
    good = [c for i, c in enumerate(companies) if i not in BAD_COMPANY_ROWS]
    rows: list[list[Any]] = []
    for week in range(0, 52, 2):  # an event every other week for a year
        day = dt.datetime(2025, 3, 3) + dt.timedelta(weeks=week, days=rng.randrange(5))
        kind = TYPES[week // 2 % len(TYPES)]
        title = f"{kind} vecka {day.isocalendar().week}"
        for company in rng.sample(good, rng.randrange(3, 12)):
            by_name = rng.random() < 0.3  # some lists have only the name, some only the orgnr
            rows.append([day, kind, title, company[0], None if by_name else company[1],
                         rng.randrange(3), rng.randrange(3), 0, rng.randrange(2)])  # fmt: skip
    rows[5][4] = "556036-0794"  # a typing error in one attendee's orgnr rejects that event
    rows.append([dt.datetime(2025, 11, 20), "Seminarium", "Öppet hus", "Nystartade AB",
                 "556703-7485", 1, 1, 0, 0])  # fmt: skip
    return rows


def test_a_hub_brings_its_spreadsheets(
    store: Store, project: str, write_xlsx: Callable[..., Path]
) -> None:
    rng = random.Random(2025)
    companies = _companies(rng)
    company_file = write_xlsx(
        "foretag.xlsx",
        [["Våra företag 2025", None], ["Företagsnamn", "Org.nr", "Län", "Kommun",
         "Antal anställda", "SNI"], *companies],
        merges=["A1:F1"],
    )  # fmt: skip
    plan = dry_run(store, prepare(company_file))
    assert (plan.totals.created, plan.totals.rejected) == (COMPANIES - 3, 3)
    for result in (r for r in plan.results if r.action == "reject"):
        index = result.rows[0] - 3  # data starts on sheet row 3
        assert BAD_COMPANY_ROWS[index] in result.message
    imported = run_import(store, prepare(company_file))
    assert imported.plan.totals.created == COMPANIES - 3
    assert imported.rejected_file is not None and imported.rejected_file.exists()

    attendance = _attendance(rng, companies)
    event_file = write_xlsx(
        "narvaro.xlsx",
        [["Datum", "Aktivitet", "Titel", "Företag", "Org.nr", "Deltagare", None, None, None],
         [None, None, None, None, None, "Kvinnor", "Män", "Annat", "Ej angivet"], *attendance],
        merges=["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:I1"],
    )  # fmt: skip
    prepared = prepare(event_file)
    assert prepared.mapping.kind == "events"
    plan = dry_run(store, prepared, project=project)
    bad_event = attendance[5][2]
    bad_rows = sum(1 for r in attendance if r[2] == bad_event)
    events = len({r[2] for r in attendance})
    assert (plan.totals.created, plan.totals.rejected) == (events - 1, bad_rows)
    assert plan.totals.new_organisations == 1
    result = run_import(store, prepared, project=project)
    assert result.plan.totals.created == events - 1

    good = [r for r in attendance if r[2] != bad_event]
    logged = list_activities(store)
    assert len(logged) == events - 1
    assert sum(a.participants for a in logged) == sum(r[5] + r[6] + r[8] for r in good)
    kpis = {k.id: k for k in compute_kpis(store, *resolve(store, project, "all")).kpis}
    seminars = len({r[2] for r in good if r[1] == "Seminarium"})
    assert kpis["seminarier"].cumulative_value == seminars
    assert kpis["deltagare"].cumulative_value == sum(r[5] + r[6] + r[8] for r in good)
    # Importing both files again changes nothing.
    assert (
        run_import(store, prepare(company_file))
        .plan.totals.text(done=True)
        .startswith("0 created, 0 updated")
    )
    assert run_import(store, prepared, project=project).plan.totals.created == 0
    assert len(list_activities(store)) == events - 1
