"""`hubtui org add/edit/list/show`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from click.testing import Result


def test_add_prints_id_and_flags_personal_numbers(
    run_ok: Callable[..., str], run_cli: Callable[..., Result]
) -> None:
    result = run_cli(
        "org",
        "add",
        "--name",
        "Verkstad AB",
        "--orgnr",
        "5560360793",
        "--county",
        "Västmanland",
        "--municipality",
        "1980",
        "--employees",
        "30",
        "--sni",
        "25.110",
        "--sni",
        "62010",
        "--kind",
        "company",
        "--founded",
        "2022-02-02",
        "--leader-gender",
        "woman",
        "--size-override",
        "medium",
        "--website",
        "https://v.se",
        "--notes",
        "hello",
    )
    assert result.exit_code == 0, result.stderr
    org_id = result.stdout.strip()
    shown = json.loads(run_ok("org", "list", "--format", "json"))
    assert shown[0]["id"] == org_id
    assert shown[0]["sni_codes"] == ["25110", "62010"]
    assert shown[0]["size_class"] == "medium" and shown[0]["leader_gender"] == "woman"
    solo = run_cli("org", "add", "--name", "Anna Konsult", "--orgnr", "811218-9876")
    assert solo.exit_code == 0 and "personnummer" in solo.stderr


def test_edit_show_and_list(
    run_ok: Callable[..., str], run_cli: Callable[..., Result], seeded: dict[str, str]
) -> None:
    assert "Updated ABB Aktiebolag" in run_ok("org", "edit", "556036-0793", "--employees", "400")
    shown = run_ok("org", "show", "abb")
    assert "size class       Large enterprise" in shown and seeded["abb"] in shown
    table = run_ok("org", "list", "--size", "large")
    assert "ABB Aktiebolag" in table and "Mälarenergi AB" in table
    assert "Mälarenergi" not in run_ok("org", "list", "--search", "556036")
    assert "ABB" not in run_ok("org", "list", "--search", "energi")
    rows = list(csv.DictReader(io.StringIO(run_ok("org", "list", "--format", "csv"))))
    assert [r["orgnr"] for r in rows] == ["556036-0793", "556703-7485"]
    limited = run_cli("org", "list", "--limit", "1")
    assert limited.exit_code == 0 and "(1 of 2" in limited.stderr
    assert run_ok("org", "list", "--kind", "research").rstrip().endswith("(none)")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["org", "add", "--name", "X", "--orgnr", "556036-0794"], "fails the check digit"),
        (["org", "add", "--name", "X", "--county", "99"], "'99' is not a Swedish county"),
        (["org", "add", "--name", "X", "--municipality", "0000"], "not a Swedish municipality"),
        (["org", "add", "--name", "X", "--county", "01", "--municipality", "1980"], "lies in"),
        (["org", "add", "--name", "X", "--employees", "-1"], "cannot be negative"),
        (["org", "add", "--name", "X", "--founded", "2020-02-30"], "is not a date"),
        (["org", "add", "--name", "X", "--orgnr", "5560360793"], "already registered"),
        (["org", "edit", "Volvo", "--employees", "3"], "No organisation matches 'Volvo'"),
        (["org", "edit", "ab", "--employees", "3"], "matches several organisations"),
        (["org", "edit", "abb"], "Nothing to change"),
        (["org", "show", "2120000142"], "No organisation has orgnr 212000-0142"),
        (["org", "list", "--county", "Atlantis"], "not a Swedish county"),
    ],
)
def test_user_errors(
    seeded: dict[str, str], refused: Callable[..., str], args: list[str], message: str
) -> None:
    assert message in refused(*args)
