"""The report's tables with raw values (numbers stay numbers), shared by every writer.

Markdown and Word format the values for reading (`cell_text`); Excel stores them as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hubtui.reports.labels import ReportLang, format_number, format_share, label
from hubtui.reports.model import GenderLine, Report
from hubtui.reports.results import Indicator

Value = int | float | str | dt.date | None


@dataclass(frozen=True)
class Table:
    key: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Value, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    shares: frozenset[tuple[int, int]] = frozenset()  # (row, column) cells holding a share 0..1

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


def indicator_table(report: Report) -> Table:
    lang = report.lang
    rows = tuple(
        (
            i.label,
            i.target,
            i.period_value,
            i.cumulative_value,
            i.expected_by_now,
            i.progress,
            i.status_label,
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


def size_table(report: Report) -> Table:
    rows = tuple((s.label, s.value) for s in report.size_breakdown)
    return Table(
        "sizes", _headers(report.lang, "col_size_class", "col_cumulative"), rows, (False, True)
    )


def count_table(report: Report, by: str) -> Table:
    lines = report.by_type if by == "type" else report.by_category
    first = "col_type" if by == "type" else "col_category"
    rows = tuple((c.label, c.activities, c.hours, c.participants) for c in lines)
    heads = _headers(report.lang, first, "col_activities", "col_hours", "col_participants")
    return Table(f"by_{by}", heads, rows, (False, True, True, True))


def _gender_cells(line: GenderLine) -> tuple[Value, ...]:
    return (line.women, line.men, line.other, line.unstated, line.total)


_GENDER_HEADS = ("col_women", "col_men", "col_other", "col_unstated", "col_total")


def event_table(report: Report) -> Table:
    rows = tuple(
        (e.date, e.type_label, e.title, e.organisations, *_gender_cells(e.attendance))
        for e in report.events
    )
    heads = _headers(report.lang, "col_date", "col_type", "col_title", "col_orgs_short")
    return Table(
        "events",
        heads + _headers(report.lang, *_GENDER_HEADS),
        rows,
        (False, False, False, True, True, True, True, True, True),
    )


def attendance_table(report: Report) -> Table:
    """Project-level attendance (not suppressed) and by activity type (suppressed)."""
    lines = (report.gender.attendance, *report.gender.by_type)
    rows = tuple((line.label, *_gender_cells(line)) for line in lines)
    return Table(
        "attendance",
        _headers(report.lang, "col_type", *_GENDER_HEADS),
        rows,
        (False, True, True, True, True, True),
    )


def women_share_table(report: Report) -> Table | None:
    share = report.gender.women_share
    if share is None:
        return None
    lang = report.lang
    rows: tuple[tuple[Value, ...], ...] = (
        (label("women_share", lang), share.period_value, share.cumulative_value, share.target),
    )
    heads = _headers(lang, "col_measure", "col_period_value", "col_cumulative", "col_target")
    shares = frozenset({(0, 1), (0, 2), (0, 3)})
    return Table("women_share", heads, rows, (False, True, True, True), shares)


def leader_table(report: Report) -> Table:
    rows = tuple((name, count) for name, count in report.gender.leaders)
    heads = _headers(report.lang, "col_leader_gender", "col_companies")
    return Table("leaders", heads, rows, (False, True))


def group_table(report: Report) -> Table:
    rows = tuple((g.name, g.date, g.women, g.men, g.other) for g in report.gender.groups)
    heads = _headers(report.lang, "col_group", "col_date", "col_women", "col_men", "col_other")
    return Table("groups", heads, rows, (False, False, True, True, True))


def participant_table(report: Report) -> Table:
    lang = report.lang
    keys = ["col_organisation", "col_orgnr_short", "col_kind_short", "col_municipality"]
    keys += ["col_county", "col_employees_short", "col_size_short", "col_sni", "col_support"]
    keys += ["col_hours"]
    keys += ["col_first_in_period", "col_last_in_period"]
    if report.with_contacts:
        keys.append("col_email")
    rows = tuple(
        (
            p.name,
            p.orgnr,
            p.kind,
            p.municipality,
            p.county,
            p.employees,
            p.size_class,
            p.sni,
            p.support,
            p.hours,
            p.first_in_period,
            p.last_in_period,
        )
        + ((p.email,) if report.with_contacts else ())
        for p in report.participants
    )
    numeric = tuple(k in ("col_employees_short", "col_hours") for k in keys)
    return Table("participants", _headers(lang, *keys), rows, numeric)


def behind_lines(report: Report) -> list[str]:
    lang = report.lang
    return [_behind_line(i, lang) for i in report.behind]


def _behind_line(i: Indicator, lang: ReportLang) -> str:
    def show(value: float | None) -> str:
        return format_share(value, lang) if i.is_ratio else format_number(value, lang)

    return label("behind_line", lang).format(
        label=i.label,
        value=show(i.cumulative_value),
        expected=show(i.expected_by_now),
        target=show(i.target),
    )


def text_rows(table: Table, lang: ReportLang) -> list[list[str]]:
    """The table's cells as text for reading (shares as percentages)."""
    return [
        [cell_text(value, lang, share=table.is_share(n, c)) for c, value in enumerate(row)]
        for n, row in enumerate(table.rows)
    ]


def reach_tables(report: Report) -> tuple[Table, Table, Table]:
    """Organisations supported by county and municipality, by size class, by sector."""
    lang, reach = report.lang, report.reach
    place = _headers(lang, "col_county", "col_municipality", "col_organisations_n")
    size = _headers(lang, "col_size_class", "col_companies")
    sector = _headers(lang, "col_sector", "col_organisations_n")
    return (
        Table("by_place", place, reach.by_place, (False, False, True)),
        Table("by_size", size, reach.by_size, (False, True)),
        Table("by_sector", sector, reach.by_sector, (False, True)),
    )


def change_tables(report: Report) -> tuple[Table, Table]:
    """Activities of the last submitted period changed since, and the indicators they moved."""
    lang = report.lang
    heads = ("col_period", "col_date", "col_activity", "col_organisations", "col_change")
    rows = tuple((c.period, c.date, c.activity, c.organisations, c.what) for c in report.changes)
    changes = Table("changes", _headers(lang, *heads), rows, tuple(False for _ in heads))
    effect_heads = ("col_period", "col_kpi", "col_submitted_value", "col_value_now")
    effect_rows = tuple((e.period, e.indicator, e.submitted, e.now) for e in report.effects)
    shares = frozenset((n, c) for n, e in enumerate(report.effects) if e.is_ratio for c in (2, 3))
    effects = Table(
        "effects", _headers(lang, *effect_heads), effect_rows, (False, False, True, True), shares
    )
    return changes, effects


def notes_table(report: Report) -> Table:
    """Every text section with its text (an empty one is said to be empty in a draft)."""
    from hubtui.domain.notes import NOTE_SECTIONS
    from hubtui.reports.labels import SECTION_LABELS

    lang = report.lang
    rows = tuple(
        (label(SECTION_LABELS[s], lang), report.notes.get(s, "").strip() or "–")
        for s in NOTE_SECTIONS
    )
    return Table("notes", _headers(lang, "col_section", "col_text"), rows, (False, False))


def comment_table(report: Report) -> Table:
    """Each indicator's comment and its counting rule."""
    lang = report.lang
    rules = dict(zip((i.id for i in report.indicators), report.rules, strict=False))
    rows = tuple(
        (i.label, report.kpi_notes.get(i.id, ""), rules.get(i.id, "")) for i in report.indicators
    )
    heads = _headers(lang, "col_kpi", "col_comment", "col_rule")
    return Table("comments", heads, rows, (False, False, False))
