"""Benchmark: the lägesrapport of one project at a million activities, part by part, and a
large Word table against raw WordprocessingML.

Prints (1) the time of each part of `hubtui report --format docx,xlsx,md` on the given
database: gathering the report (KPIs, the report's queries, small-number suppression) and
rendering each format; (2) a Word table of the report's participant list (the largest
table) written as the Word report writes it (`word_tables.add_table`: widths measured from
the text, full styling) against the floor: the same cells as bare WordprocessingML
(`w:tbl/w:tr/w:tc/w:p/w:r/w:t`, no styling) parsed by lxml into the same document, both
saved, side by side.

Run: python benchmarks/report.py --db PATH [--project KAIM] [--period all] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).parent))

from bench_support import Figure, print_table
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from hubtui.kpi import resolve
from hubtui.reports.formats.excel import excel_bytes
from hubtui.reports.formats.markdown import markdown_bytes
from hubtui.reports.formats.word import word_bytes
from hubtui.reports.formats.word_tables import add_table
from hubtui.reports.model import Report, build_report
from hubtui.reports.tables import participant_table, text_rows
from hubtui.store import open_store


def _timed(label: str, call):  # type: ignore[no-untyped-def]
    started, cpu = time.perf_counter(), time.process_time()
    result = call()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"| {label} | {seconds:.2f} s | {cpu:.2f} s |", flush=True)
    return result, (seconds, cpu)


def _saved(doc) -> bytes:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _hubtui_table(report: Report) -> bytes:
    """The participant list as the Word report writes it (widths measured, styled)."""
    doc = Document()
    add_table(doc, participant_table(report, "sv"), "sv")
    return _saved(doc)


def _floor_table(headers: tuple[str, ...], rows: list[list[str]]) -> bytes:
    doc = Document()
    cells = "".join(
        "<w:tr>"
        + "".join(f"<w:tc><w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p></w:tc>" for t in row)
        + "</w:tr>"
        for row in [list(headers), *rows]
    )
    doc.element.body.sectPr.addprevious(parse_xml(f"<w:tbl {nsdecls('w')}>{cells}</w:tbl>"))
    return _saved(doc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--project", default="KAIM")
    parser.add_argument("--period", default="all")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = open_store(args.db)
    print(f"{args.db}: report of {args.project}, period {args.period}")
    print()
    print(f"load average {os.getloadavg()[0]:.1f}")
    print("| part | wall | CPU |")
    print("|---|---:|---:|")
    view, span = resolve(store, args.project, args.period)
    gather = _timed("gather the report", lambda: build_report(store, view, span))
    report, (total, total_cpu) = gather
    for name, render in (("docx", word_bytes), ("xlsx", excel_bytes), ("md", markdown_bytes)):
        _, (seconds, cpu) = _timed(f"render {name}", lambda render=render: render(report))
        total, total_cpu = total + seconds, total_cpu + cpu
    print(f"| **docx + xlsx + md in all** | **{total:.2f} s** | **{total_cpu:.2f} s** |")
    print()
    table = participant_table(report, "sv")
    rows = [list(r) for r in text_rows(table, "sv")]
    cells = len(rows) * len(table.headers)
    figure = Figure(
        f"Word table of {cells:,} cells (participant list), saved",
        lambda: _hubtui_table(report),
        lambda: _floor_table(table.headers, rows),
        3,
    )
    print_table([figure], args.repeat)
    store.close()


if __name__ == "__main__":
    main()
