"""A small, hand-counted project for the report tests.

Project RAPP runs 2026-01-01 – 2027-12-31 (730 days). The report period is 2026Q3
(2026-07-01 – 2026-09-30); 273 days of the project have passed at its end, an elapsed
share of 273/730 = 0.37397.

Organisations (kind, size, county, leader):
  Alfa Verkstad AB   company, 5 employees → micro,   19 Västmanland, woman   (contact anna@alfa.se)
  Beta Data AB       company, 30 → small,            19 Västmanland, man     (contact bo@beta.se)
  Gamma Gjuteri AB   company, 120 → medium,          03 Uppsala,     unknown
  Delta kommun       public body,                    19 Västmanland, unknown

Activities:
  2026-05-10 visit Alfa (2 h)                                   — Q2, before the period
  2026-07-15 visit Alfa (2 h)
  2026-08-03 needs_analysis Beta (3 h)
  2026-09-10 seminar "AI i verkstaden": Alfa, Beta, Gamma; women 2, men 10, unstated 1 (13)
  2026-09-20 workshop "Datadriven produktion": Beta, Delta; women 4, men 5 (9)
  2026-09-25 testbed_session Gamma at "Robotlabbet" (4 h)
  2026-10-05 seminar "Efter perioden": Beta; women 5, men 5 (10)  — Q4, after the period

Worked out by hand for 2026Q3 (the KPI engine must agree):
  companies (companies_supported, target 40): period {Alfa, Beta, Gamma} = 3; cumulative
      3 (Alfa's May visit is the same company); expected 40 × 0.37397 = 14.96 → behind;
      progress 3/40 = 0.075; by size micro 1, small 1, medium 1.
  seminars (activities of type seminar, target 8): period 1, cumulative 1,
      expected 8 × 0.37397 = 2.99 → behind.
  participants (participants, target 200): period 13 + 9 = 22, cumulative 22,
      expected 200 × 0.37397 = 74.79 → behind.
  women (women_share, target 0.4): women 6 of 6 + 15 + 0 known = 0.286 (unstated left out);
      expected 0.4 → behind.
Listings for 2026Q3: by type visit 1 (2 h), needs_analysis 1 (3 h), seminar 1 (13),
  workshop 1 (9), testbed_session 1 (4 h); by category ecosystem_networking 2 (5 h),
  skills_training 2 (22 participants), test_before_invest 1 (4 h).
  Attendance in the project: women 6, men 15, other 0, unstated 1, total 22 (not suppressed).
  The seminar's women 2 and unstated 1 show as "<3"; with the project totals published, the
  workshop's women (4) and unstated (0) and both events' men are hidden too ("x", "<3").
  Participants: Alfa (first support 2026-05-10), Beta (2026-08-03), Delta (2026-09-20),
  Gamma (2026-09-10). Leaders of the supported companies: woman 1, man 1, unknown 1.
  Steering group "Styrgrupp": 2 women, 4 men on 2026-02-01, then 3 and 3 on 2026-08-15
  (the latest by the period's end); "Nätverket" on 2026-10-01 is after the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hubtui.domain.goals import parse_goals
from hubtui.services.activities import log_activity
from hubtui.services.activity_input import ActivityInput
from hubtui.services.contacts import add_contact
from hubtui.services.notes import set_note
from hubtui.services.organisations import add_organisation
from hubtui.services.projects import import_goals
from hubtui.services.testbeds import add_testbed
from hubtui.store import Store

if TYPE_CHECKING:
    from hubtui.reports.model import Report

GOALS = """
[project]
code = "RAPP"
name = "Rapportprojektet"
start = 2026-01-01
end = 2027-12-31
counties = ["19"]
funders = ["Tillväxtverket", "Region Västmanland"]
owner = "Innovationsnod Västmanland"
beneficiary_orgnr = "556036-0793"
case_number = "20201234"
programme = "Regionalfonden Norra Mellansverige 2021–2027"
contact = "Anna Ansvarig, anna@nod.se"
edih = true

[[kpi]]
id = "companies"
label = "Företag som fått stöd"
label_en = "Enterprises supported"
metric = "companies_supported"
target = 40

[[kpi]]
id = "seminars"
label = "Seminarier"
metric = "activities"
target = 8
where = { types = ["seminar"] }

[[kpi]]
id = "participants"
label = "Deltagare"
metric = "participants"
target = 200

