"""The report's tables with raw values (numbers stay numbers), shared by every writer.

The model's values are named here, in the language the writer asks for (labels.py); rows
ordered by a name are sorted after naming. Markdown and Word format the values for reading
(`cell_text`); Excel stores them as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hubtui.domain.activity_types import LeaderGender, OrgKind
from hubtui.reports.labels import (
    ReportLang,
    category_label,
    county_label,
    enum_text,
    format_number,
    format_share,
    goal_label,
    label,
    place_label,
    sector_label,
    size_label,
    status_label,
    type_label,
)
from hubtui.reports.model import GenderLine, Report
from hubtui.reports.results import Indicator
from hubtui.reports.rules import counting_rule

Value = int | float | str | dt.date | None


@dataclass(frozen=True)
class Table:
    key: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    shares: frozenset[tuple[int, int]] = frozenset()  # (row, column) cells holding a share 0..1
    caption: str = ""  # what the table is of (Excel puts it above; Word and Markdown too)

    def is_share(self, row: int, column: int) -> bool:
        return (row, column) in self.shares

    @property
    def has_hidden(self) -> bool:
        """Whether a numeric cell is suppressed ("<3" or "x"): its note goes under the table."""
        return any(
            isinstance(v, str)
            for row in self.rows
            for v, n in zip(row, self.numeric, strict=True)
            if n
        )


def cell_text(value: Value, lang: ReportLang, *, share: bool = False) -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_share(float(value), lang) if share else format_number(value, lang)
    return value


def _headers(lang: ReportLang, *keys: str) -> tuple[str, ...]:
    return tuple(label(k, lang) for k in keys)


def indicator_label(indicator: Indicator, lang: ReportLang) -> str:
    return goal_label(indicator.label, indicator.label_en, lang)


def indicator_table(report: Report, lang: ReportLang) -> Table:
    rows = tuple(
        (
            indicator_label(i, lang),
            i.target,
            i.period_value,
            i.cumulative_value,
            i.expected_by_now,
            i.progress,
            status_label(i.status, lang),
        )
        for i in report.indicators
    )
    heads = ("col_kpi", "col_target", "col_period_value", "col_cumulative", "col_expected")
    # Progress is always a share; a share KPI's values are shares too.
    shares = {(n, 5) for n in range(len(rows))}
    shares |= {(n, c) for n, i in enumerate(report.indicators) if i.is_ratio for c in range(1, 5)}
    return Table(
        "indicators",
        _headers(lang, *heads, "col_progress", "col_status"),
        rows,
        (False, True, True, True, True, True, False),
        frozenset(shares),
    )


def size_table(report: Report, lang: ReportLang) -> Table:
    """The size split of the first companies KPI, captioned with that KPI and its total (the
    KPI may be filtered, e.g. manufacturing SMEs only: without it the split reads as all)."""
    rows = tuple((size_label(s.key, lang), s.value) for s in report.size_breakdown)
    name = goal_label(report.size_kpi_label, report.size_kpi_label_en, lang)
    total = format_number(sum(s.value for s in report.size_breakdown), lang)
    heads = _headers(lang, "col_size_class", "col_cumulative")
    return Table("sizes", heads, rows, (False, True), caption=f"{name} ({total})")


def count_table(report: Report, by: str, lang: ReportLang) -> Table:
    """Activities by type or by EDIH category, in the order of their names."""
    lines = report.by_type if by == "type" else report.by_category
    name = type_label if by == "type" else category_label
    first = "col_type" if by == "type" else "col_category"
    rows = tuple(
        sorted(
            ((name(c.key, lang), c.activities, c.hours, c.participants) for c in lines),
            key=lambda row: row[0],
        )
    )
    heads = _headers(lang, first, "col_activities", "col_hours", "col_participants")
    return Table(f"by_{by}", heads, rows, (False, True, True, True))


def _gender_cells(line: GenderLine) -> tuple[Value, ...]:
    return (line.women, line.men, line.other, line.unstated, line.total)


_GENDER_HEADS = ("col_women", "col_men", "col_other", "col_unstated", "col_total")


def event_table(report: Report, lang: ReportLang) -> Table:
    rows = tuple(
        (e.date, type_label(e.type, lang), e.title, e.organisations, *_gender_cells(e.attendance))
        for e in report.events
    )
    heads = _headers(lang, "col_date", "col_type", "col_title", "col_orgs_short")
    return Table(
        "events",
        heads + _headers(lang, *_GENDER_HEADS),
        rows,
        (False, False, False, True, True, True, True, True, True),
    )


def attendance_table(report: Report, lang: ReportLang) -> Table:
    """Project-level attendance (not suppressed), then by activity type (suppressed) in the
    order of the types' names."""
    total = report.gender.attendance
    by_type = sorted(
        ((type_label(line.key, lang), *_gender_cells(line)) for line in report.gender.by_type),
        key=lambda row: str(row[0]),
    )
    rows = ((label("col_total", lang), *_gender_cells(total)), *by_type)
    return Table(
        "attendance",
        _headers(lang, "col_type", *_GENDER_HEADS),
        rows,
        (False, True, True, True, True, True),
    )


