import tomllib
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hubtui.domain.activity_types import ACTIVITY_TYPES, Category, OrgKind, SupportForm
from hubtui.domain.goals import (
    METRICS,
    RATIO_METRICS,
    WHERE_KEYS,
    GoalsError,
    GoalsFile,
    KpiSpec,
    ProjectSpec,
    parse_goals,
)
from hubtui.domain.goals_toml import dump_goals
from hubtui.domain.regions import all_counties
from hubtui.domain.size import SizeClass
from hubtui.errors import UserError

EXAMPLE = """\
[project]
code = "KAIM"
name = "Kraftsamling AI Mälardalen"
start = 2025-03-01
end = 2028-02-28
counties = ["19", "04"]            # optional; empty means anywhere
funders = ["Region Västmanland 1:1", "Region Sörmland", "ERUF", "MDU"]

[[kpi]]
id = "smf-stod"
label = "SMF som fått stöd"
metric = "companies_supported"
target = 60
where = { size = ["micro", "small", "medium"] }

[[kpi]]
id = "kvinnor"
label = "Andel kvinnor"
metric = "women_share"
target = 0.4
"""


def test_example() -> None:
    g = parse_goals(EXAMPLE, "kaim.toml")
    assert g.project == ProjectSpec(
        code="KAIM",
        name="Kraftsamling AI Mälardalen",
        start=date(2025, 3, 1),
        end=date(2028, 2, 28),
        counties=("19", "04"),
        funders=("Region Västmanland 1:1", "Region Sörmland", "ERUF", "MDU"),
    )
    smf = g.kpi("smf-stod")
    assert smf == KpiSpec(
        "smf-stod", "SMF som fått stöd", "companies_supported", 60,
        {"size": ("micro", "small", "medium")},
    )  # fmt: skip
    assert isinstance(smf.target, int)
    assert g.kpi("kvinnor").is_ratio and g.kpi("kvinnor").target == 0.4
    with pytest.raises(UserError, match="no kpi 'x'; use one of smf-stod, kvinnor"):
        g.kpi("x")


def test_dump_looks_like_the_example() -> None:
    text = dump_goals(parse_goals(EXAMPLE))
    assert text == (
        "[project]\n"
        'code = "KAIM"\n'
        'name = "Kraftsamling AI Mälardalen"\n'
        "start = 2025-03-01\n"
        "end = 2028-02-28\n"
        'counties = ["19", "04"]\n'
        'funders = ["Region Västmanland 1:1", "Region Sörmland", "ERUF", "MDU"]\n'
        "\n[[kpi]]\n"
        'id = "smf-stod"\n'
        'label = "SMF som fått stöd"\n'
        'metric = "companies_supported"\n'
        "target = 60\n"
        'where = { size = ["micro", "small", "medium"] }\n'
        "\n[[kpi]]\n"
        'id = "kvinnor"\n'
        'label = "Andel kvinnor"\n'
        'metric = "women_share"\n'
        "target = 0.4\n"
    )


def test_normalisation() -> None:
    text = EXAMPLE.replace('counties = ["19", "04"]', 'counties = ["Västmanlands län", 4, "19"]')
    text = text.replace("target = 60", "target = 60.0")
    text = text.replace(
        'where = { size = ["micro", "small", "medium"] }',
        'where = { manufacturing = false, size = "Micro", counties = ["sörmland"], '
        'types = ["Seminar", "seminar"] }',
    )
    g = parse_goals(text)
    assert g.project.counties == ("19", "04")
    smf = g.kpi("smf-stod")
    assert smf.target == 60 and isinstance(smf.target, int)
    assert list(smf.where.items()) == [
        ("types", ("seminar",)), ("size", ("micro",)), ("counties", ("04",)),
        ("manufacturing", False),
    ]  # fmt: skip
    dumped = dump_goals(g)
    assert (
        'where = { types = ["seminar"], size = ["micro"], counties = ["04"], '
        "manufacturing = false }" in dumped
    )
    assert parse_goals(dumped) == g


def test_label_defaults_to_metric_label() -> None:
    text = EXAMPLE.replace('label = "Andel kvinnor"\n', "")
    assert parse_goals(text).kpi("kvinnor").label == METRICS["women_share"].sv


