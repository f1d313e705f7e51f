"""Compaction by itself (issue case 11): after a folder sync, a snapshot is written when
enough files have gathered since the last one every laptop has imported; a laptop that does
not sync holds it back and is named, until it is forgotten; files a laptop wrote under an
earlier device id go once a snapshot covers them (those of the original a copy was made from,
once it is forgotten); a new laptop starts from the snapshot."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sync_helpers import ok, run, state

from hubtui.cli.root import cli
from hubtui.store import Store, open_store
from hubtui.sync.compaction import sync_and_compact
from hubtui.sync.compaction_text import compaction_line
from hubtui.sync.folder import sync_folder
from hubtui.sync.folder_state import Limits, folder_state, forget_peer
from hubtui.sync.snapshot_format import ACKS
from hubtui.sync.verify import verify

Make = Callable[[str], Store]
LIMITS = Limits(files=4, superseded=0, silent_days=14)


def _change_files(folder: Path) -> list[str]:
    return sorted(f"{p.parent.name}/{p.name}" for p in folder.glob("*/*.hubsync"))


def _day(stores: tuple[Store, ...], org: str, day: int, folder: Path) -> list[str]:
    """Each laptop edits the company and syncs; the snapshots written by themselves."""
    written = []
    for index, store in enumerate(stores):
        with store.write() as writer:
            writer.update("organisation", org, {"employees": day * 10 + index})
        report, done = sync_and_compact(store, folder, LIMITS)
        assert report.rejected == [] and report.missing == []
        if done.snapshot:
            line = compaction_line(done, LIMITS)
            assert line.startswith("Compaction: ") and done.snapshot in line
            written.append(done.snapshot)
    return written


def _age(folder: Path, store: Store, days: int) -> dt.datetime:
    """Make a laptop's last sync in the folder `days` ago (as if it had stopped then)."""
    path = folder / store.origin / ACKS
    body = json.loads(path.read_text(encoding="utf-8"))
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    body["written_at"] = when.isoformat()
    path.write_text(json.dumps(body), encoding="utf-8")
    return when


def _three_laptops(new_device: Make, shared: Path) -> tuple[Store, Store, Store, str]:
    """Anna, Bo and Cia, each with the company Anna entered; its id."""
    a, b, c = new_device("Anna"), new_device("Bo"), new_device("Cia")
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB", "employees": 1})
    for store in (a, b, c):
        sync_folder(store, shared)
    return a, b, c, org


def test_three_laptops_compact_by_themselves_and_a_new_laptop_starts_from_the_snapshot(
    new_device: Make, shared: Path
) -> None:
    a, b, c, org = _three_laptops(new_device, shared)
    snapshots = []
    for day in range(1, 10):
        snapshots += _day((a, b, c), org, day, shared)
    assert len(snapshots) >= 2  # written by themselves, more than once
    for store in (a, b):
        sync_folder(store, shared)  # Cia's last edit
    assert len(_change_files(shared)) <= 3 * 3  # 27 files were written; few are left
    assert all(verify(store, shared).agree for store in (a, b, c))

    d = new_device("Dan")  # a new laptop
    report = sync_folder(d, shared)
    assert report.imported[0][0] == folder_state(d, shared).latest  # starts from the snapshot
    assert report.rejected == [] and report.missing == [] and report.changed == []
    assert state(d) == state(a) == state(b) == state(c)
    assert d.path is not None
    ok(run(str(d.path), "sync", "verify", str(shared)))
    with d.read() as conn:  # the overwritten values stayed behind: far fewer changes
        held = conn.exec_driver_sql("SELECT count(*) FROM change").scalar()
    with a.read() as conn:
        assert held < conn.exec_driver_sql("SELECT count(*) FROM change").scalar()


def test_a_laptop_that_stopped_syncing_holds_compaction_back_until_forgotten(
    new_device: Make, shared: Path
) -> None:
    a, b, c, org = _three_laptops(new_device, shared)
    since = _age(shared, c, 40)  # Cia stopped syncing 40 days ago
    written = []
    for day in range(1, 8):
        written += _day((a, b), org, day, shared)
    assert len(written) == 1  # one snapshot; no other while Cia has not imported it
    report, done = sync_and_compact(a, shared, LIMITS)
    line = compaction_line(done, LIMITS)
    assert "held back by Cia" in line and since.astimezone().strftime("%Y-%m-%d") in line
    assert "hubtui sync forget-peer Cia" in line
    assert done.state is not None and [d.name for d in done.state.holders] == ["Cia"]
    before = len(_change_files(shared))

    assert a.path is not None and b.path is not None
    out = ok(run(str(a.path), "sync", "peers", "--folder", str(shared))).stdout
    assert "Cia" in out and since.strftime("%Y-%m-%d %H:%M UTC") in out
    assert "Cia (" in out and "has not synced here since" in out and "forget-peer Cia" in out
    rows = json.loads(
        ok(run(str(a.path), "sync", "peers", "--folder", str(shared), "--format", "json")).stdout
    )
    cia = [r for r in rows if r["device"] == c.origin]
    assert len(cia) == 1 and cia[0]["compaction"].startswith("holds it back")

    refused = run(str(a.path), "sync", "forget-peer", "Nobody", "--folder", str(shared))
    assert refused.exit_code == 2 and "No device syncing in" in refused.stderr
    out = ok(run(str(a.path), "sync", "forget-peer", "Cia", "--folder", str(shared))).stdout
    assert out.startswith("Forgot Cia (")
    for store in (a, b, a):
        sync_folder(store, shared)
    assert len(_change_files(shared)) < before  # released: covered files went, Cia's too
    assert not list((shared / c.origin).glob("0*.hubsync"))
    assert folder_state(a, shared).holders == []
    written = []
    for day in range(8, 12):
        written += _day((a, b), org, day, shared)
    assert written  # compaction goes on without Cia
    sync_folder(a, shared)  # Bo's last edit

    d = new_device("Dan")
    report = sync_folder(d, shared)
    assert report.missing == [] and report.rejected == []
    assert state(d) == state(a) == state(b)
    assert verify(d, shared).agree

    # Cia comes back after all: it catches up from the snapshots and counts again.
    with c.write() as writer:
        writer.update("organisation", org, {"name": "Acme Verkstad AB"})
    for store in (c, a, b, c):
        sync_folder(store, shared)
    assert state(c) == state(a) == state(b)
    assert all(verify(store, shared).agree for store in (a, b, c))
    found = folder_state(a, shared)
    assert [d.forgotten for d in found.devices if d.origin == c.origin] == [None]


