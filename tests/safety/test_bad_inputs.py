"""The bad-input harness: a catalogue of mistakes a user or a file can make, fed through the
command line (options, goals files, spreadsheets, sync files, config files) and the forms.

For every case: exit code 2 and one line `hubtui: <one sentence>` on stderr (or, in a form, a
message at the field), no traceback anywhere in the output, and the database byte for byte
unchanged (its `.dump` compared before and after). A spreadsheet whose rows are all bad is
reported row by row with the reason and imports nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from safety_data import dump

from hubtui.cli.root import cli

HUGE = str(10**30)
GOALS = """[project]
code = "KAIM"
name = "Kompetens AI i Mälardalen"
start = 2025-03-01
end = 2028-02-28

[[kpi]]
id = "companies"
metric = "companies_supported"
target = 40
"""


@dataclass(frozen=True)
class Case:
    name: str
    args: tuple[str, ...]
    words: str  # a part of the one sentence
    files: tuple[tuple[str, str | bytes], ...] = ()  # written to the case's folder first


def _goals(replace: str, by: str) -> str:
    assert replace in GOALS
    return GOALS.replace(replace, by)


def _goals_case(name: str, text: str, words: str) -> Case:
    return Case(name, ("project", "import", "{dir}/goals.toml"), words, (("goals.toml", text),))


def _config_case(name: str, text: str | bytes, words: str) -> Case:
    return Case(name, ("--config", "{dir}/config.toml", "org", "list"), words,
                (("config.toml", text),))  # fmt: skip


LOG = ("log", "seminar", "--project", "KAIM", "--date", "2025-05-02")
INVEST = ("investment", "add", "--project", "KAIM", "--org", "abb", "--date", "2025-05-02")
DMA = ("dma", "add", "--org", "abb", "--date", "2025-05-02")

CASES: list[Case] = [
    # --- numbers out of their bounds ---------------------------------------------------------
    Case("employees huge", ("org", "add", "--name", "X", "--employees", HUGE), "out of range"),
    Case("employees negative", ("org", "add", "--name", "X", "--employees", "-1"), "negative"),
    Case("employees fraction", ("org", "add", "--name", "X", "--employees", "2.5"), "not whole"),
    Case("employees text", ("org", "add", "--name", "X", "--employees", "tolv"), "not a number"),
    Case("limit huge", ("org", "list", "--limit", str(10**20)), "out of range"),
    Case("limit zero", ("org", "list", "--limit", "0"), "out of range"),
    Case("activity limit", ("activity", "list", "--project", "KAIM", "--limit", "-5"), "negative"),
    Case("hours huge", (*LOG, "--hours", "1e300"), "out of range"),
    Case("hours nan", (*LOG, "--hours", "nan"), "not a number"),
    Case("hours infinite", (*LOG, "--hours", "inf"), "not a number"),
    Case("hours negative", (*LOG, "--hours", "-1"), "negative"),
    Case("men 2^62", (*LOG, "--men", str(2**62)), "out of range"),
    Case("women negative", (*LOG, "--women", "-1"), "negative"),
    Case("other fraction", (*LOG, "--other", "1.5"), "not whole"),
    Case("amount huge", (*INVEST, "--amount", "1e300"), "out of range"),
    Case("amount negative", (*INVEST, "--amount", "-5"), "negative"),
    Case("amount text", (*INVEST, "--amount", "lots"), "not a number"),
    Case("amount zero", (*INVEST, "--amount", "0"), "zero"),
    Case("amount EUR", (*INVEST, "--amount", "2e11", "--currency", "EUR"), "EUR"),
    Case("dma too few", (*DMA, "--stage", "T0", "--scores", "1,2,3"), "not 3"),
    Case("dma above 100", (*DMA, "--stage", "T0", "--scores", "1,2,3,4,5,101"), "out of range"),
    Case("dma huge", (*DMA, "--stage", "T0", "--scores", f"1,2,3,4,5,{HUGE}"), "out of range"),
    Case("dma stage", (*DMA, "--stage", "X9", "--scores", "1,2,3,4,5,6"), "not a stage"),
    Case("demo activities", ("demo", "--no-open", "--activities", str(10**20)), "out of range"),
    Case("demo seed", ("demo", "--no-open", "--seed", HUGE), "out of range"),
    # --- other values ------------------------------------------------------------------------
    Case("bad date", ("log", "seminar", "--project", "KAIM", "--date", "2025-02-30"), "date"),
    Case("word date", ("log", "seminar", "--project", "KAIM", "--date", "igår"), "date"),
    Case(
        "date outside",
        ("log", "seminar", "--project", "KAIM", "--date", "2031-01-01"),
        "outside project",
    ),
    Case("unknown type", ("log", "fika", "--project", "KAIM", "--date", "2025-05-02"), "fika"),
    Case(
        "unknown project", ("log", "seminar", "--project", "NOPE", "--date", "2025-05-02"), "NOPE"
    ),
    Case("check digit", ("org", "add", "--name", "X", "--orgnr", "556036-0794"), "check digit"),
    Case("county", ("org", "add", "--name", "X", "--county", "99"), "county"),
    Case("municipality", ("org", "add", "--name", "X", "--municipality", "0000"), "municipality"),
    Case("empty name", ("org", "add", "--name", "  "), "empty"),
    Case("sni letters", ("org", "add", "--name", "X", "--sni", "ABC"), "SNI"),
    Case("sni division", ("org", "add", "--name", "X", "--sni", "04110"), "no division 04"),
    Case("sni group", ("org", "add", "--name", "X", "--sni", "01.8"), "no group 01.8"),
    Case("sni class", ("org", "add", "--name", "X", "--sni", "25190"), "no class 25.19"),
    Case("sni second code", ("org", "add", "--name", "X", "--sni", "25110,99.91"), "99.91"),
    Case("founded future", ("org", "add", "--name", "X", "--founded", "2099-01-01"), "future"),
    Case("founded word", ("org", "add", "--name", "X", "--founded", "igår"), "igår"),
    Case(
        "email escape",
        ("contact", "add", "--org", "ABB", "--name", "A", "--email", "a\x1b]0;x\x07@b.se"),
        "\\x1b]0;x\\x07",
    ),
    Case(
        "email no domain",
        ("contact", "add", "--org", "ABB", "--name", "A", "--email", "a@b"),
        "not an e-mail address",
    ),
    Case(
        "phone letters",
        ("contact", "add", "--org", "ABB", "--name", "A", "--phone", "ring"),
        "not a phone number",
    ),
    Case("orgnr taken", ("org", "add", "--name", "X", "--orgnr", "5560360793"), "already"),
    Case("unknown org", ("org", "show", "212000-0142"), "212000-0142"),
    Case("unknown activity", ("activity", "show", "nope"), "nope"),
    Case(
        "contact no org",
        ("contact", "add", "--org", "Finns Inte AB", "--name", "A"),
        "Finns Inte AB",
    ),
    Case(
        "note outside",
        ("note", "set", "-p", "KAIM", "--period", "2030Q1", "-s", "aktiviteter", "--text", "x"),
        "outside project",
    ),
    Case(
        "note section",
        ("note", "set", "-p", "KAIM", "--period", "2025Q2", "-s", "okänd", "--text", "x"),
        "okänd",
    ),
    Case("kpi period", ("kpi", "--project", "KAIM", "--period", "2099Q1"), "outside project"),
    Case("report period", ("report", "-p", "KAIM", "--period", "snart"), "snart"),
    Case("report format", ("report", "-p", "KAIM", "--period", "2025Q2", "--format", "pdf"), "pdf"),
    Case("unknown option", ("org", "list", "--nope"), "No such option"),
    Case(
        "missing option",
        (
            "org",
            "add",
        ),
        "Missing option",
    ),
    Case("escape in input", ("org", "show", "Ond\x1b[2J AB"), "\\x1b[2J"),
    # --- the database option and files given on the command line -----------------------------
    Case("db empty", ("--db", "", "org", "list"), "--db is empty"),
    Case("db missing folder", ("--db", "{dir}/no/such/hub.db", "org", "list"), "does not exist"),
    Case(
        "db is junk",
        ("--db", "{dir}/junk.db", "org", "list"),
        "not a hubtui database",
        (("junk.db", "this is not a database"),),
    ),
    Case(
        "restore junk",
        ("restore", "{dir}/junk.db"),
        "junk.db",
        (("junk.db", b"SQLite format 3\x00" + b"\x00" * 200),),
    ),
    Case("restore missing", ("restore", "{dir}/missing.db"), "no backup file"),
    Case(
        "backup over file",
        ("backup", "--out", "{dir}/taken.db"),
        "already exists",
        (("taken.db", "x"),),
    ),
    Case("import missing", ("import", "{dir}/saknas.csv"), "saknas.csv"),
    Case(
        "import not xlsx",
        ("import", "{dir}/lista.xlsx"),
        "lista.xlsx",
        (("lista.xlsx", b"PK\x03\x04 not really a workbook"),),
    ),
    Case("import empty csv", ("import", "{dir}/tom.csv"), "tom.csv", (("tom.csv", ""),)),
    Case(
        "sync junk",
        ("sync", "import", "{dir}/changes.json"),
        "changes.json",
        (("changes.json", "{ not json"),),
    ),
    Case(
        "sync wrong shape",
        ("sync", "import", "{dir}/changes.json"),
        "changes.json",
        (("changes.json", json.dumps({"records": 5})),),
    ),
    Case(
        "sync binary",
        ("sync", "import", "{dir}/changes.json"),
        "changes.json",
        (("changes.json", b"\xff\xfe\x00garbage"),),
    ),
    # --- goals files -------------------------------------------------------------------------
    _goals_case("goals toml", "[project\ncode=", "goals.toml"),
    _goals_case("goals target huge", _goals("target = 40", "target = 1e300"), "target"),
    _goals_case("goals target negative", _goals("target = 40", "target = -4"), "target"),
    _goals_case("goals target text", _goals("target = 40", 'target = "många"'), "target"),
    _goals_case("goals metric", _goals("companies_supported", "kaffe"), "kaffe"),
    _goals_case("goals end", _goals("end = 2028-02-28", "end = 2024-01-01"), "before its start"),
    _goals_case(
        "goals months",
        _goals("start = 2025-03-01", "start = 2025-03-01\nperiod_months = 0"),
        "period_months",
    ),
    _goals_case("goals no code", _goals('code = "KAIM"\n', ""), "code"),
    _goals_case(
        "goals share",
        _goals(
            'metric = "companies_supported"\ntarget = 40', 'metric = "women_share"\ntarget = 40'
        ),
        "share",
    ),
    _goals_case("goals month 13", _goals("start = 2025-03-01", "start = 2025-13-01"), "line 4"),
    _goals_case("goals start word", _goals("start = 2025-03-01", 'start = "snart"'), "snart"),
    _goals_case("goals code empty", _goals('code = "KAIM"', 'code = ""'), "code is empty"),
    _goals_case("goals code escape", _goals('code = "KAIM"', 'code = "KA\x1b[2JM"'), "\\x1b"),
    _goals_case("goals target bool", _goals("target = 40", "target = true"), "target true"),
    _goals_case("goals target nan", _goals("target = 40", "target = nan"), "target nan"),
    _goals_case("goals same id", GOALS + GOALS[GOALS.index("[[kpi]]") :], "used twice"),
    _goals_case(
        "goals months huge",
        _goals("start = 2025-03-01", "start = 2025-03-01\nperiod_months = 1000000"),
        "period_months",
    ),
    _goals_case(
        "goals name empty",
        _goals('name = "Kompetens AI i Mälardalen"', 'name = ""'),
        "name is empty",
    ),
    _goals_case(
        "goals unknown key",
        _goals("end = 2028-02-28", "end = 2028-02-28\nbudget = 5"),
        "unknown key 'budget'",
    ),
    # --- config files ------------------------------------------------------------------------
    _config_case("config toml", "language = ", "config"),
    _config_case("config language", 'language = "de"', "language"),
    _config_case("config keep zero", "backups_keep = 0", "backups_keep"),
    _config_case("config keep huge", f"backups_keep = {10**15}", "backups_keep"),
    _config_case("config keep text", 'backups_keep = "ten"', "backups_keep"),
    _config_case("config unknown", 'colour = "blue"', "colour"),
    _config_case("config not utf-8", b"advisor = '\xff\xfe'", "config"),
    _config_case("config language number", "language = 5", "must be text"),
    _config_case("config language table", "[language]\nx = 1", "must be text"),
    _config_case("config keep negative", "backups_keep = -1", "backups_keep"),
    _config_case("config advisor number", "advisor = 12", "advisor"),
    _config_case("config project list", 'default_project = ["KAIM"]', "default_project"),
]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """One database for every case (refused commands write nothing), and the environment."""
    folder = tmp_path_factory.mktemp("bad-inputs")
    env = {
        "HOME": str(folder / "home"),
        "XDG_DATA_HOME": str(folder / "home" / "data"),
        "HUBTUI_CONFIG": str(folder / "config.toml"),
        "HUBTUI_ADVISOR": "Test Advisor",
        "HUBTUI_LANGUAGE": "en",
        "HUBTUI_DB": None,  # type: ignore[dict-item]
    }
    db = folder / "hub.db"
    (folder / "goals.toml").write_text(GOALS, encoding="utf-8")
    for args in (
        ["project", "import", str(folder / "goals.toml")],
        ["org", "add", "--name", "ABB Aktiebolag", "--orgnr", "556036-0793"],
    ):
        done = CliRunner().invoke(cli, ["--db", str(db), *args], env=env)
        assert done.exit_code == 0, done.output
    yield db, env


def _run(hub: tuple[Path, dict[str, str]], case: Case, folder: Path) -> Result:
    db, env = hub
    for name, content in case.files:
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    args = [a.replace("{dir}", str(folder)) for a in case.args]
    return CliRunner().invoke(cli, ["--db", str(db), *args], env=env)


def test_the_catalogue_is_large_and_varied() -> None:
    """At least 60 cases on the command line, each kind of file among them; the forms' cases
    are in test_bad_forms.py, the spreadsheets' below."""
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)
    kinds = [c.name.split()[0] for c in CASES]
    assert kinds.count("goals") >= 10 and kinds.count("config") >= 10 and kinds.count("sync") >= 3
    assert len(SHEET_CASES) >= 6


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_in_one_sentence(
    hub: tuple[Path, dict[str, str]], case: Case, tmp_path: Path
) -> None:
    db = hub[0]
    before = dump(db)
    result = _run(hub, case, tmp_path)
    output = result.stdout + result.stderr
    assert result.exit_code == 2, (result.exit_code, output, result.exception)
    assert "Traceback" not in output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("hubtui: "), lines
    sentence = lines[0].removeprefix("hubtui: ")
    assert case.words in sentence, sentence
    assert sentence.endswith(".") and "\x1b" not in sentence
    assert dump(db) == before, "the database changed"