def women_share_table(report: Report, lang: ReportLang) -> Table | None:
    share = report.gender.women_share
    if share is None:
        return None
    rows: tuple[tuple[Value, ...], ...] = (
        (label("women_share", lang), share.period_value, share.cumulative_value, share.target),
    )
    heads = _headers(lang, "col_measure", "col_period_value", "col_cumulative", "col_target")
    shares = frozenset({(0, 1), (0, 2), (0, 3)})
    return Table("women_share", heads, rows, (False, True, True, True), shares)


def leader_table(report: Report, lang: ReportLang) -> Table:
    rows = tuple(
        (enum_text(LeaderGender, gender, lang), count) for gender, count in report.gender.leaders
    )
    heads = _headers(lang, "col_leader_gender", "col_companies")
    return Table("leaders", heads, rows, (False, True))


def group_table(report: Report, lang: ReportLang) -> Table:
    rows = tuple((g.name, g.date, g.women, g.men, g.other) for g in report.gender.groups)
    heads = _headers(lang, "col_group", "col_date", "col_women", "col_men", "col_other")
    return Table("groups", heads, rows, (False, False, True, True, True))


def _orgnr(orgnr: str, masked: bool, lang: ReportLang) -> str:
    """A sole trader's orgnr is a personnummer: left out unless personal data was asked for."""
    return label("sole_trader", lang) if masked else orgnr


def _support(types: tuple[str, ...], lang: ReportLang, known: dict[tuple[str, ...], str]) -> str:
    """The types' names in order (`known`: the texts of the combinations met before)."""
    text = known.get(types)
    if text is None:
        text = known[types] = ", ".join(sorted(type_label(t, lang) for t in types))
    return text


def participant_table(report: Report, lang: ReportLang) -> Table:
    keys = ["col_organisation", "col_orgnr_short", "col_kind_short", "col_municipality"]
    keys += ["col_county", "col_employees_short", "col_size_short", "col_sni", "col_support"]
    keys += ["col_hours"]
    keys += ["col_first_in_period", "col_last_in_period"]
    if report.with_contacts:
        keys.append("col_email")
    supports: dict[tuple[str, ...], str] = {}
    rows = tuple(
        (
            p.name,
            _orgnr(p.orgnr, p.masked, lang),
            enum_text(OrgKind, p.kind, lang),
            p.municipality,
            county_label(p.county, lang),
            p.employees,
            size_label(p.size_class, lang) if p.size_class else "",
            p.sni,
            _support(p.support, lang, supports),
            p.hours,
            p.first_in_period,
            p.last_in_period,
        )
        + ((p.email,) if report.with_contacts else ())
        for p in report.participants
    )
    numeric = tuple(k in ("col_employees_short", "col_hours") for k in keys)
    return Table("participants", _headers(lang, *keys), rows, numeric)


def behind_lines(report: Report, lang: ReportLang) -> list[str]:
    return [_behind_line(i, lang) for i in report.behind]


def _behind_line(i: Indicator, lang: ReportLang) -> str:
    def show(value: float | None) -> str:
        return format_share(value, lang) if i.is_ratio else format_number(value, lang)

    return label("behind_line", lang).format(
        label=indicator_label(i, lang),
        value=show(i.cumulative_value),
        expected=show(i.expected_by_now),
        target=show(i.target),
    )


def text_rows(table: Table, lang: ReportLang) -> list[list[str]]:
    """The table's cells as text for reading (shares as percentages)."""
    if not table.shares:  # most cells are text already: taken as they are
        texts: dict[tuple[type, Value], str] = {}  # numbers and dates come back many times

        def text(value: Value) -> str:
            key = (type(value), value)
            found = texts.get(key)
            if found is None:
                found = texts[key] = cell_text(value, lang)
            return found

        return [[v if type(v) is str else text(v) for v in row] for row in table.rows]
    return [
        [cell_text(value, lang, share=table.is_share(n, c)) for c, value in enumerate(row)]
        for n, row in enumerate(table.rows)
    ]