[[kpi]]
id = "women"
label = "Andel kvinnor"
metric = "women_share"
target = 0.4
"""

EMAILS = ("anna@alfa.se", "bo@beta.se")


@dataclass(frozen=True)
class Fixture:
    store: Store


def build_fixture(store: Store) -> None:
    import_goals(store, parse_goals(GOALS))
    orgs = {
        "alfa": add_organisation(
            store,
            name="Alfa Verkstad AB",
            orgnr="556036-0793",
            county="19",
            employees=5,
            leader_gender="woman",
        ).id,
        "beta": add_organisation(
            store,
            name="Beta Data AB",
            orgnr="556703-7485",
            county="19",
            employees=30,
            leader_gender="man",
        ).id,
        "gamma": add_organisation(store, name="Gamma Gjuteri AB", county="03", employees=120).id,
        "delta": add_organisation(
            store, name="Delta kommun", orgnr="212000-0142", county="19", kind="public_body"
        ).id,
    }
    add_contact(store, name="Anna Andersson", organisation_id=orgs["alfa"], email=EMAILS[0])
    add_contact(store, name="Bo Berg", organisation_id=orgs["beta"], email=EMAILS[1])
    lab = add_testbed(store, name="Robotlabbet")

    def log(day: str, kind: str, who: list[str], **extra: object) -> None:
        ids = [orgs[w] for w in who]
        log_activity(
            store,
            ActivityInput(
                project="RAPP", type=kind, date=day, organisation_ids=tuple(ids), **extra
            ),  # type: ignore[arg-type]
        )

    log("2026-05-10", "visit", ["alfa"], hours=2, title="Första besöket")
    log("2026-07-15", "visit", ["alfa"], hours=2, title="Uppföljning")
    log("2026-08-03", "needs_analysis", ["beta"], hours=3, title="Behovsanalys")
    log(
        "2026-09-10",
        "seminar",
        ["alfa", "beta", "gamma"],
        title="AI i verkstaden",
        women=2,
        men=10,
        unstated=1,
    )
    log("2026-09-20", "workshop", ["beta", "delta"], title="Datadriven produktion", women=4, men=5)
    log("2026-09-25", "testbed_session", ["gamma"], hours=4, title="Robottest", testbed_id=lab.id)
    log("2026-10-05", "seminar", ["beta"], title="Efter perioden", women=5, men=5)

    with store.read() as conn:
        project_id = conn.exec_driver_sql("SELECT id FROM project WHERE code='RAPP'").scalar()
    with store.write() as w:
        for name, day, women, men in (
            ("Styrgrupp", dt.date(2026, 2, 1), 2, 4),
            ("Styrgrupp", dt.date(2026, 8, 15), 3, 3),
            ("Nätverket", dt.date(2026, 10, 1), 7, 1),
        ):
            w.insert(
                "group_composition",
                {
                    "project_id": project_id,
                    "group_name": name,
                    "date": day,
                    "women": women,
                    "men": men,
                    "other": 0,
                },
            )
    set_note(
        store,
        project="RAPP",
        period="2026Q3",
        section="arbetssatt",
        text="Vi arbetar med besök och seminarier.",
    )
    set_note(
        store,
        project="RAPP",
        period="2026Q3",
        section="avvikelser",
        text="Seminarieplanen är försenad.",
    )


# Hand-counted indicator values for 2026Q3: (period, cumulative, expected by now, status).
EXPECTED_Q3 = {
    "companies": (3, 3, 14.96, "behind"),
    "seminars": (1, 1, 2.99, "behind"),
    "participants": (22, 22, 74.79, "behind"),
    "women": (0.286, 0.286, 0.4, "behind"),
}


def report_of(store: Store, project: str, period: str, **options: Any) -> Report:
    """The report built as the edge does it: the project and period resolved once."""
    from hubtui.kpi import resolve
    from hubtui.reports.model import build_report

    view, span = resolve(store, project, period)
    return build_report(store, view, span, **options)


def request_of(store: Store, project: str, period: str, *args: Any, **options: Any) -> Any:
    """An ExportRequest for a project code and a period text, resolved as the edge does."""
    from hubtui.kpi import resolve
    from hubtui.reports.export import ExportRequest

    view, span = resolve(store, project, period)
    return ExportRequest(view, span, *args, **options)
