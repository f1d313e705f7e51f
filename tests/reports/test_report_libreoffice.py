"""Every format opened by LibreOffice and printed to PDF, as a reader would see it: no word of
a Word table is broken across lines. Skipped where LibreOffice (soffice) and poppler's
pdftotext are not installed; CI does not install them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from report_fixture import Fixture, request_of

from hubtui.reports.export import export_report
from hubtui.reports.formats import FORMATS

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice (soffice) and pdftotext are not installed",
)


def _pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout


def test_every_format_converts_and_word_tables_keep_words_whole(
    rapp: Fixture, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    written = export_report(
        rapp.store, request_of(rapp.store, "RAPP", "2026Q3", FORMATS, out=folder)
    )
    pdfs, unique = tmp_path / "pdf", tmp_path / "unique"
    unique.mkdir()
    sources = []  # the .md, .docx and .xlsx share a stem: give each its own PDF name
    for path in written:
        sources.append(unique / f"{path.stem}-{path.suffix[1:]}{path.suffix}")
        shutil.copyfile(path, sources[-1])
    profile = (tmp_path / "profile").as_uri()  # its own profile: no clash with a running one
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(pdfs), *map(str, sources)],
        capture_output=True, check=True, timeout=300,
    )  # fmt: skip
    for path in sources:
        pdf = pdfs / (path.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, f"{path.name} did not convert"
    word = next(p for p in sources if p.suffix == ".docx")
    text = re.sub(r"\s+", " ", _pdf_text(pdfs / (word.stem + ".pdf")))
    for table in docx.Document(str(word)).tables:
        for row in table.rows:
            for cell in row.cells:
                for piece in cell.text.split():
                    assert piece in text, f"'{piece}' is broken across lines in the PDF"
