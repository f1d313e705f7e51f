"""The report as data: everything a lägesrapport shows, gathered once, rendered by the writers.

Indicator values come from the KPI engine (`hubtui.kpi.compute_kpis`) and nowhere else, so the
report always agrees with the dashboard. The listings around them (activities, events,
participants, group composition) come from `hubtui.reports.queries`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hubtui.domain.activity_types import ACTIVITY_TYPES, Category, LeaderGender, OrgKind
from hubtui.domain.activity_types import label as enum_label
from hubtui.domain.notes import KPI_PREFIX
from hubtui.domain.periods import Period
from hubtui.domain.regions import UnknownRegion, county
from hubtui.errors import InvalidValue
from hubtui.kpi import resolve_period as engine_period
from hubtui.reports import queries
from hubtui.reports.attendance import GENDERS, Counts, protect_attendance
from hubtui.reports.labels import LANGS, ReportLang, label
from hubtui.reports.participants import Participant, participant_lines
from hubtui.reports.privacy import Cell
from hubtui.reports.reach import Reach, reach_of
from hubtui.reports.results import Indicator, SizeLine, indicators_of
from hubtui.reports.rules import counting_rule
from hubtui.services.notes import notes_for
from hubtui.services.projects import get_project, goals_of
from hubtui.store import Store


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


@dataclass(frozen=True)
class CountLine:
    key: str
    label: str
    activities: int
    hours: float
    participants: int


@dataclass(frozen=True)
class GenderLine:
    """Attendance by gender of one row; cells may be suppressed ("<3") below project level."""

    key: str
    label: str
    women: Cell
    men: Cell
    other: Cell
    unstated: Cell
    total: int


@dataclass(frozen=True)
class EventLine:
    date: dt.date
    type_label: str
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
    leaders: tuple[tuple[str, int], ...]  # leader's gender label → supported companies
    groups: tuple[GroupLine, ...]


@dataclass(frozen=True)
class ChangeLine:
    """An activity of a submitted period added, changed or deleted after submission."""

    period: str
    date: dt.date
    activity: str  # type and title
    organisations: str
    what: str  # added / deleted / the fields changed


@dataclass(frozen=True)
class EffectLine:
    period: str
    indicator: str
    submitted: float | None
    now: float | None
    is_ratio: bool


@dataclass(frozen=True)
class Report:
    lang: ReportLang
    generated: dt.date
    overview: Overview
    notes: Mapping[str, str]
    by_type: tuple[CountLine, ...]
    by_category: tuple[CountLine, ...]
    events: tuple[EventLine, ...]
    indicators: tuple[Indicator, ...]
    size_breakdown: tuple[SizeLine, ...]
    size_kpi_label: str
    gender: GenderBalance
    behind: tuple[Indicator, ...]
    participants: tuple[Participant, ...]
    with_contacts: bool
    kpi_notes: Mapping[str, str] = field(default_factory=dict)  # indicator id → comment
    rules: tuple[str, ...] = ()  # each indicator's counting rule in words
    reach: Reach = field(default_factory=lambda: Reach((), (), ()))
    draft: bool = True  # a final report (--final) has every text section written
    submitted: dt.date | None = None  # a frozen submission, as it was sent on that day
    changes: tuple[ChangeLine, ...] = ()  # to the last submitted period, after submission
    effects: tuple[EffectLine, ...] = ()  # and what they did to its indicators

    @property
    def preliminary(self) -> bool:
        """The period has not ended when the report is taken out."""
        return self.overview.period_end >= self.generated

    @property
    def title(self) -> str:
        key = "title_final" if self.overview.final else "title_quarterly"
        return label(key, self.lang)


def _county_name(code: str | None) -> str:
    if not code:
        return ""
    try:
        return county(code).name
    except UnknownRegion:
        return code


def _counts(key: str, c: queries.GenderCount | queries.EventRow) -> Counts:
    return Counts(key, c.women, c.men, c.other, c.unstated)


def _gender_line(key: str, text: str, counts: Counts, cells: dict[str, Cell] | None) -> GenderLine:
    """A row of attendance by gender: `cells` as published (None: the project level, in full)."""
    shown: dict[str, Cell] = cells if cells is not None else {g: counts.of(g) for g in GENDERS}
    women, men, other, unstated = (shown[g] for g in GENDERS)
    return GenderLine(key, text, women, men, other, unstated, sum(counts.of(g) for g in GENDERS))


def _type_label(type_id: str, lang: ReportLang) -> str:
    kind = ACTIVITY_TYPES.get(type_id)
    return enum_label(kind, lang) if kind else type_id


def _category_label(category: str, lang: ReportLang) -> str:
    try:
        return enum_label(Category(category), lang)
    except ValueError:
        return category


def _enum_text(enum: type[OrgKind] | type[LeaderGender], value: str, lang: ReportLang) -> str:
    try:
        return enum_label(enum(value), lang)
    except ValueError:
        return value


def _by_label(lines: Iterable[CountLine]) -> tuple[CountLine, ...]:
    return tuple(sorted(lines, key=lambda line: line.label))


def resolve_period(store: Store, project: str, period: str | Period) -> Period:
    """The reporting period of a project ("all" = the whole project), clipped to its dates
    exactly as the KPI engine clips it."""
    return engine_period(get_project(store, project), period)


def build_report(
    store: Store,
    project: str,
    period: str | Period,
    *,
    lang: ReportLang = "sv",
    with_contacts: bool = False,
    today: dt.date | None = None,
    draft: bool = True,
) -> Report:
    """Gather the report of a project and period ("all" gives the final report)."""
    if lang not in LANGS:
        raise InvalidValue("'{lang}' is not a report language; use sv or en.", lang=lang)
    view = get_project(store, project)
    span = resolve_period(store, view.code, period)
    today = today or dt.date.today()
    results = indicators_of(store, view.code, span, lang, today=today)
    with store.read() as conn:
        args = (conn, view.id, span.start, span.end)
        by_type = queries.activities_by_type(*args)
        by_category = queries.activities_by_category(*args)
        events = queries.group_events(*args)
        total = queries.attendance_total(*args)
        per_type = queries.attendance_by_type(*args)
        members = queries.participants(*args)
        types = queries.support_types(*args)
        groups = queries.group_composition(conn, view.id, span.end)
        emails = (
            queries.contact_emails(conn, [m.organisation_id for m in members])
            if with_contacts
            else {}
        )
    overview = Overview(
        code=view.code,
        name=view.name,
        owner=view.owner,
        description=view.description,
        funders=view.funders,
        region=tuple(_county_name(c) for c in view.counties),
        project_start=view.start,
        project_end=view.end,
        period_label=span.label,
        period_start=span.start,
        period_end=span.end,
        final=span.label == "all",
        beneficiary_orgnr=view.beneficiary_orgnr,
        case_number=view.case_number,
        programme=view.programme,
        contact=view.contact,
        edih=view.edih,
    )
    counts: dict[str, int] = {}
    for m in members:
        if m.kind == OrgKind.COMPANY:  # women-led *companies*; public bodies are not counted
            counts[m.leader_gender] = counts.get(m.leader_gender, 0) + 1
    order = [g.value for g in LeaderGender] + sorted(set(counts) - {g.value for g in LeaderGender})
    leaders = [(_enum_text(LeaderGender, g, lang), counts[g]) for g in order if g in counts]
    notes = notes_for(store, view.id, span)
    type_counts = [_counts(g.key, g) for g in per_type]
    event_counts = [(e.type, _counts(e.id, e)) for e in events]
    hidden = protect_attendance(type_counts, event_counts)
    return Report(
        lang=lang,
        generated=today,
        overview=overview,
        notes={k: v for k, v in notes.items() if not k.startswith(KPI_PREFIX)},
        kpi_notes={k[len(KPI_PREFIX) :]: v for k, v in notes.items() if k.startswith(KPI_PREFIX)},
        rules=tuple(counting_rule(g, lang) for g in goals_of(store, view.id)),
        reach=reach_of(members, lang),
        draft=draft,
        by_type=_by_label(
            CountLine(r.key, _type_label(r.key, lang), r.activities, r.hours, r.participants)
            for r in by_type
        ),
        by_category=_by_label(
            CountLine(r.key, _category_label(r.key, lang), r.activities, r.hours, r.participants)
            for r in by_category
        ),
        events=tuple(
            EventLine(
                e.date,
                _type_label(e.type, lang),
                e.title,
                e.organisations,
                _gender_line(e.id, e.title, c, hidden.events[e.id]),
            )
            for e, (_, c) in zip(events, event_counts, strict=True)
        ),
        indicators=results.indicators,
        size_breakdown=results.sizes,
        size_kpi_label=results.size_kpi_label,
        gender=GenderBalance(
            attendance=_gender_line(
                "total", label("col_total", lang), _counts("total", total), None
            ),
            women_share=next((i for i in results.indicators if i.metric == "women_share"), None),
            by_type=tuple(
                sorted(
                    (
                        _gender_line(t.key, _type_label(t.key, lang), t, hidden.types[t.key])
                        for t in type_counts
                    ),
                    key=lambda line: line.label,
                )
            ),
            leaders=tuple(leaders),
            groups=tuple(GroupLine(g.group_name, g.date, g.women, g.men, g.other) for g in groups),
        ),
        behind=tuple(i for i in results.indicators if i.status == "behind"),
        participants=participant_lines(members, types, emails, personal=with_contacts, lang=lang),
        with_contacts=with_contacts,
    )
