"""One call from a project and period to report files on disk (used by the CLI and the TUI).

The caller resolves the project and the period once (`hubtui.kpi.resolve`) and puts the
values in the request; the language is used only where the files are named and rendered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hubtui.domain.periods import Period
from hubtui.reports.document import check_final
from hubtui.reports.files import check_targets, write_atomic
from hubtui.reports.formats import Planned, plan_files, target_paths
from hubtui.reports.labels import ReportLang
from hubtui.reports.model import Report
from hubtui.reports.submissions import report_for
from hubtui.store import Store
from hubtui.store.views import ProjectView

Progress = Callable[[int, int, Path], None]  # (files done, files in all, file being written)


@dataclass(frozen=True)
class ExportRequest:
    project: ProjectView
    period: Period
    formats: Sequence[str]
    out: Path | None = None
    lang: ReportLang = "sv"
    with_contacts: bool = False
    force: bool = False
    separator: str = ";"
    final: bool = False  # refuse while a required text section is empty


def report_of(store: Store, request: ExportRequest, *, today: dt.date | None = None) -> Report:
    """The report a request stands for, as every file and the preview show it: the
    submitted one of the period if there is one, else built now (a draft unless final)."""
    return report_for(
        store,
        request.project,
        request.period,
        lang=request.lang,
        with_contacts=request.with_contacts,
        today=today,
        draft=not request.final,
    )


def _planned(
    store: Store, request: ExportRequest, *, today: dt.date | None = None
) -> tuple[Report, list[Planned]]:
    """The report (the submitted one of the period if there is one) and its files."""
    report = report_of(store, request, today=today)
    planned = plan_files(
        report,
        request.formats,
        request.lang,
        store=store,
        project=request.project,
        span=request.period,
        separator=request.separator,
    )
    return report, planned


def planned_paths(store: Store, request: ExportRequest, cwd: Path) -> tuple[Report, list[Path]]:
    """The report and the files it would write (nothing written yet)."""
    report, planned = _planned(store, request)
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
    report, planned = _planned(store, request, today=today)
    if request.final:
        check_final(report)
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