def test_optional_project_fields() -> None:
    text = EXAMPLE.replace(
        "[project]\n",
        '[project]\nperiod_months = 6\nowner = "MDU"\ndescription = """Två\nrader"""\n',
    )
    p = parse_goals(text).project
    assert (p.period_months, p.owner, p.description) == (6, "MDU", "Två\nrader")
    dumped = dump_goals(parse_goals(text))
    assert parse_goals(dumped).project == p
    minimal = '[project]\ncode = "X"\nname = "Y"\nstart = "2025-01-01"\nend = 2025-12-31\n'
    g = parse_goals(minimal)
    assert g.kpis == () and g.project.counties == () and g.project.start == date(2025, 1, 1)
    assert dump_goals(g) == (
        '[project]\ncode = "X"\nname = "Y"\nstart = 2025-01-01\nend = 2025-12-31\n'
        "counties = []\nfunders = []\n"
    )


def test_long_funder_list_wraps() -> None:
    funders = [f"Finansiär nummer {i}" for i in range(8)]
    g = GoalsFile(ProjectSpec("X", "Y", date(2025, 1, 1), date(2026, 1, 1), funders=tuple(funders)))
    text = dump_goals(g)
    assert 'funders = [\n    "Finansiär nummer 0",\n' in text
    assert max(len(line) for line in text.splitlines()) <= 100
    assert parse_goals(text) == g


# --------------------------------------------------------------------------- errors


def _error(text: str) -> str:
    with pytest.raises(GoalsError) as info:
        parse_goals(text, "kaim.toml")
    message = str(info.value)
    assert message.startswith("Goals file kaim.toml")
    assert message.endswith(".") and "\n" not in message
    return message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('metric = "women_share"', 'metric = "woman_share"',
         "line 19: kpi 'kvinnor' has unknown metric 'woman_share'; use one of companies_supported"),
        ('metric = "women_share"', "metric = 3", "kpi 'kvinnor' has unknown metric 3;"),
        ("end = 2028-02-28", "end = 2024-02-28",
         "line 5: project end 2024-02-28 is before its start 2025-03-01"),
        ("target = 0.4", "target = 40", "line 20: kpi 'kvinnor' has target 40 for the share"),
        ("target = 0.4", "target = -1", "kpi 'kvinnor' has target -1; write a number"),
        ("target = 0.4", "target = true", "kpi 'kvinnor' has target true"),
        ("target = 0.4", 'target = "40"', "kpi 'kvinnor' has target \"40\""),
        ("target = 0.4", "target = nan", "kpi 'kvinnor' has target nan"),
        ("target = 0.4", "target = inf", "kpi 'kvinnor' has target inf"),
        ("target = 0.4\n", "", "line 16: kpi 'kvinnor' is missing 'target'; add it"),
        ('metric = "women_share"\n', "", "kpi 'kvinnor' is missing 'metric'"),
        ('id = "kvinnor"\n', "", 'line 16: kpi number 2 has no id; add id = "…"'),
        ('id = "kvinnor"', 'id = ""', "The id of kpi number 2 is empty"),
        ('id = "kvinnor"', 'id = "smf-stod"',
         "line 17: kpi id 'smf-stod' is used twice; give each kpi its own id"),
        ("target = 0.4", "tarket = 0.4", "line 20: kpi 'kvinnor' has unknown key 'tarket'"),
        ('"micro", ', '"mikro", ', "line 14: kpi 'smf-stod' where.size: 'mikro' is not a size"),
        ("size = [", "typ = [", "kpi 'smf-stod' where has unknown key 'typ'; use one of types,"),
        ("size = [", "types = [", "where.types: 'micro' is not an activity type"),
        ("size = [", "categories = [", "where.categories: 'micro' is not a service category"),
        ("size = [", "counties = [", "where.counties: 'micro' is not a Swedish county"),
        ("size = [", "kinds = [", "where.kinds: 'micro' is not an organisation kind"),
        ("size = [", "support = [", "where.support: 'micro' is not a support form"),
        ('size = ["micro", "small", "medium"]', 'manufacturing = "yes"',
         "where.manufacturing must be true or false"),
        ('size = ["micro", "small", "medium"]', "size = [1.5]",
         "where.size must be a list of text"),
        ('where = { size = ["micro", "small", "medium"] }', "where = 3",
         "kpi 'smf-stod' has a where that is not a table"),
        ('code = "KAIM"\n', "", "line 1: [project] is missing 'code'; add it"),
        ('name = "Kraftsamling AI Mälardalen"', 'name = "  "', "line 3: Project name is empty"),
        ('code = "KAIM"', "code = 7", "line 2: Project code must be text in quotes"),
        ('"19", "04"', '"19", "99"', "line 6: project counties: '99' is not a Swedish county"),
        ('counties = ["19", "04"]', "counties = 1.5", "Project counties must be a list of text"),
        ("start = 2025-03-01", "start = 2025-03-01T10:00:00",
         "line 4: Project start has a time of day"),
        ("start = 2025-03-01", 'start = "2025-03-32"',
         "line 4: Project start: Date '2025-03-32' is not a date; write it as YYYY-MM-DD"),
        ("start = 2025-03-01", "start = 20250301", "Project start is not a date"),
        ("[project]\n", "[project]\nperiod_months = 0\n",
         "line 2: period_months 0 must be a whole number of months from 1 to 24"),
        ("[project]\n", "[project]\nperiod_months = 3.0\n", "period_months 3.0 must be"),
        ("[project]\n", "[project]\ncolour = 3\n", "line 2: [project] has unknown key 'colour'"),
        ("[project]", "[projekt]",
         "line 1: unknown table [projekt]; use [project], [aid] and [[kpi]]"),
        ("target = 0.4", "target = 0.4 0",
         "line 20, column 14: expected newline or end of document after a statement in the TOML"),
        ('code = "KAIM"', 'code = "KAIM', "line 2, column"),
    ],
)  # fmt: skip
def test_errors(old: str, new: str, expected: str) -> None:
    assert old in EXAMPLE
    assert expected in _error(EXAMPLE.replace(old, new, 1))


