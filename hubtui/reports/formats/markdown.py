"""The report as Markdown (GitHub-style pipe tables): for reading, previewing and pasting."""

from __future__ import annotations

from hubtui.domain.text import without_controls
from hubtui.reports.document import Bullets, Heading, TableBlock, Text, blocks
from hubtui.reports.labels import ReportLang
from hubtui.reports.model import Report
from hubtui.reports.tables import Table, text_rows
from hubtui.store.bulk import collector_paused


def _escape(text: str) -> str:
    """A table cell: pipes escaped, line breaks as spaces."""
    return " ".join(text.replace("|", "\\|").splitlines()).strip()


def _table(table: Table, lang: ReportLang) -> list[str]:
    rows = text_rows(table, lang)
    lines = ["| " + " | ".join(_escape(h) for h in table.headers) + " |"]
    lines.append("|" + "|".join("---:" if n else "---" for n in table.numeric) + "|")
    lines += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(report: Report, lang: ReportLang = "sv") -> str:
    lines: list[str] = []
    for block in blocks(report, lang):
        if isinstance(block, Heading):
            lines += ["#" * (block.level + 1) + " " + block.text, ""]
        elif isinstance(block, TableBlock):
            lines += [*_table(block.table, lang), ""]
        elif isinstance(block, Bullets):
            lines += [*(f"- {item}" for item in block.items), ""]
        elif isinstance(block, Text):
            lines += [f"*{block.text}*" if block.small else block.text, ""]
    return "\n".join(lines).rstrip() + "\n"


def markdown_bytes(report: Report, lang: ReportLang = "sv") -> bytes:
    with collector_paused():  # every cell's text is alive until the document is joined
        return without_controls(render_markdown(report, lang)).encode("utf-8")
