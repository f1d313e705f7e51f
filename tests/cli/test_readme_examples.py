"""README.md's examples run as written, in order, on a fresh demo database.

Each `sh` code block after the set-up commands (the two blocks that make `.venv`) runs as
in the reader's shell (in this process, for speed); `hubtui` alone, which opens the
app, is left out. Every command must succeed and print no traceback. The reader's
own things the examples name are made first: the spreadsheet `foretag.xlsx` and the team's
shared folder."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from hubtui.cli.root import cli

ROOT = Path(__file__).parent.parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)


def example_blocks(text: str) -> list[str]:
    """The README's shell blocks after the set-up ones, without the bare `hubtui` line."""
    blocks = [b for b in BLOCK.findall(text) if ".venv/bin/" not in b]
    return [
        "\n".join(line for line in b.splitlines() if _command(line) != ["hubtui"]) for b in blocks
    ]


def _command(line: str) -> list[str]:
    try:
        return shlex.split(line, comments=True)
    except ValueError:
        return []


def test_the_examples_are_found() -> None:
    text = README.read_text(encoding="utf-8")
    setup = [b for b in BLOCK.findall(text) if ".venv/bin/" in b]
    assert len(setup) == 2  # open the demo; run the tests
    script = "\n".join(example_blocks(text))
    for command in ("hubtui log seminar", "hubtui config set", "hubtui aid letter"):
        assert command in script


def spreadsheet(path: Path) -> None:
    """The spreadsheet a reader would have: companies with an e-mail address."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [
        ["Namn", "Organisationsnummer", "E-post"],
        ["Västerås Verktyg AB", "556677-8899", "info@vasterasverktyg.se"],
        ["Arboga Lack AB", "5569876543", "kontakt@arbogalack.se"],
    ]:
        sheet.append(row)
    book.save(path)


HEREDOC = re.compile(r"cat >> (\S+) <<'(\w+)'$")


def run_block(block: str, cwd: Path) -> list[str]:
    """Run a README block as the shell would: `a && b`, continuation lines, `~`, and the one
    other thing the examples do, `cat >> FILE <<'END'`; returns the commands run."""
    ran: list[str] = []
    lines = iter(block.replace("\\\n", " ").splitlines())
    for line in lines:
        here = HEREDOC.match(line.strip())
        if here:
            text = "".join(f"{body}\n" for body in iter(lines.__next__, here.group(2)))
            with (cwd / here.group(1)).open("a", encoding="utf-8") as out:
                out.write(text)
            continue
        words = _command(line)
        command: list[str] = []
        for word in [*words, "&&"]:
            if word != "&&":
                command.append(os.path.expanduser(word))
                continue
            if command:
                assert command[0] == "hubtui", f"the test cannot run {line!r}"
                result = CliRunner().invoke(cli, command[1:])
                shown = shlex.join(command)
                output = result.stdout + result.stderr
                assert result.exit_code == 0, (shown, output, result.exception)
                assert "Traceback" not in output, shown
                ran.append(shown)
            command = []
    return ran


def test_every_example_runs_on_the_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    demo = tmp_path / "demo.db"
    built = CliRunner().invoke(cli, ["--db", str(demo), "demo", "--no-open"])
    assert built.exit_code == 0, built.output
    monkeypatch.setenv("HUBTUI_DB", str(demo))  # the examples run on the demo database
    monkeypatch.chdir(tmp_path)
    spreadsheet(tmp_path / "foretag.xlsx")
    (isolated_home / "Dropbox" / "hubtui-sync").mkdir(parents=True)  # the team's shared folder
    ran = []
    for block in example_blocks(README.read_text(encoding="utf-8")):
        ran += run_block(block, tmp_path)
    assert len(ran) >= 18
    assert ran[-1].startswith("hubtui config get")
