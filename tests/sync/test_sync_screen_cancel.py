"""The Sync screen under Pilot: a folder typed in is remembered in config.toml after the sync,
and escape cancels a sync between two files, leaving every file imported whole or not at all."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sync_screen_support import open_sync_screen
from textual.widgets import Input, Static
from tui_support import record_notices, settle

from hubtui.config import Config, load_config
from hubtui.store import Store, tables
from hubtui.sync import folder as folder_sync
from hubtui.sync.folder import sync_folder
from hubtui.sync.verify import verify
from hubtui.ui.app import HubtuiApp
from hubtui.ui.screens.sync import SyncScreen

PERIOD = {"start": dt.date(2025, 3, 1), "end": dt.date(2028, 2, 28)}


def _laptop_path(laptop: Store) -> Path:
    with laptop.write() as writer:
        writer.insert("project", {"code": "KAIM", "name": "K", **PERIOD})  # no first-run wizard
    assert laptop.path is not None
    path = laptop.path
    laptop.close()
    return path


async def test_the_folder_typed_in_is_remembered(
    new_device: Callable[[str], Store], tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = _laptop_path(new_device("laptop"))
    config_file = tmp_path / "config.toml"
    config_file.write_text('language = "en"\n', encoding="utf-8")  # not the first start
    app = HubtuiApp(str(path), Config(language="en", path=config_file), advisor="laptop")
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sync_screen(pilot)
        assert screen.query_one("#sync-target", Input).value == ""
        screen.query_one("#sync-target", Input).value = str(folder)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"Remembered {folder.resolve()} as the sync folder." in notices
        assert app.config.sync_folder == str(folder.resolve())
        assert load_config(config_file).sync_folder == str(folder.resolve())


def _names(store: Store) -> list[str]:
    with store.read() as conn:
        return sorted(conn.execute(select(tables.SYNCED["organisation"].c.name)).scalars())


async def test_escape_cancels_a_sync_between_files(
    new_device: Callable[[str], Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    laptop, other = new_device("laptop"), new_device("other")
    for name in ("First AB", "Second AB"):  # two files from the other laptop
        with other.write() as writer:
            writer.insert("organisation", {"name": name})
        sync_folder(other, folder)
    path = _laptop_path(laptop)

    reading, go_on = threading.Event(), threading.Event()
    read = folder_sync.read_change_file

    def slow_read(file: Path) -> Any:  # the first file is read once escape has been pressed
        reading.set()
        go_on.wait(timeout=30)
        return read(file)

    monkeypatch.setattr(folder_sync, "read_change_file", slow_read)
    app = HubtuiApp(str(path), Config(language="en", sync_folder=str(folder)), advisor="laptop")
    notices = record_notices(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sync_screen(pilot)
        await pilot.press("ctrl+s")
        for _ in range(300):
            if reading.is_set():
                break
            await asyncio.sleep(0.05)
        screen.query_one("#sync-peers").focus()
        await pilot.press("escape")
        go_on.set()
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)  # escape cancelled the sync, not the screen
        result = str(screen.query_one("#sync-result", Static).content)
        assert "Imported 1 files" in result
        assert "Sync cancelled: 1 files are left for the next sync" in result
        assert "Sync cancelled." in notices
        store = screen.hub.wait_for_store()
        outbox = folder / store.origin
        assert not list(outbox.glob("*.hubsync"))  # nothing written to the folder
        assert _names(store) == ["First AB"]  # the first file whole, nothing of the second
        monkeypatch.setattr(folder_sync, "read_change_file", read)
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = str(screen.query_one("#sync-result", Static).content)
        assert "Imported 1 files" in result and "cancelled" not in result
        assert _names(store) == ["First AB", "Second AB"]
        assert verify(screen.hub.wait_for_store(), str(folder)).agree
