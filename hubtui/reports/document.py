"""The report laid out as a sequence of blocks (headings, text, tables, lists) in the funder's
section order, in the language asked for. Markdown and Word render these same blocks, so the
two never drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from hubtui.domain.errors import UserError
from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.reports.labels import SECTION_LABELS, ReportLang, county_label, format_number, label
from hubtui.reports.model import Report
from hubtui.reports.tables import (
    Table,
    attendance_table,
    behind_lines,
    change_tables,
    count_table,
    event_table,
    group_table,
    indicator_label,
    indicator_table,
    leader_table,
    participant_table,
    reach_tables,
    rule_lines,
    size_table,
    women_share_table,
)


@dataclass(frozen=True)
class Heading:
    level: int  # 0 = document title
    text: str


@dataclass(frozen=True)
class Text:
    """Free text; a note written by the project leader may hold several paragraphs."""

    text: str
    note: bool = False
    small: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class TableBlock:
    table: Table


Block = Heading | Text | Bullets | TableBlock


def _overview(report: Report, lang: ReportLang) -> Table:
    o = report.overview
    beneficiary = f"{o.owner} ({o.beneficiary_orgnr})" if o.beneficiary_orgnr else o.owner
    rows = (
        (label("project_name", lang), o.name),
        (label("project_code", lang), o.code),
        (label("case_number", lang), o.case_number or "–"),
        (label("owner", lang), beneficiary or "–"),
        (label("programme", lang), o.programme or "–"),
        (label("funders", lang), ", ".join(o.funders) or "–"),
        (label("project_period", lang), f"{o.project_start} – {o.project_end}"),
        (label("reporting_period", lang), _period_text(report)),
        (label("target_region", lang), ", ".join(county_label(r, lang) for r in o.region) or "–"),
        (label("contact", lang), o.contact or "–"),
        (label("generated", lang), report.generated.isoformat()),
    )
    heads = (label("col_particular", lang), label("col_value", lang))
    return Table("overview", heads, rows, (False, False))


def _period_text(report: Report) -> str:
    o = report.overview
    span = f"{o.period_start} – {o.period_end}"
    return span if o.final or o.period_name == span else f"{o.period_label} ({span})"


def _note(report: Report, section: str, lang: ReportLang) -> list[Block]:
    text = report.notes.get(section, "").strip()
    if text:
        return [Text(text, note=True)]
    if report.draft:  # a final report is refused before it gets here (missing_sections)
        return [Text(label("draft_empty", lang).format(section=section), small=True)]
    return []


def missing_sections(report: Report) -> list[str]:
    """The required text sections still empty (a final report needs every one)."""
    return [s for s in NOTE_SECTIONS if not report.notes.get(s, "").strip()]


def check_final(report: Report) -> None:
    """A final report needs every text section written: refuse, naming the empty ones."""
    missing = missing_sections(report)
    if missing:
        o = report.overview
        raise UserError(
            "The final report of {project} {period} needs text in every section; empty: "
            "{sections} (write them with hubtui note set --section … or in the report screen).",
            project=o.code,
            period=o.period_label,
            sections=_section_names(missing),
        )


def _section_names(sections: list[str]) -> str:
    """Each section by its heading in the user's language, and the id `--section` takes."""
    from hubtui.i18n import language

    lang: ReportLang = "sv" if language() == "sv" else "en"
    return ", ".join(f"{label(SECTION_LABELS[s], lang)} ({s})" for s in sections)


def _table_or_none(table: Table | None, lang: ReportLang) -> list[Block]:
    if table is None or not table.rows:
        return [Text(label("none", lang), small=True)]
    return [TableBlock(table)]


def report_title(report: Report, lang: ReportLang) -> str:
    """ "Lägesrapport", or "Slutrapport" for the whole project."""
    return label("title_final" if report.overview.final else "title_quarterly", lang)


def title_text(report: Report, lang: ReportLang) -> str:
    o = report.overview
    period = o.code if o.final else f"{o.code} {o.period_name}"
    return f"{report_title(report, lang)} – {o.name} ({period})"


def blocks(report: Report, lang: ReportLang) -> list[Block]:
    """The whole report in order; a table with suppressed cells has the rule said under it."""
    out: list[Block] = []
    for block in _blocks(report, lang):
        out.append(block)
        if isinstance(block, TableBlock) and block.table.has_hidden:
            out.append(Text(label("suppressed_note", lang), small=True))
    return out


