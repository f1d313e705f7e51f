"""Every file hubtui reads is fuzzed: a clear error or a correct result, never a crash.

Goals files, config files and sync change files get random bytes, random text and, most
usefully, well-formed TOML/JSON whose keys are right but whose values are anything.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hubtui.cli.root import cli
from hubtui.config import Config, load_config
from hubtui.domain.goals import KPI_KEYS, PROJECT_KEYS, GoalsFile, parse_goals
from hubtui.domain.metrics import METRICS
from hubtui.errors import UserError
from hubtui.store import migrate
from hubtui.sync.files import FORMAT, VERSION, ChangeFile, RejectedFile, decode_file
from hubtui.sync.records import FIELDS

FUZZ = settings(
    max_examples=int(os.environ.get("HUBTUI_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# TOML values of every kind (tomli_w writes all of these)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1)),
    st.sampled_from(["19", "04", "Västmanland", "seminar", "micro", "2026-01-01", ""]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def _tomlable(data: dict[str, Any]) -> str | None:
    try:
        return tomli_w.dumps(_drop_none(data))
    except (TypeError, ValueError):
        return None


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


# --- goals files ---------------------------------------------------------------------------
names = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=20)
valid_project = st.fixed_dictionaries(
    {
        "code": st.from_regex(r"[A-Z][A-Z0-9-]{1,10}", fullmatch=True),
        "name": names.filter(str.strip),
        "start": st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)),
        "end": st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2030, 12, 31)),
    },
    optional={
        "counties": st.lists(st.sampled_from(["19", "04", "01", "Västmanland"]), max_size=3),
        "funders": st.lists(names, max_size=3),
        "period_months": st.integers(min_value=1, max_value=12),
        "owner": names,
        "description": names,
    },
)
valid_kpi = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z][a-z0-9_]{0,10}", fullmatch=True),
        "metric": st.sampled_from(sorted(set(METRICS) - {"women_share"})),
        "target": st.integers(min_value=0, max_value=500),
    },
    optional={
        "label": names.filter(str.strip),
        "where": st.fixed_dictionaries(
            {},
            optional={
                "types": st.lists(st.sampled_from(["seminar", "visit", "workshop"]), max_size=2),
                "size": st.lists(st.sampled_from(["micro", "small", "medium"]), max_size=2),
                "manufacturing": st.booleans(),
            },
        ),
    },
)
# anything in the right places: keys that exist, values of any kind
rough_project = st.dictionaries(st.sampled_from(PROJECT_KEYS), values, max_size=6)
rough_kpi = st.dictionaries(st.sampled_from(KPI_KEYS) | st.text(max_size=6), values, max_size=5)
goals_data = st.fixed_dictionaries(
    {"project": valid_project | rough_project},
    optional={"kpi": st.lists(valid_kpi | rough_kpi, max_size=4)},
)
valid_goals = st.fixed_dictionaries(
    {"project": valid_project}, optional={"kpi": st.lists(valid_kpi, max_size=4)}
)


def _parsed(text: str) -> GoalsFile | None:
    try:
        return parse_goals(text, source="fuzz.toml")
    except UserError as e:
        assert str(e).strip() and "\n" not in str(e).strip(), repr(e)
        return None


@FUZZ
@given(st.text(max_size=300))
def test_goals_parser_on_any_text(text: str) -> None:
    _parsed(text)


@FUZZ
@given(goals_data)
def test_goals_parser_on_wellformed_toml(data: dict[str, Any]) -> None:
    text = _tomlable(data)
    if text is not None:
        _parsed(text)


@settings(FUZZ, max_examples=max(10, FUZZ.max_examples // 5))
@given(valid_goals | goals_data)
def test_goals_import_command(data: dict[str, Any]) -> None:
    text = _tomlable(data)
    if text is None:
        return
    expected = _parsed(text)
    with tempfile.TemporaryDirectory() as folder:
        goals, db = Path(folder) / "goals.toml", Path(folder) / "hub.db"
        goals.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(cli, ["--db", str(db), "project", "import", str(goals)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        if expected is None:
            assert result.exit_code == 2 and result.stderr.startswith("hubtui: ")
            return
        event("a goals file was imported")
        assert result.exit_code == 0, result.output
        exported = CliRunner().invoke(
            cli, ["--db", str(db), "project", "export", expected.project.code]
        )
        assert exported.exit_code == 0, exported.output
        assert parse_goals(exported.stdout) == expected  # what was imported is what is held


# --- config files --------------------------------------------------------------------------
config_data = st.dictionaries(
    st.sampled_from(["advisor", "language", "theme", "default_project", "database"])
    | st.sampled_from(["backups_keep", "keymap"])
    | st.text(max_size=10),
    values | st.sampled_from(["sv", "en", 1, 10, 0]),
    max_size=5,
)


@FUZZ
@given(st.binary(max_size=200) | config_data.map(lambda d: (_tomlable(d) or "").encode()))
def test_config_loader(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_bytes(raw)
        try:
            config = load_config(path)
        except UserError as e:
            assert str(e).strip()
            return
    assert isinstance(config, Config)
    assert config.language in ("sv", "en") and config.backups_keep >= 1


# --- sync change files ---------------------------------------------------------------------
record_values = st.fixed_dictionaries(
    {name: st.text(max_size=12) for name in FIELDS},
) | st.fixed_dictionaries(
    {
        "id": st.uuids().map(str),
        "entity": st.sampled_from(["organisation", "contact", "activity", "nothing"]),
        "entity_id": st.uuids().map(str),
        "field": st.sampled_from(["*", "name", "deleted", "employees", "bogus"]),
        "value": values.map(lambda v: json.dumps(v, default=str)) | st.text(max_size=10),
        "hlc": st.sampled_from(["1795386121591.000001", "17953861215.1", ""]),
        "origin": st.uuids().map(str),
        "advisor": st.text(max_size=8),
        "recorded_at": st.sampled_from(["2026-11-22T10:00:00+00:00", "yesterday", ""]),
    }
)


def change_file(records: list[Any], header_changes: dict[str, Any]) -> bytes:
    payload = b"".join(json.dumps(r, default=str).encode() + b"\n" for r in records)
    header = {
        "format": FORMAT,
        "version": VERSION,
        "schema": migrate.head_revision(),
        "origin": "01a20559-db9f-7503-80fd-09d9b59fac4a",
        "records": len(records),
        "sha256": hashlib.sha256(payload).hexdigest(),
        **header_changes,
    }
    return gzip.compress(json.dumps(header, default=str).encode() + b"\n" + payload)


@FUZZ
@given(
    st.lists(record_values | values, max_size=4),
    st.dictionaries(st.sampled_from(["format", "version", "schema", "records", "sha256"]), values),
    st.integers(min_value=0, max_value=400),
    st.booleans(),
)
def test_sync_file_reader(
    records: list[Any], header_changes: dict[str, Any], cut: int, truncate: bool
) -> None:
    raw = change_file(records, header_changes)
    if truncate:
        raw = raw[:cut]
    try:
        decoded = decode_file(raw)
    except RejectedFile as e:
        assert str(e).strip()
        return
    assert isinstance(decoded, ChangeFile) and len(decoded.records) == len(records)


@FUZZ
@given(st.binary(max_size=300))
def test_sync_file_reader_on_any_bytes(raw: bytes) -> None:
    for candidate in (raw, gzip.compress(raw)):
        try:
            decode_file(candidate)
        except RejectedFile as e:
            assert str(e).strip()


# --- sync change files, imported for real ---------------------------------------------------
def _real_records() -> list[dict[str, Any]]:
    """The change records of a small real database (organisations and contacts)."""
    from safety_data import fill

    from hubtui.store import open_store
    from hubtui.sync.records import changes_after

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "source.db")
        fill(store)
        with store.read() as conn:
            records = changes_after(conn, 0)
        store.close()
    return [{k: v for k, v in r.items() if k != "seq"} for r in records]


REAL_RECORDS = _real_records()
mutations = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=len(REAL_RECORDS) - 1),
        st.sampled_from(["value", "field", "entity_id", "entity"]),
        values.map(lambda v: json.dumps(v, default=str))
        | st.sampled_from(['{"name": null}', '{"employees": "many"}', '"x"', "{}", "[]"]),
    ),
    max_size=4,
)


@settings(FUZZ, max_examples=max(10, FUZZ.max_examples // 4))
@given(mutations)
def test_sync_folder_imports_mutated_files_or_sets_them_aside(
    changes: list[tuple[int, str, str]],
) -> None:
    """Real records with values changed (a well-formed file with a valid checksum): the sync
    imports it and the database stays consistent, or it reports the file as rejected."""
    from hubtui.store import open_store
    from hubtui.sync.files import encode_file
    from hubtui.sync.folder import sync_folder

    records = [dict(r) for r in REAL_RECORDS]
    for index, key, value in changes:
        records[index][key] = value if key == "value" else value[:36]
    with tempfile.TemporaryDirectory() as folder:
        shared = Path(folder) / "shared"
        origin = "01a20559-db9f-7503-80fd-09d9b59fac4a"
        (shared / origin).mkdir(parents=True)
        try:
            data, _ = encode_file(records, origin=origin, name="fuzz")
        except (TypeError, ValueError):
            return  # not something hubtui itself could have written
        (shared / origin / "00000001.hubsync").write_bytes(data)
        store = open_store(Path(folder) / "hub.db")
        try:
            report = sync_folder(store, shared)
            with store.read() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        finally:
            store.close()
    assert len(report.imported) + len(report.rejected) == 1
    if report.rejected:
        assert report.rejected[0][1].strip()
    else:
        event("a mutated change file was imported")
