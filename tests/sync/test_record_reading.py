"""Reading change files the quick way gives exactly what the plain way gives: the same records,
or the same refusal with the same reason.

`_plain_read` is the straightforward reading (every line's bytes through json.loads, every
field checked in order) that hubtui.sync.files and records shortcut for speed; Hypothesis
feeds both the same payloads, well-formed and not.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hubtui.store import migrate
from hubtui.store.codec import recorded_columns
from hubtui.store.erasure import accepts_erasure_record
from hubtui.store.models import ENTITIES
from hubtui.sync import records as R
from hubtui.sync.files import FORMAT, VERSION, RejectedFile, decode_file

_ORG = {"deleted": False, "name": "Acme AB", "employees": 12, "founded": "2001-02-03"}
_GOOD = {
    "id": "01a23b68-1e8f-74fc-92ea-942c990bd7bb",
    "entity": "organisation",
    "entity_id": "01a23b68-1e8f-74fc-92ea-942bd5fe8c96",
    "field": "*",
    "value": json.dumps(_ORG),
    "hlc": "1796293009039.000000",
    "origin": "01a23b68-1e3a-74de-883d-b8bc28a8522e",
    "advisor": "Anna",
    "recorded_at": "2026-12-03T10:16:49.039733+00:00",
}
_ODD_TEXT = st.sampled_from(
    [
        *("", " ", "*", "Åsa", "x" * 40, "deleted", "employees", "name", "founded", "contact"),
        *("1796293009039.000000\n", "١٧٩٦٢٩٣٠٠٩٠٣٩.000000", "2026-12-03", "2026-12-03T10:16:49"),
    ]
)
_ODD_VALUE = st.one_of(
    st.sampled_from(['"x"', "12", "-1", "1e400", "NaN", "null", "true", "[1]", " 12 ", "12 x"]),
    st.sampled_from(['{"name": null}', '{"nme": 1}', '{"deleted": 1, "name": "A"}', "\ufeff1"]),
    st.builds(json.dumps, st.dictionaries(st.sampled_from([*_ORG, "x"]), st.none() | st.text())),
)


@st.composite
def _lines(draw: st.DrawFn) -> bytes:
    record: dict[str, Any] = dict(_GOOD)
    for name in draw(st.lists(st.sampled_from(R.FIELDS), max_size=2)):
        kind = draw(st.sampled_from(["drop", "text", "value", "number"]))
        if kind == "drop":
            record.pop(name, None)
        elif kind == "text":
            record[name] = draw(_ODD_TEXT)
        elif kind == "value":
            record[name] = draw(_ODD_VALUE)
        else:
            record[name] = 7
    if draw(st.booleans()):
        record["field"], record["value"] = draw(st.sampled_from(list(_ORG))), draw(_ODD_VALUE)
    shape = draw(st.sampled_from(["compact", "spaced", "padded", "bom", "list", "latin-1"]))
    if shape == "list":
        return json.dumps([record]).encode()
    text = json.dumps(record, ensure_ascii=False, indent=1 if shape == "spaced" else None)
    line = text.replace("\n", " ")
    if shape == "padded":
        line = f"  {line} "
    if shape == "bom":
        return b"\xef\xbb\xbf" + line.encode()
    return line.encode("latin-1", "replace") if shape == "latin-1" else line.encode()


def _plain_check(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise R.BadRecord("a line is not a change record")
    missing = [name for name in R.FIELDS if name not in raw]
    if missing:
        raise R.BadRecord(f"a change record lacks {', '.join(missing)}")
    for name in R.FIELDS:
        if not isinstance(raw[name], str):
            raise R.BadRecord(f"a change record's {name} is not text")
    entity, field = raw["entity"], raw["field"]
    if entity not in ENTITIES:
        raise R.BadRecord(f"a change record names an unknown kind of row '{entity[:40]}'")
    columns = recorded_columns(entity)
    if field != "*" and field not in columns and not accepts_erasure_record(entity, field):
        raise R.BadRecord(f"a change record names an unknown field {entity}.{field[:40]}")
    for name in ("id", "entity_id", "origin"):
        if not raw[name] or len(raw[name]) > 36:
            raise R.BadRecord(f"a change record has an invalid {name}")
    if not R._HLC.match(raw["hlc"]):
        raise R.BadRecord("a change record has an invalid clock stamp")
    try:
        value = json.loads(raw["value"])
        recorded_at = dt.datetime.fromisoformat(raw["recorded_at"])
    except ValueError:
        raise R.BadRecord("a change record's value or time cannot be read") from None
    if field == "*" and not (isinstance(value, dict) and set(value) <= set(columns)):
        raise R.BadRecord(f"an insert record for {entity} carries unknown fields")
    if field == "*":
        R._check_values(entity, value, whole_row=True)
    elif field in columns:
        R._check_values(entity, {field: value}, whole_row=False)
    if recorded_at.tzinfo is None:
        recorded_at = recorded_at.replace(tzinfo=dt.UTC)
    return {**{name: raw[name] for name in R.FIELDS}, "recorded_at": recorded_at, R.PARSED: value}


def _plain_read(payload: bytes) -> list[dict[str, Any]] | str:
    out = []
    for line in payload.splitlines():
        try:
            out.append(_plain_check(json.loads(line)))
        except ValueError as e:
            reason = str(e) if isinstance(e, R.BadRecord) else "a line is not JSON"
            return f"it holds a bad change record ({reason})"
    return out


def _quick_read(payload: bytes) -> list[dict[str, Any]] | str:
    header = {
        "format": FORMAT,
        "version": VERSION,
        "schema": migrate.head_revision(),
        "origin": "o",
        "records": len(payload.splitlines()),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    try:
        file = decode_file(gzip.compress(json.dumps(header).encode() + b"\n" + payload))
    except RejectedFile as e:
        return str(e)
    return file.records


@settings(max_examples=300, deadline=None)
@given(st.lists(_lines(), min_size=1, max_size=3), st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_quick_reading_is_the_plain_reading(lines: list[bytes], newline: bytes) -> None:
    payload = newline.join(lines) + newline
    assert _quick_read(payload) == _plain_read(payload)


def test_a_record_hubtui_wrote_reads_back() -> None:
    payload = json.dumps(_GOOD, separators=(",", ":")).encode() + b"\n"
    (record,) = _quick_read(payload)
    assert record == _plain_read(payload)[0]
    assert record[R.PARSED] == _ORG
