"""Change files are written from rows read straight from SQLite and encoded in bulk: the
lines are byte for byte what json.dumps of each record gave, and the file imports."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import update

from hubtui.store import Store, tables
from hubtui.sync.files import encode_file, read_change_file
from hubtui.sync.outgoing import lines, rows_after, rows_of
from hubtui.sync.records import changes_after, to_plain
from hubtui.sync.single_file import export_file, import_file

AWKWARD = 'Åsa "Öberg" \\ & <AB>\t\n\x01\u2028 \U0001f600'


def _json_lines(records: list[dict[str, object]]) -> str:
    """How change files were written: json.dumps of each record, compact."""
    return "".join(
        json.dumps(to_plain(r), ensure_ascii=False, separators=(",", ":")) + "\n" for r in records
    )


def _fill(store: Store) -> None:
    with store.write() as writer:
        org = writer.insert("organisation", {"name": AWKWARD, "employees": 3})
        writer.update("organisation", org, {"name": "Beta AB"})
        writer.insert("organisation", {"name": "Gamma AB"})
    with store.write() as writer:  # a stamp whose fraction is zero, and one in another form
        change = tables.CHANGE
        ids = [r.id for r in writer.conn.execute(change.select().order_by(change.c.seq))]
        writer.conn.execute(
            update(change)
            .where(change.c.id == ids[0])
            .values(recorded_at=dt.datetime(2026, 3, 1, 12, 0, 0, tzinfo=dt.UTC))
        )
        writer.conn.exec_driver_sql(
            "UPDATE change SET recorded_at = '2026-03-02T08:09:10.5+02:00' WHERE id = ?", (ids[1],)
        )


def test_rows_from_sqlite_make_the_lines_json_dumps_made(
    new_device: Callable[[str], Store],
) -> None:
    store = new_device("a")
    _fill(store)
    with store.read() as conn:
        records = changes_after(conn, 0)
        rows = rows_after(conn, 0)
        assert rows_after(conn, 1, limit=1) == rows[1:2]
        assert rows_after(conn, 0, skip_origins=[store.origin]) == []
    assert len(rows) == len(records) == 3
    assert rows == rows_of(records)
    assert lines(rows) == _json_lines(records)
    assert rows[0][8] == "2026-03-01T12:00:00+00:00"  # no fraction, as isoformat has it
    assert rows[1][8] == "2026-03-02T06:09:10.500000+00:00"  # read as SQLAlchemy reads it


def test_a_field_that_is_not_text_is_written_as_json_dumps_writes_it() -> None:
    record = {
        "id": "1",
        "entity": "organisation",
        "entity_id": "2",
        "field": "name",
        "value": None,
        "hlc": "0000000000001.000000",
        "origin": "o",
        "advisor": "",
        "recorded_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    }
    assert lines(rows_of([record])) == _json_lines([record])


def test_an_exported_file_imports_into_another_laptop(
    new_device: Callable[[str], Store], tmp_path: Path
) -> None:
    source, target = new_device("a"), new_device("b")
    _fill(source)
    path = tmp_path / "all.hubsync"
    assert export_file(source, path).records == 3
    with source.read() as conn:
        records = changes_after(conn, 0)
    old, _ = encode_file(records, origin=source.origin, name=source.advisor)
    new = path.read_bytes()
    assert gzip.decompress(new).split(b"\n", 1)[1] == gzip.decompress(old).split(b"\n", 1)[1]
    assert len(read_change_file(path).records) == 3
    assert import_file(target, path).new == 3
