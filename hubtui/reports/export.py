"""One call from a project and period to report files on disk (used by the CLI and the TUI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hubtui.domain.periods import Period
from hubtui.reports.document import check_final
from hubtui.reports.files import check_targets, write_atomic
from hubtui.reports.formats import plan_files, target_paths
from hubtui.reports.labels import ReportLang
from hubtui.reports.model import Report, resolve_period
from hubtui.reports.submissions import report_for as frozen_or_built
from hubtui.store import Store

Progress = Callable[[int, int, Path], None]  # (files done, files in all, file being written)


@dataclass(frozen=True)
class ExportRequest:
    project: str
    period: str
    formats: Sequence[str]
    out: Path | None = None
    lang: ReportLang = "sv"
    with_contacts: bool = False
    force: bool = False
    separator: str = ";"
    final: bool = False  # refuse while a required text section is empty


def report_for(store: Store, project: str, period: str | Period, **options: Any) -> Report:
    """The submitted report of the period if there is one, else the report built now."""
    return frozen_or_built(store, project, period, **options)


def planned_paths(store: Store, request: ExportRequest, cwd: Path) -> tuple[Report, list[Path]]:
    """The report and the files it would write (nothing written yet)."""
    span = resolve_period(store, request.project, request.period)
    report = report_for(
        store,
        request.project,
        span,
        lang=request.lang,
        with_contacts=request.with_contacts,
        draft=not request.final,
    )
    planned = plan_files(
        report, request.formats, store=store, span=span, separator=request.separator
    )
    return report, target_paths(planned, request.out, cwd)


def export_report(
    store: Store,
    request: ExportRequest,
    *,
    cwd: Path | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Render every requested format and write the files; returns their paths.

    Every target is checked before the first file is written, so a refusal (an existing
    file without force) leaves the disk as it was.
    """
    span = resolve_period(store, request.project, request.period)
    report = report_for(
        store,
        request.project,
        span,
        lang=request.lang,
        with_contacts=request.with_contacts,
        today=today,
        draft=not request.final,
    )
    if request.final:
        check_final(report)
    planned = plan_files(
        report, request.formats, store=store, span=span, separator=request.separator
    )
    paths = target_paths(planned, request.out, cwd or Path.cwd())
    check_targets(paths, force=request.force)
    # Render everything before writing anything: a failure leaves no half set of files.
    rendered: list[tuple[Path, bytes]] = []
    for index, (path, item) in enumerate(zip(paths, planned, strict=True)):
        if progress is not None:
            progress(index, len(paths), path)
        rendered.append((path, item.render()))
    written = [write_atomic(path, data) for path, data in rendered]
    if progress is not None:
        progress(len(paths), len(paths), paths[-1])
    return written
