"""The project's particulars in the goals file and the report; the EDIH files' country, NUTS
and NACE columns and their refusal for a project that is not an EDIH."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from report_fixture import GOALS, Fixture, report_of, request_of

from hubtui.domain.goals import GoalsError, parse_goals
from hubtui.domain.goals_toml import dump_goals
from hubtui.domain.regions import nuts_code
from hubtui.domain.sni import nace_class
from hubtui.errors import UserError
from hubtui.reports.export import export_report
from hubtui.reports.formats.markdown import render_markdown
from hubtui.reports.labels import goal_label
from hubtui.reports.tables import indicator_label, rule_lines
from hubtui.services.organisations import update_organisation
from hubtui.services.projects import import_goals


def test_particulars_are_read_validated_and_written_back() -> None:
    goals = parse_goals(GOALS, "rapp.toml")
    p = goals.project
    assert (p.owner, p.beneficiary_orgnr, p.case_number) == (
        "Innovationsnod Västmanland",
        "556036-0793",
        "20201234",
    )
    assert p.edih and p.contact.startswith("Anna")
    text = dump_goals(goals)
    assert 'beneficiary = "Innovationsnod Västmanland"' in text and "owner" not in text
    assert parse_goals(text) == goals
    new_key = GOALS.replace("owner =", "beneficiary =")
    assert parse_goals(new_key).project.owner == "Innovationsnod Västmanland"


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ('beneficiary_orgnr = "556036-0793"', 'beneficiary_orgnr = "556036-0794"', "line"),
        ("edih = true", 'edih = "yes"', "edih must be true or false"),
        ("edih = true", 'edih = true\nbeneficiary = "X"', "both beneficiary and owner"),
        ('case_number = "20201234"', "case_number = 20201234", "case_number must be text"),
    ],
)
def test_bad_particulars_are_refused_in_one_sentence(old: str, new: str, says: str) -> None:
    with pytest.raises(GoalsError) as info:
        parse_goals(GOALS.replace(old, new), "rapp.toml")
    message = str(info.value)
    assert says in message and message.startswith("Goals file rapp.toml")


def test_the_overview_has_every_particular(rapp: Fixture) -> None:
    text = render_markdown(report_of(rapp.store, "RAPP", "2026Q3"))
    for line in (
        "| Ärendenummer | 20201234 |",
        "| Stödmottagare | Innovationsnod Västmanland (556036-0793) |",
        "| Program och fond | Regionalfonden Norra Mellansverige 2021–2027 |",
        "| Kontaktperson | Anna Ansvarig, anna@nod.se |",
    ):
        assert line in text


def test_nuts_and_nace() -> None:
    assert nuts_code("19") == "SE125" and nuts_code("01") == "SE110" and nuts_code(None) == ""
    assert nace_class("25110") == "25.11" and nace_class("62.010") == "62.01"


def test_edih_customers_have_country_nuts_and_nace(rapp: Fixture, tmp_path: Path) -> None:
    alfa = (
        next(o for o in rapp.orgs if o.name == "Alfa Verkstad AB")
        if hasattr(rapp, "orgs")
        else None
    )
    del alfa
    export_report(rapp.store, request_of(rapp.store, "RAPP", "2026Q3", ["edih"], out=tmp_path))
    text = (tmp_path / "edih-RAPP-2026Q3-customers.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    first = rows[0]
    assert first["country"] == "SE" and first["nuts_code"] == "SE125"
    assert first["region"] == "Västmanlands län"
    assert all(all(part.count(".") == 1 for part in row["nace_codes"].split()) for row in rows)


def test_edih_files_only_for_an_edih_project(rapp: Fixture, tmp_path: Path) -> None:
    import_goals(rapp.store, parse_goals(GOALS.replace("edih = true", "edih = false")))
    out = tmp_path / "out"
    with pytest.raises(UserError, match="not marked as a European Digital Innovation Hub"):
        export_report(rapp.store, request_of(rapp.store, "RAPP", "2026Q3", ["md", "edih"], out=out))
    assert not out.exists()  # nothing written, not even the Markdown


def test_a_foreign_customer_is_not_reported_as_swedish(rapp: Fixture, tmp_path: Path) -> None:
    from hubtui.services.organisations import resolve_organisation

    beta = resolve_organisation(rapp.store, "Beta Data")
    update_organisation(rapp.store, beta.id, country="NO")
    export_report(rapp.store, request_of(rapp.store, "RAPP", "2026Q3", ["edih"], out=tmp_path))
    text = (tmp_path / "edih-RAPP-2026Q3-customers.csv").read_text(encoding="utf-8-sig")
    row = next(
        r for r in csv.DictReader(io.StringIO(text), delimiter=";") if "Beta" in r["customer_name"]
    )
    assert row["country"] == "NO" and row["nuts_code"] == "" and row["region"] == ""


def test_an_english_report_uses_the_goals_english_labels(rapp: Fixture) -> None:
    goals = parse_goals(GOALS)
    assert goals.kpi("companies").label_en == "Enterprises supported"
    assert parse_goals(dump_goals(goals)) == goals
    report = report_of(rapp.store, "RAPP", "2026Q3")  # one model, named in either language
    english = {i.id: indicator_label(i, "en") for i in report.indicators}
    swedish = {i.id: indicator_label(i, "sv") for i in report.indicators}
    assert english["companies"] == "Enterprises supported"
    assert swedish["companies"] == "Företag som fått stöd"
    size_kpi = goal_label(report.size_kpi_label, report.size_kpi_label_en, "en")
    assert size_kpi == "Enterprises supported"
    rules = rule_lines(report, "en")
    assert any(rule.startswith("Enterprises supported: counts enterprises") for rule in rules)
    # without label_en the goals file's label is used
    assert english["seminars"] == "Seminarier"