def status_text(report: Report, lang: ReportLang) -> str:
    """ "Utkast · Preliminär, uttag 2026-09-15" on the first page ("" for a final report of a
    period that has ended)."""
    if report.submitted is not None:
        return label("submitted", lang).format(date=report.submitted.isoformat())
    parts = [label("draft", lang)] if report.draft else []
    if report.preliminary:
        parts.append(label("preliminary", lang).format(date=report.generated.isoformat()))
    return " · ".join(parts)


def _section(report: Report, key: str, section: str, lang: ReportLang) -> list[Block]:
    return [Heading(1, label(key, lang)), *_note(report, section, lang)]


def _results(report: Report, lang: ReportLang) -> list[Block]:
    out = _section(report, "sec_results", "resultat", lang)
    out += [Heading(2, label("sec_indicators", lang))]
    out += _table_or_none(indicator_table(report, lang), lang)
    comments = [
        f"{i.id} {indicator_label(i, lang)}: {report.kpi_notes[i.id]}"
        for i in report.indicators
        if report.kpi_notes.get(i.id, "").strip()
    ]
    if comments:
        out += [Heading(2, label("sec_kpi_comments", lang)), Bullets(tuple(comments))]
    if report.rules:
        out += [Heading(2, label("sec_counting_rules", lang)), Bullets(rule_lines(report, lang))]
    if report.gender.women_share is not None:
        count = report.gender.attendance.unstated  # project level: never suppressed
        unstated = format_number(count, lang) if isinstance(count, int) else count
        out.append(Text(label("women_share_rule", lang).format(unstated=unstated), small=True))
    if report.size_breakdown:
        sizes = size_table(report, lang)
        out += [Heading(2, label("sec_size", lang)), Text(sizes.caption, small=True)]
        out.append(TableBlock(sizes))
    return out


def _gender(report: Report, lang: ReportLang) -> list[Block]:
    out = _section(report, "sec_gender", "jamstalldhet", lang)
    out += [Heading(2, label("sec_attendance", lang))]
    out += (
        _table_or_none(women_share_table(report, lang), lang) if report.gender.women_share else []
    )
    out += [TableBlock(attendance_table(report, lang))]
    out += [Heading(2, label("sec_women_led", lang))]
    out += _table_or_none(leader_table(report, lang), lang)
    out += [Heading(2, label("sec_groups", lang))]
    out += _table_or_none(group_table(report, lang), lang)
    return out


def _reach(report: Report, lang: ReportLang) -> list[Block]:
    out = _section(report, "sec_reach", "malgrupp", lang)
    for key, table in zip(
        ("sec_by_place", "sec_reach_size", "sec_by_sector"), reach_tables(report, lang), strict=True
    ):
        out += [Heading(2, label(key, lang)), *_table_or_none(table, lang)]
    return out


def _blocks(report: Report, lang: ReportLang) -> list[Block]:
    out: list[Block] = [Heading(0, title_text(report, lang))]
    if status_text(report, lang):
        out.append(Text(status_text(report, lang)))
    out += [Heading(1, label("sec_overview", lang)), TableBlock(_overview(report, lang))]
    if report.overview.description:
        out.append(Text(report.overview.description))
    out += _section(report, "sec_arbetssatt", "arbetssatt", lang)

    out += _section(report, "sec_activities", "aktiviteter", lang)
    out += [Heading(2, label("sec_by_type", lang))]
    out += _table_or_none(count_table(report, "type", lang), lang)
    out += [Heading(2, label("sec_by_category", lang))]
    out += _table_or_none(count_table(report, "category", lang), lang)
    out += [Heading(2, label("sec_events", lang))]
    out += _table_or_none(event_table(report, lang), lang)

    out += _results(report, lang)
    out += _gender(report, lang)
    out += _section(report, "sec_equal", "lika_mojligheter", lang)
    out += _section(report, "sec_sustainable", "hallbar_utveckling", lang)
    out += _reach(report, lang)

    out += _section(report, "sec_deviations", "avvikelser", lang)
    out += [Heading(2, label("sec_behind", lang))]
    behind = behind_lines(report, lang)
    out.append(Bullets(tuple(behind)) if behind else Text(label("no_behind", lang)))
    out += _section(report, "sec_unforeseen", "oforutsedda", lang)
    if report.changes:
        out += [Heading(1, label("sec_changes", lang)), Text(label("changes_intro", lang))]
        out += [TableBlock(t) for t in change_tables(report, lang) if t.rows]

    out += [Heading(1, label("sec_participants", lang))]
    out += _table_or_none(participant_table(report, lang), lang)
    if not report.with_contacts:
        out.append(Text(label("contacts_hidden", lang), small=True))
    return out
