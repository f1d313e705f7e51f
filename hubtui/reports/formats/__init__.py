"""The output formats and the files each one makes, named and rendered in one place."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from hubtui.domain.periods import Period
from hubtui.errors import UserError
from hubtui.reports.labels import ReportLang, label
from hubtui.reports.model import Report
from hubtui.store import Store
from hubtui.store.views import ProjectView

FORMATS = ("md", "docx", "xlsx", "csv", "edih")
EDIH_SHEETS = ("customers", "services", "events", "collaborations")


@dataclass(frozen=True)
class Planned:
    """One file to write: its name within the output folder and how to make its bytes."""

    format: str
    name: str
    render: Callable[[], bytes]


def parse_formats(text: str) -> list[str]:
    """ "docx,xlsx" → ["docx", "xlsx"] (duplicates dropped, order kept)."""
    wanted: list[str] = []
    for part in text.split(","):
        fmt = part.strip().lower().lstrip(".")
        fmt = {"markdown": "md", "word": "docx", "excel": "xlsx"}.get(fmt, fmt)
        if not fmt:
            continue
        if fmt not in FORMATS:
            raise UserError(
                "'{part}' is not a report format; use {formats}.",
                part=part.strip(),
                formats=", ".join(FORMATS),
            )
        if fmt not in wanted:
            wanted.append(fmt)
    if not wanted:
        raise UserError(
            "No report format given; use one or more of {formats}.", formats=", ".join(FORMATS)
        )
    return wanted


def base_name(report: Report, lang: ReportLang) -> str:
    o = report.overview
    kind = "file_final" if o.final else "file_quarterly"
    period = "" if o.final else f"-{o.period_label.replace('..', '_')}"
    return f"{label(kind, lang)}-{o.code}{period}"


def plan_files(
    report: Report,
    formats: Sequence[str],
    lang: ReportLang,
    *,
    store: Store,
    project: ProjectView,
    span: Period,
    separator: str = ";",
) -> list[Planned]:
    """The files the formats make in a language, with default names (rendering happens when
    called)."""
    from hubtui.reports.edih import edih_sheets
    from hubtui.reports.formats.csv_files import csv_bytes, indicator_csv
    from hubtui.reports.formats.excel import excel_bytes
    from hubtui.reports.formats.markdown import markdown_bytes
    from hubtui.reports.formats.word import word_bytes

    base = base_name(report, lang)
    planned: list[Planned] = []
    for fmt in formats:
        if fmt == "md":
            planned.append(Planned(fmt, f"{base}.md", lambda: markdown_bytes(report, lang)))
        elif fmt == "docx":
            planned.append(Planned(fmt, f"{base}.docx", lambda: word_bytes(report, lang)))
        elif fmt == "xlsx":
            planned.append(Planned(fmt, f"{base}.xlsx", lambda: excel_bytes(report, lang)))
        elif fmt == "csv":
            name = f"{base}-{label('file_indicators', lang)}.csv"
            planned.append(Planned(fmt, name, lambda: indicator_csv(report, separator, lang)))
        elif fmt == "edih":
            o = report.overview
            if not o.edih:
                raise UserError(
                    "Project {code} is not marked as a European Digital Innovation Hub; set "
                    "edih = true in the [project] table of its goals file to make the EDIH files.",
                    code=o.code,
                )
            period = "all" if o.final else o.period_label.replace("..", "_")
            sheets = {s.name: s for s in edih_sheets(store, project, span)}
            for key in EDIH_SHEETS:
                sheet = sheets[key]
                render = partial(csv_bytes, sheet.headers, sheet.rows, separator)
                planned.append(Planned(fmt, f"edih-{o.code}-{period}-{key}.csv", render))
    return planned


def target_paths(planned: Sequence[Planned], out: Path | None, cwd: Path) -> list[Path]:
    """Where each planned file goes: `out` as a file (one file only) or a folder."""
    if out is None:
        return [cwd / p.name for p in planned]
    out = cwd / out.expanduser()  # an absolute `out` stays as it is
    as_folder = out.is_dir() or str(out).endswith(("/", os.sep)) or not out.suffix
    if as_folder:
        return [out / p.name for p in planned]
    if len(planned) > 1:
        raise UserError(
            "These formats make {planned} files; give a folder to --out, not {out}.",
            planned=len(planned),
            out=out,
        )
    wanted = Path(planned[0].name).suffix
    if out.suffix.lower() != wanted:
        raise UserError(
            "--out {out} does not end in {wanted}; name the file *{wanted}.", out=out, wanted=wanted
        )
    return [out]
