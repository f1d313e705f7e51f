"""A row whose only record is its insert record is made the short way (`_inserted`): it is
the row the full merge (`winning_state`) makes of that one record, whatever the record
carries (lean or full, values of every kind, nulls, names of no column)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hubtui.store.codec import converters, insert_defaults, recorded_columns
from hubtui.store.models import ENTITIES
from hubtui.sync.materialize import Fresh, _inserted, winning_state
from hubtui.sync.records import PARSED

_JSON_OF = {
    int: st.integers(-(2**40), 2**40),
    float: st.floats(allow_nan=False, allow_infinity=False) | st.integers(-100, 100),
    bool: st.booleans(),
    dt.date.fromisoformat: st.dates().map(dt.date.isoformat),
    dt.datetime.fromisoformat: st.datetimes(timezones=st.just(dt.UTC)).map(dt.datetime.isoformat),
}


@st.composite
def _insert_value(draw: st.DrawFn, entity: str) -> Any:
    """The JSON value of an insert record of `entity`: some columns, each at its default,
    null, or a value of its kind; sometimes a name of no column; rarely not an object."""
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from([None, [], "x", 3]))
    convert, defaults = converters(entity), insert_defaults(entity)
    value: dict[str, Any] = {}
    for name in draw(st.lists(st.sampled_from(recorded_columns(entity)), unique=True)):
        kind = _JSON_OF.get(convert[name], st.text(max_size=8))
        value[name] = draw(st.sampled_from([defaults[name], None]) | kind)
    if draw(st.booleans()):
        value["no_such_column"] = 1
    return value


@st.composite
def _case(draw: st.DrawFn) -> tuple[str, Any]:
    entity = draw(st.sampled_from(list(ENTITIES)))
    return entity, draw(_insert_value(entity))


@settings(max_examples=400, deadline=None)
@given(_case())
def test_a_lone_insert_record_makes_the_row_the_merge_makes(case: tuple[str, Any]) -> None:
    entity, value = case
    record = {
        "id": "c1",
        "entity": entity,
        "entity_id": "r1",
        "field": "*",
        "value": "",  # read from PARSED, as for every record read from a file
        "hlc": "1796293009039.000000",
        "origin": "d1",
        PARSED: value,
    }
    merged, conflicts = winning_state(entity, [Fresh(record)], {"c1"})
    assert conflicts == 0
    assert _inserted(entity, value) == merged
    assert list(_inserted(entity, value)) == list(merged or {})  # same columns, same order
