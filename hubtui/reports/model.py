"""The report as data: everything a lägesrapport shows, gathered once, rendered by the writers.

Indicator values come from the KPI engine (`hubtui.kpi.compute_kpis`) and nowhere else, so the
report always agrees with the dashboard. The listings around them (activities, events,
participants, group composition) come from `hubtui.reports.queries`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from hubtui.domain.activity_types import LeaderGender, OrgKind
from hubtui.domain.notes import KPI_PREFIX
from hubtui.domain.periods import Period
from hubtui.domain.regions import UnknownRegion, county
from hubtui.reports import queries
from hubtui.reports.attendance import GENDERS, Counts, protect_attendance
from hubtui.reports.participants import Participant, participant_lines
from hubtui.reports.privacy import Cell
from hubtui.reports.reach import Reach, reach_of
from hubtui.reports.results import Indicator, SizeLine, indicators_of
from hubtui.reports.rules import CountingRule
from hubtui.services.notes import notes_for
from hubtui.services.projects import goals_of
from hubtui.store import Store
from hubtui.store.bulk import collector_paused
from hubtui.store.views import ProjectView


@dataclass(frozen=True)
class Overview:
    code: str
    name: str
    owner: str
    description: str
    funders: tuple[str, ...]
    region: tuple[str, ...]  # county names
    project_start: dt.date
    project_end: dt.date
    period_label: str
    period_start: dt.date
    period_end: dt.date
    final: bool  # the whole project (slutrapport)
    beneficiary_orgnr: str = ""
    case_number: str = ""
    programme: str = ""
    contact: str = ""
    edih: bool = False

    @property
    def period_name(self) -> str:
        """The period as its reader knows it: 2026Q3, or a date range with a dash (it is
        typed as 2026-03-01..2026-05-31, which is no way to write it in a report)."""
        if ".." in self.period_label:
            return f"{self.period_start} – {self.period_end}"
        return self.period_label


@dataclass(frozen=True)
class CountLine:
    key: str  # an activity type or an EDIH category
    activities: int
    hours: float
    participants: int


@dataclass(frozen=True)
class GenderLine:
    """Attendance by gender of one row; cells may be suppressed ("<3") below project level."""

    key: str  # "total" (the project), an activity type, or an event's id
    women: Cell
    men: Cell
    other: Cell
    unstated: Cell
    total: int


@dataclass(frozen=True)
class EventLine:
    date: dt.date
    type: str  # the activity type
    title: str
    organisations: int
    attendance: GenderLine


@dataclass(frozen=True)
class GroupLine:
    name: str
    date: dt.date
    women: int
    men: int
    other: int


@dataclass(frozen=True)
class GenderBalance:
    attendance: GenderLine  # project level, never suppressed
    women_share: Indicator | None  # the engine's women_share KPI, if the project has one
    by_type: tuple[GenderLine, ...]  # suppressed
    leaders: tuple[tuple[str, int], ...]  # leader's gender (LeaderGender) → supported companies
    groups: tuple[GroupLine, ...]


@dataclass(frozen=True)
class ChangeLine:
    """An activity of a submitted period added, changed or deleted after submission."""

    period: str
    date: dt.date
    type: str  # the activity type
    title: str
    organisations: str
    change: str  # added, deleted or changed
    # what changed: (field, before, after) as stored ("hours", "2.0", "3.0"); the writers word
    # them in the report's language
    fields: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class EffectLine:
    period: str
    indicator: str  # its label, and its English label if the goals file gives one
    submitted: float | None
    now: float | None
    is_ratio: bool
    indicator_en: str = ""


@dataclass(frozen=True)
class Report:
    """Values only (enums, numbers, dates, texts the user wrote): a format writer names them
    in a language (`hubtui.reports.labels`), and a submission stores this as it is."""

    generated: dt.date
    overview: Overview
    notes: Mapping[str, str]
    by_type: tuple[CountLine, ...]
    by_category: tuple[CountLine, ...]
    events: tuple[EventLine, ...]
    indicators: tuple[Indicator, ...]
    size_breakdown: tuple[SizeLine, ...]
    size_kpi_label: str  # the KPI the size split is of
    gender: GenderBalance
    behind: tuple[Indicator, ...]
    participants: tuple[Participant, ...]
    with_contacts: bool
    kpi_notes: Mapping[str, str] = field(default_factory=dict)  # indicator id → comment
    rules: tuple[CountingRule, ...] = ()  # what each indicator counts
    reach: Reach = field(default_factory=lambda: Reach((), (), ()))
    draft: bool = True  # a final report (--final) has every text section written
    submitted: dt.date | None = None  # a frozen submission, as it was sent on that day
    changes: tuple[ChangeLine, ...] = ()  # to the last submitted period, after submission
    effects: tuple[EffectLine, ...] = ()  # and what they did to its indicators
    size_kpi_label_en: str = ""

    @property
    def preliminary(self) -> bool:
        """The period has not ended when the report is taken out."""
        return self.overview.period_end >= self.generated


def _county_name(code: str | None) -> str:
    if not code:
        return ""
    try:
        return county(code).name
    except UnknownRegion:
        return code


def _counts(key: str, c: queries.GenderCount | queries.EventRow) -> Counts:
    return Counts(key, c.women, c.men, c.other, c.unstated)


def _gender_line(key: str, counts: Counts, cells: dict[str, Cell] | None) -> GenderLine:
    """A row of attendance by gender: `cells` as published (None: the project level, in full)."""
    shown: dict[str, Cell] = cells if cells is not None else {g: counts.of(g) for g in GENDERS}
    women, men, other, unstated = (shown[g] for g in GENDERS)
    return GenderLine(key, women, men, other, unstated, sum(counts.values))


def build_report(
    store: Store,
    project: ProjectView,
    span: Period,
    *,
    with_contacts: bool = False,
    today: dt.date | None = None,
    draft: bool = True,
) -> Report:
    """Gather the report of a project and a period the edge resolved (`hubtui.kpi.resolve`;
    "all" gives the final report). Nothing here looks the project up again."""
    # Tens of thousands of rows, cells and arcs live until the report is done: the cyclic
    # collector would walk them all again and again while they are made.
    with collector_paused():
        return _gather(store, project, span, with_contacts, today or dt.date.today(), draft)


def _gather(
    store: Store,
    project: ProjectView,
    span: Period,
    with_contacts: bool,
    today: dt.date,
    draft: bool,
) -> Report:
    goals = goals_of(store, project.id)
    results = indicators_of(store, project, span, goals)
    with store.read() as conn:
        args = (conn, project.id, span.start, span.end)
        summary = queries.activity_summary(*args)
        events = queries.group_events(*args)
        members = queries.participants(*args, with_types=True)
        groups = queries.group_composition(conn, project.id, span.end)
        emails = (
            queries.contact_emails(conn, [m.organisation_id for m in members])
            if with_contacts
            else {}
        )
    overview = Overview(
        code=project.code,
        name=project.name,
        owner=project.owner,
        description=project.description,
        funders=project.funders,
        region=tuple(_county_name(c) for c in project.counties),
        project_start=project.start,
        project_end=project.end,
        period_label=span.label,
        period_start=span.start,
        period_end=span.end,
        final=span.label == "all",
        beneficiary_orgnr=project.beneficiary_orgnr,
        case_number=project.case_number,
        programme=project.programme,
        contact=project.contact,
        edih=project.edih,
    )
    counts: dict[str, int] = {}
    for m in members:
        if m.kind == OrgKind.COMPANY:  # women-led *companies*; public bodies are not counted
            counts[m.leader_gender] = counts.get(m.leader_gender, 0) + 1
    order = [g.value for g in LeaderGender] + sorted(set(counts) - {g.value for g in LeaderGender})
    notes = notes_for(store, project.id, span)
    by_type, by_category, total = summary.by_type, summary.by_category, summary.attendance
    type_counts = [_counts(g.key, g) for g in summary.attendance_by_type]
    event_counts = [(e.type, _counts(e.id, e)) for e in events]
    hidden = protect_attendance(type_counts, event_counts)
    size_kpi = results.size_kpi
    return Report(
        generated=today,
        overview=overview,
        notes={k: v for k, v in notes.items() if not k.startswith(KPI_PREFIX)},
        kpi_notes={k[len(KPI_PREFIX) :]: v for k, v in notes.items() if k.startswith(KPI_PREFIX)},
        rules=tuple(CountingRule.of(g) for g in goals),
        reach=reach_of(members),
        draft=draft,
        by_type=tuple(CountLine(r.key, r.activities, r.hours, r.participants) for r in by_type),
        by_category=tuple(
            CountLine(r.key, r.activities, r.hours, r.participants) for r in by_category
        ),
        events=tuple(
            EventLine(
                e.date, e.type, e.title, e.organisations, _gender_line(e.id, c, hidden.events[e.id])
            )
            for e, (_, c) in zip(events, event_counts, strict=True)
        ),
        indicators=results.indicators,
        size_breakdown=results.sizes,
        size_kpi_label=size_kpi.label if size_kpi else "",
        size_kpi_label_en=size_kpi.label_en if size_kpi else "",
        gender=GenderBalance(
            attendance=_gender_line("total", _counts("total", total), None),
            women_share=next((i for i in results.indicators if i.metric == "women_share"), None),
            by_type=tuple(_gender_line(t.key, t, hidden.types[t.key]) for t in type_counts),
            leaders=tuple((g, counts[g]) for g in order if g in counts),
            groups=tuple(GroupLine(g.group_name, g.date, g.women, g.men, g.other) for g in groups),
        ),
        behind=tuple(i for i in results.indicators if i.status == "behind"),
        participants=participant_lines(members, emails, personal=with_contacts),
        with_contacts=with_contacts,
    )