def reach_tables(report: Report, lang: ReportLang) -> tuple[Table, Table, Table]:
    """Organisations supported by county and municipality, by size class, by sector (places
    and sectors in the order of their names)."""
    reach = report.reach
    place = _headers(lang, "col_county", "col_municipality", "col_organisations_n")
    size = _headers(lang, "col_size_class", "col_companies_period")
    sector = _headers(lang, "col_sector", "col_organisations_n")
    places = sorted(
        (place_label(county_label(c, lang), lang), place_label(m, lang), n)
        for c, m, n in reach.by_place
    )
    sizes = tuple((size_label(s, lang), n) for s, n in reach.by_size)
    sectors = sorted((sector_label(s, lang), n) for s, n in reach.by_sector)
    return (
        Table("by_place", place, tuple(places), (False, False, True)),
        Table("by_size", size, sizes, (False, True)),
        Table("by_sector", sector, tuple(sectors), (False, True)),
    )


_GENDER_FIELDS = frozenset(("women", "men", "other", "unstated"))


def _field_change(field: str, before: str, after: str, lang: ReportLang) -> str:
    """One changed field in the report's language ("timmar 3 → 30")."""
    name = label(f"field_{field}", lang)
    if field in _GENDER_FIELDS:  # one event's counts: not published, as in the events table
        return label("field_counts_changed", lang).format(field=name)
    if field == "type":
        before, after = type_label(before, lang), type_label(after, lang)
    elif field == "hours":
        before, after = (v if v == "–" else format_number(float(v), lang) for v in (before, after))
    return f"{name} {before} → {after}"


def _change(change: str, fields: tuple[tuple[str, str, str], ...], lang: ReportLang) -> str:
    if change in ("added", "deleted"):
        return label(f"change_{change}", lang)
    return ", ".join(_field_change(*field, lang) for field in fields)


def change_tables(report: Report, lang: ReportLang) -> tuple[Table, Table]:
    """Activities of the last submitted period changed since, and the indicators they moved."""
    heads = ("col_period", "col_date", "col_activity", "col_organisations", "col_change")
    rows = tuple(
        (
            c.period,
            c.date,
            ": ".join(p for p in (type_label(c.type, lang), c.title) if p),
            c.organisations,
            _change(c.change, c.fields, lang),
        )
        for c in report.changes
    )
    changes = Table("changes", _headers(lang, *heads), rows, tuple(False for _ in heads))
    effect_heads = ("col_period", "col_kpi", "col_submitted_value", "col_value_now")
    effect_rows = tuple(
        (e.period, goal_label(e.indicator, e.indicator_en, lang), e.submitted, e.now)
        for e in report.effects
    )
    shares = frozenset((n, c) for n, e in enumerate(report.effects) if e.is_ratio for c in (2, 3))
    effects = Table(
        "effects", _headers(lang, *effect_heads), effect_rows, (False, False, True, True), shares
    )
    return changes, effects


def notes_table(report: Report, lang: ReportLang) -> Table:
    """Every text section with its text (an empty one is said to be empty in a draft)."""
    from hubtui.domain.notes import NOTE_SECTIONS
    from hubtui.reports.labels import SECTION_LABELS

    rows = tuple(
        (label(SECTION_LABELS[s], lang), report.notes.get(s, "").strip() or "–")
        for s in NOTE_SECTIONS
    )
    return Table("notes", _headers(lang, "col_section", "col_text"), rows, (False, False))


def rule_lines(report: Report, lang: ReportLang) -> tuple[str, ...]:
    """Each indicator's counting rule in words."""
    return tuple(counting_rule(rule, lang) for rule in report.rules)


def comment_table(report: Report, lang: ReportLang) -> Table:
    """Each indicator's comment and its counting rule."""
    # the indicator is named in the first column: its rule without the name
    worded = (counting_rule(rule, lang, named=False) for rule in report.rules)
    rules = dict(zip((i.id for i in report.indicators), worded, strict=False))
    rows = tuple(
        (indicator_label(i, lang), report.kpi_notes.get(i.id, ""), rules.get(i.id, ""))
        for i in report.indicators
    )
    heads = _headers(lang, "col_kpi", "col_comment", "col_rule")
    return Table("comments", heads, rows, (False, False, False))