SHEET_CASES: list[tuple[str, list[list[object]]]] = [
    ("huge employees", [["Företag", "Anställda"], ["Stor AB", 10**30], ["Större AB", "1e300"]]),
    ("bad orgnr", [["Företag", "Org.nr"], ["Fel AB", "556036-0794"], ["Fel2 AB", "123"]]),
    ("bad county", [["Företag", "Län"], ["Län AB", "Atlantis"], ["Län2 AB", "99"]]),
    (
        "huge counts",
        [
            ["Datum", "Typ", "Titel", "Kvinnor", "Män"],
            ["2025-05-02", "Seminarium", "A", 2**62, 1],
            ["2025-05-03", "Seminarium", "B", -1, 1],
            ["2025-05-04", "Seminarium", "C", "nan", 1],
        ],
    ),
    (
        "bad hours",
        [
            ["Datum", "Typ", "Titel", "Timmar"],
            ["2025-05-02", "Workshop", "A", 1e300],
            ["2025-05-03", "Workshop", "B", "massor"],
        ],
    ),
    ("escapes", [["Företag", "Org.nr"], ["Ond\x1b]0;x\x07 AB", "556036-0794"]]),
]


@pytest.mark.parametrize(("name", "rows"), SHEET_CASES, ids=[n for n, _ in SHEET_CASES])
def test_spreadsheet_rows_are_refused_with_their_reason(
    hub: tuple[Path, dict[str, str]], tmp_path: Path, name: str, rows: list[list[object]]
) -> None:
    db, env = hub
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    path = tmp_path / "lista.xlsx"
    try:
        for row in rows:
            sheet.append([str(v) if isinstance(v, int) and abs(v) > 2**53 else v for v in row])
        book.save(path)
    except IllegalCharacterError:  # openpyxl refuses control characters in cells: use CSV
        path = tmp_path / "lista.csv"
        path.write_text("\n".join(";".join(map(str, r)) for r in rows), encoding="utf-8")
    before = dump(db)
    args = ["--db", str(db), "import", str(path), "--project", "KAIM"]
    result = CliRunner().invoke(cli, args, env=env)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and result.exit_code in (0, 2), (output, result.exception)
    assert dump(db) == before
    if result.exit_code == 0:
        rejected = [line for line in result.stdout.splitlines() if "rejected" in line]
        assert len(rejected) >= len(rows) - 1, result.stdout
        assert "\x1b" not in output
