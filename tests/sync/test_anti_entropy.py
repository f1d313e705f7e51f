"""A sync folder that loses, damages or reuses files, a second sync folder, and a gzip bomb:
each is repaired or reported, and the laptops end with the same records."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import ACME, BETA, all_records, ok, orgs, run, state

from hubtui.store import Store
from hubtui.sync import files
from hubtui.sync.files import RejectedFile, encode_file, read_change_file
from hubtui.sync.folder import sync_folder
from hubtui.sync.verify import verify

Make = Callable[[str], Store]


def add_org(store: Store, name: str) -> str:
    with store.write() as writer:
        return writer.insert("organisation", {"name": name})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "shared"
    path.mkdir()
    return path


def three_files(a: Store, folder: Path) -> list[Path]:
    for name in ("One AB", "Two AB", "Three AB"):
        add_org(a, name)
        sync_folder(a, folder)
    return sorted((folder / a.origin).glob("*.hubsync"))


def test_a_deleted_file_is_reported_and_written_again_by_its_device(
    new_device: Make, folder: Path
) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    _, second, _ = three_files(a, folder)
    second.unlink()  # lost before B ever saw it
    report = sync_folder(b, folder)
    assert report.missing == [f"{a.origin}/{second.name}"]
    assert state(a) != state(b)
    repaired = sync_folder(a, folder)
    assert repaired.repaired == [(f"{a.origin}/{second.name}", "it was missing")]
    assert repaired.written == []  # the lost file came back under its own name
    again = sync_folder(b, folder)
    assert again.missing == [] and again.changed == [] and again.rejected == []
    assert state(a) == state(b)
    assert verify(a, folder).agree and verify(b, folder).agree


def test_a_damaged_file_is_written_again_and_then_imports(new_device: Make, folder: Path) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    _, second, _ = three_files(a, folder)
    second.write_bytes(second.read_bytes()[:40])  # cut short by a cloud client
    report = sync_folder(b, folder)
    assert [name for name, _ in report.rejected] == [f"{a.origin}/{second.name}"]
    assert sync_folder(a, folder).repaired == [(f"{a.origin}/{second.name}", "it was damaged")]
    again = sync_folder(b, folder)
    assert again.rejected == [] and state(a) == state(b)


def test_a_reused_file_name_is_reported_and_imported_again(new_device: Make, folder: Path) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    add_org(a, "One AB")
    sync_folder(a, folder)
    sync_folder(b, folder)
    # someone puts other content under the name B imported: here, another device's file
    c = new_device("Cia")
    add_org(c, "Other AB")
    data, _ = encode_file(_records(c), origin=a.origin, name="Anna")
    (folder / a.origin / "00000001.hubsync").write_bytes(data)
    report = sync_folder(b, folder)
    assert [(name, why) for name, why in report.changed] == [
        (
            f"{a.origin}/00000001.hubsync",
            "its content differs from what was imported under this name",
        )
    ]
    assert "Other AB" in [row[3] for row in state(b)["organisation"]]  # imported again
    # A finds its own file changed and writes it again; B imports that without a warning
    assert sync_folder(a, folder).repaired == [
        (f"{a.origin}/00000001.hubsync", "its content had been changed")
    ]
    assert sync_folder(b, folder).changed == []


def _records(store: Store) -> list[dict[str, Any]]:
    return all_records(store)


def test_the_cli_names_missing_and_changed_files(tmp_path: Path, folder: Path) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    for orgnr, name in ((ACME, "Acme AB"), (BETA, "Beta AB")):
        ok(run(a, "org", "add", "--name", name, "--orgnr", orgnr))
        ok(run(a, "sync", "--folder", str(folder)))
    [outbox] = [d for d in folder.iterdir() if d.is_dir()]
    (outbox / "00000001.hubsync").unlink()
    out = ok(run(b, "sync", "--folder", str(folder))).stdout
    assert f"Missing {outbox.name}/00000001.hubsync: that device writes it again" in out
    out = ok(run(a, "sync", "--folder", str(folder))).stdout
    assert f"Wrote {outbox.name}/00000001.hubsync again: it was missing." in out
    ok(run(b, "sync", "--folder", str(folder)))
    assert orgs(a) == orgs(b)
    ok(run(a, "sync", "verify", str(folder)))


def test_a_second_sync_folder_works_and_peers_lists_both(tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    ok(run(a, "org", "add", "--name", "Acme AB", "--orgnr", ACME))
    ok(run(a, "sync", "--folder", str(first)))
    ok(run(b, "sync", "--folder", str(first)))
    ok(run(a, "org", "add", "--name", "Beta AB", "--orgnr", BETA))
    ok(run(b, "org", "edit", ACME, "--employees", "4"))
    for db in (a, b, a):  # the team moves to a new folder
        ok(run(db, "sync", "--folder", str(second)))
    assert orgs(a) == orgs(b) and len(orgs(a)) == 2
    ok(run(b, "sync", "--folder", str(first)))  # the old one still works too
    peers = json.loads(ok(run(a, "sync", "peers", "--format", "json")).stdout)
    folders = [p["name"] for p in peers if p["kind"] == "folder"]
    assert sorted(folders) == sorted([str(first.resolve()), str(second.resolve())])
    assert [p["kind"] for p in peers].count("device") == 1


def test_a_gzip_bomb_is_refused_at_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_UNPACKED", 1 << 20)
    header = json.dumps({"format": files.FORMAT, "version": 1}).encode() + b"\n"
    bomb = tmp_path / "bomb.hubsync"
    with gzip.open(bomb, "wb", compresslevel=9) as f:
        f.write(header)
        for _ in range(64):
            f.write(b"\0" * (1 << 20))  # 64 MiB of zeros, in a file of a few KiB
    assert bomb.stat().st_size < 200_000
    with pytest.raises(RejectedFile, match="more than 1 MiB"):
        read_change_file(bomb)


def test_unpacking_still_reads_cut_and_joined_files(new_device: Make, tmp_path: Path) -> None:
    a = new_device("Anna")
    add_org(a, "One AB")
    data, _ = encode_file(_records(a), origin=a.origin, name="Anna")
    path = tmp_path / "f.hubsync"
    path.write_bytes(data[:-10])
    with pytest.raises(RejectedFile, match="cut short"):
        read_change_file(path)
    path.write_bytes(data + b"junk")
    with pytest.raises(RejectedFile, match="damaged"):
        read_change_file(path)
    path.write_bytes(data)
    assert len(read_change_file(path).records) == 1
    assert zlib.decompress(data, wbits=31)  # a plain gzip file, as before