def test_the_files_of_an_original_left_behind_by_a_copy_go_once_it_is_forgotten(
    new_device: Make, shared: Path, tmp_path: Path
) -> None:
    a, b = new_device("Anna"), new_device("Bo")
    with b.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB", "employees": 1})
    for store in (b, a):
        sync_folder(store, shared)
    with b.write() as writer:
        writer.update("organisation", org, {"employees": 2})
    sync_folder(b, shared)
    old = b.origin
    assert b.path is not None
    b.close()
    moved = tmp_path / "new-laptop" / "hub.db"  # Bo's database, copied to a new laptop
    moved.parent.mkdir()
    shutil.copyfile(b.path, moved)
    b2 = open_store(moved, advisor="Bo")
    try:
        assert b2.origin != old  # it continues as a new device
        with b2.write() as writer:
            writer.update("organisation", org, {"employees": 3})
        sync_folder(b2, shared)
        limits = Limits(files=1, superseded=0)
        _report, done = sync_and_compact(a, shared, limits)
        assert done.snapshot
        for store in (b2, a, b2):
            sync_folder(store, shared)
        # The old laptop may still sync: the copy does not speak or clean up for it ...
        assert list((shared / old).glob("*.hubsync"))
        assert [d.origin for d in folder_state(b2, shared).holders] == [old]
        # ... until it is forgotten: then its files go like those of any forgotten laptop.
        forget_peer(b2, shared, old)
        for store in (b2, a, b2):
            sync_folder(store, shared)
        assert not list((shared / old).glob("*.hubsync"))
        assert [p.name for p in (shared / a.origin).glob("*.hubsync")] == [
            done.snapshot.split("/")[1]
        ]
        d = new_device("Dan")
        report = sync_folder(d, shared)
        assert report.missing == [] and state(d) == state(a) == state(b2)
        assert verify(d, shared).agree and verify(b2, shared).agree
    finally:
        b2.close()


def _cli(config: Path, db: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--config", str(config), "--db", db, *args])


def test_the_limits_come_from_the_config_and_the_line_is_swedish(
    new_device: Make, shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    config = tmp_path / "config.toml"
    a, b = new_device("Anna"), new_device("Bo")
    assert a.path is not None and b.path is not None
    dbs = (str(a.path), str(b.path))
    refused = _cli(config, dbs[0], "config", "set", "peer_silent_days", "0")
    assert refused.exit_code == 2 and "peer_silent_days" in refused.stderr
    ok(_cli(config, dbs[0], "config", "set", "compact_after_files", "1"))
    assert "compact_after_files = 1" in ok(_cli(config, dbs[0], "config", "get")).stdout
    for store in (a, b):
        with store.write() as writer:
            writer.insert("organisation", {"name": f"Org of {store.advisor}"})
    outputs = [ok(_cli(config, db, "sync", "--folder", str(shared))).stdout for db in dbs * 2]
    lines = [line for out in outputs for line in out.splitlines() if "ögonblicksbild" in line]
    assert any(line.startswith("Komprimering: skrev ögonblicksbilden") for line in lines)
    assert ok(_cli(config, dbs[1], "sync", "verify", str(shared))).exit_code == 0


def test_a_snapshot_that_cannot_be_written_is_reported_and_the_sync_stands(
    new_device: Make, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hubtui.sync import compaction

    a = new_device("Anna")
    with a.write() as writer:
        org = writer.insert("organisation", {"name": "Acme AB"})
    for employees in (1, 2, 3):  # the last two overwrite one: more than 1 a snapshot drops
        with a.write() as writer:
            writer.update("organisation", org, {"employees": employees})

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(compaction, "write_snapshot", full)
    report, done = sync_and_compact(a, shared, Limits(files=0, superseded=1))
    assert report.written and done.snapshot == "" and done.problem is not None
    line = compaction_line(done, LIMITS)
    assert "a snapshot was due but could not be written" in line and "No space left" in line
    monkeypatch.undo()
    _report, done = sync_and_compact(a, shared, Limits(files=0, superseded=1))
    assert done.snapshot  # the next sync writes it
