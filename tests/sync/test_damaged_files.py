"""A damaged, truncated, foreign or newer file is refused with its reason, the database is
left exactly as it was, and the other files in a sync folder still import."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import all_records, dump, state

from hubtui.store import Store, open_store
from hubtui.sync.files import encode_file
from hubtui.sync.folder import sync_folder


@pytest.fixture
def source(new_device: Callable[[str], Store]) -> Store:
    store = new_device("source")
    with store.write() as writer:
        org = writer.insert("organisation", {"name": "Västerås Svets AB", "employees": 12})
        writer.insert("contact", {"name": "Eva Ek", "organisation_id": org})
        writer.update("organisation", org, {"employees": 14})
    return store


def _good(source: Store) -> bytes:
    return encode_file(all_records(source), origin=source.origin, name="source")[0]


def _rewrite(
    raw: bytes, header: dict[str, Any] | None = None, lines: list[bytes] | None = None
) -> bytes:
    """The file with header fields replaced and/or other record lines (checksum kept)."""
    head, _, payload = gzip.decompress(raw).partition(b"\n")
    fields = {**json.loads(head), **(header or {})}
    if lines is not None:
        payload = b"".join(line + b"\n" for line in lines)
    return gzip.compress(json.dumps(fields).encode() + b"\n" + payload)


def _flip(raw: bytes) -> bytes:
    middle = len(raw) // 2
    return raw[:middle] + bytes([raw[middle] ^ 0x40]) + raw[middle + 1 :]


def _bad_record(raw: bytes) -> bytes:
    import hashlib

    line = json.dumps({"id": "x", "entity": "payroll", "entity_id": "y", "field": "*"})
    payload = line.encode() + b"\n"
    header = {"records": 1, "sha256": hashlib.sha256(payload).hexdigest()}
    return _rewrite(raw, header, [line.encode()])


CASES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "cut short"),
    "flipped byte": (_flip, "damaged"),
    "empty": (lambda raw: b"", "not a hubtui change file"),
    "foreign": (lambda raw: b"%PDF-1.7\n" + raw, "not a hubtui change file"),
    "foreign gzip": (
        lambda raw: gzip.compress(b'{"type": "invoice"}\n'),
        "not a hubtui change file",
    ),
    "newer format": (lambda raw: _rewrite(raw, {"version": 2}), "newer hubtui (file format 2)"),
    "newer schema": (lambda raw: _rewrite(raw, {"schema": "9999"}), "newer hubtui (schema 9999)"),
    "checksum": (lambda raw: _rewrite(raw, {"sha256": "0" * 64}), "checksum does not match"),
    "count": (lambda raw: _rewrite(raw, {"records": 99}), "different number of records"),
    "bad record": (_bad_record, "bad change record"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_import_refuses_the_file_and_changes_nothing(
    case: str, source: Store, tmp_path: Path, db_path: Path, run_cli: Any
) -> None:
    damage, reason = CASES[case]
    target = open_store(db_path)
    with target.write() as writer:
        writer.insert("organisation", {"name": "Already here"})
    target.close()
    before = dump(db_path)
    bad = tmp_path / "from-source.hubsync"
    bad.write_bytes(damage(_good(source)))

    result = run_cli("sync", "import", str(bad))

    assert result.exit_code == 2
    assert reason in result.stderr
    assert "The database is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert dump(db_path) == before


def test_the_good_file_imports_through_the_same_path(
    source: Store, tmp_path: Path, run_cli: Any
) -> None:
    """The control for the cases above: undamaged, the same file imports."""
    good = tmp_path / "from-source.hubsync"
    good.write_bytes(_good(source))
    result = run_cli("sync", "import", str(good))
    assert result.exit_code == 0, result.stderr
    assert "3 new change(s) of 3; 2 record(s) updated" in result.stdout


def test_folder_sync_skips_damaged_files_and_imports_the_rest(
    source: Store, new_device: Callable[[str], Store], tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    other = new_device("other")
    with other.write() as writer:
        writer.insert("organisation", {"name": "Köping Plast AB"})
    sync_folder(other, folder.mkdir() or folder)  # writes other's outbox
    good = _good(source)
    outbox = folder / source.origin
    outbox.mkdir()
    (outbox / "00000001.hubsync").write_bytes(good[: len(good) // 3])  # truncated
    (outbox / "00000002.hubsync").write_bytes(_rewrite(good, {"version": 7}))
    (outbox / "notes.txt").write_text("not a change file, not ours to read")
    target = new_device("target")
    before = dump(target.path)  # type: ignore[arg-type]

    report = sync_folder(target, folder)

    rejected = dict(report.rejected)
    assert set(rejected) == {
        f"{source.origin}/00000001.hubsync",
        f"{source.origin}/00000002.hubsync",
    }
    assert "cut short" in rejected[f"{source.origin}/00000001.hubsync"]
    assert "newer hubtui" in rejected[f"{source.origin}/00000002.hubsync"]
    assert [name for name, _ in report.imported] == [f"{other.origin}/00000001.hubsync"]
    assert state(target)["organisation"] == state(other)["organisation"]
    assert dump(target.path) != before  # type: ignore[arg-type]

    # The files are tried again next time; once whole, they import.
    (outbox / "00000001.hubsync").write_bytes(good)
    again = sync_folder(target, folder)
    assert [name for name, _ in again.imported] == [f"{source.origin}/00000001.hubsync"]
    assert [name for name, _ in again.rejected] == [f"{source.origin}/00000002.hubsync"]


def test_a_damaged_file_alone_leaves_the_database_untouched(
    source: Store, new_device: Callable[[str], Store], tmp_path: Path, run_cli: Any
) -> None:
    folder = tmp_path / "shared"
    (folder / source.origin).mkdir(parents=True)
    good = _good(source)
    (folder / source.origin / "00000001.hubsync").write_bytes(_flip(good))
    target = new_device("target")
    before = dump(target.path)  # type: ignore[arg-type]
    report = sync_folder(target, folder)
    assert [name for name, _ in report.rejected] == [f"{source.origin}/00000001.hubsync"]
    assert report.imported == [] and report.written == []
    # untouched but for the note that it synced with this folder, and when (sync peers)
    after = [line for line in dump(target.path) if "'sync.folder" not in line]  # type: ignore[arg-type]
    assert after == before