def test_structural_errors() -> None:
    assert "the [project] table is missing" in _error('[[kpi]]\nid = "a"\n')
    assert "[project] must be a table" in _error('project = "x"\n')
    assert "'kpi' must be written as [[kpi]] tables" in _error(
        EXAMPLE.split("[[kpi]]")[0].replace("[project]\n", 'kpi = "x"\n[project]\n')
    )
    assert "kpi number 1 is not a table" in _error(
        EXAMPLE.split("[[kpi]]")[0].replace("[project]\n", "kpi = [1]\n[project]\n")
    )
    sub = EXAMPLE.replace('where = { size = ["micro", "small", "medium"] }\n', "")
    sub += '\n[kpi.where]\nsize = ["mikro"]\n'
    assert "line 21: kpi 'kvinnor' where.size: 'mikro'" in _error(sub)


def test_default_source_name() -> None:
    with pytest.raises(GoalsError, match=r"^Goals file goals file, line 1"):
        parse_goals("[x]\n")


# --------------------------------------------------------------------------- round trips

CODES = [c.code for c in all_counties()]
safe_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() == s and s != "")
ids = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_åäö", min_size=1, max_size=12)


def _subset(values: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(values), min_size=1, max_size=4, unique=True).map(tuple)


where_strategy = st.fixed_dictionaries(
    {},
    optional={
        "types": _subset(list(ACTIVITY_TYPES)),
        "categories": _subset([c.value for c in Category]),
        "size": _subset([s.value for s in SizeClass]),
        "counties": _subset(CODES),
        "kinds": _subset([k.value for k in OrgKind]),
        "support": _subset([s.value for s in SupportForm]),
        "manufacturing": st.booleans(),
    },
).map(lambda d: {k: d[k] for k in WHERE_KEYS if k in d})


@st.composite
def kpi_strategy(draw: st.DrawFn, kid: str) -> KpiSpec:
    metric = draw(st.sampled_from(list(METRICS)))
    if metric in RATIO_METRICS:
        target: Any = draw(st.floats(0, 1, allow_nan=False))
    else:
        target = draw(st.integers(0, 10**9) | st.floats(0, 1e12, allow_nan=False))
    if isinstance(target, float) and target.is_integer():
        target = int(target)
    return KpiSpec(kid, draw(safe_text), metric, target, draw(where_strategy))


@st.composite
def goals_strategy(draw: st.DrawFn) -> GoalsFile:
    start = draw(st.dates(date(2000, 1, 1), date(2100, 1, 1)))
    end = start + timedelta(days=draw(st.integers(0, 4000)))
    project = ProjectSpec(
        code=draw(safe_text),
        name=draw(safe_text),
        start=start,
        end=end,
        counties=tuple(draw(st.lists(st.sampled_from(CODES), max_size=4, unique=True))),
        funders=tuple(draw(st.lists(safe_text, max_size=6, unique=True))),
        period_months=draw(st.integers(1, 24)),
        owner=draw(st.just("") | safe_text),
        description=draw(st.just("") | safe_text | st.just("Rad ett\nrad två\n")),
    )
    kids = draw(st.lists(ids, max_size=6, unique=True))
    return GoalsFile(project, tuple(draw(kpi_strategy(k)) for k in kids))


@settings(max_examples=150, deadline=None)
@given(goals_strategy())
def test_round_trip(g: GoalsFile) -> None:
    text = dump_goals(g)
    tomllib.loads(text)  # valid TOML
    parsed = parse_goals(text)
    assert parsed == g
    assert dump_goals(parsed) == text
