"""`build_demo_file`: the demo built in a hidden file and put in place when complete."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import hubtui.demo.build
from hubtui.demo import DemoSummary
from hubtui.demo.build import build_demo_file
from hubtui.store import Store, device, open_store

TODAY = dt.date(2026, 5, 4)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_the_built_file_is_an_ordinary_database_in_its_place(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    summary = build_demo_file(path, advisor="Test", seed=3, activities=200, today=TODAY)
    assert summary["activity"] == 200
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]  # nothing staged is left
    assert _rows(path, "PRAGMA journal_mode") == [("wal",)]
    assert _rows(path, "PRAGMA integrity_check") == [("ok",)]
    assert _rows(path, "PRAGMA foreign_key_check") == []
    assert _rows(path, "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'activity'") != [(0,)]
    state = dict(_rows(path, "SELECT key, value FROM local_state"))
    store = open_store(path)  # where it was built is not taken for a copy of it
    try:
        assert not store.notes and store.origin == state[device.DEVICE]
    finally:
        store.close()
    assert state[device.PATH] == str(path.resolve())


def test_the_same_seed_builds_the_same_rows_as_writing_into_a_store(tmp_path: Path) -> None:
    from hubtui.demo import generate_demo

    built = tmp_path / "built.db"
    build_demo_file(built, advisor="Test", seed=5, activities=300, today=TODAY)
    store = open_store(tmp_path / "written.db", advisor="Test")
    generate_demo(store, seed=5, activities=300, today=TODAY)
    store.close()
    query = (
        "SELECT p.code, a.type, a.date, a.title, a.hours, a.women, a.men, a.note "
        "FROM activity a JOIN project p ON p.id = a.project_id ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"
    )
    assert _rows(built, query) == _rows(tmp_path / "written.db", query)
    records = "SELECT entity, count(*) FROM change WHERE field = '*' GROUP BY entity ORDER BY 1"
    assert _rows(built, records) == _rows(tmp_path / "written.db", records)


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, OSError])
def test_an_interrupted_build_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interruption: type[BaseException]
) -> None:
    real = hubtui.demo.build.generate_demo

    def cut_short(store: Store, **options: Any) -> DemoSummary:
        real(store, **options)
        raise interruption()

    monkeypatch.setattr(hubtui.demo.build, "generate_demo", cut_short)
    with pytest.raises(interruption):
        build_demo_file(tmp_path / "demo.db", advisor="Test", activities=50, today=TODAY)
    assert list(tmp_path.iterdir()) == []
