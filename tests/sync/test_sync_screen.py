"""The Sync screen under Pilot: a folder sync with its result, peers, and a record's history
with the value that lost a conflict marked overwritten."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sync_screen_support import open_sync_screen
from textual.widgets import DataTable, Input, Static
from tui_support import settle

from hubtui.config import Config
from hubtui.store import Store
from hubtui.sync.folder import sync_folder
from hubtui.ui.app import HubtuiApp


async def test_sync_from_the_screen_shows_peers_and_overwritten_values(
    new_device: Callable[[str], Store], tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    laptop, other = new_device("laptop"), new_device("other")
    with laptop.write() as writer:
        # a name that would be Textual markup (an error) if the screen read it as such
        org = writer.insert("organisation", {"name": "Acme [/] [b]AB", "employees": 5})
        period = {"start": dt.date(2025, 3, 1), "end": dt.date(2028, 2, 28)}
        writer.insert("project", {"code": "KAIM", "name": "K", **period})  # no first-run wizard
    sync_folder(laptop, folder)
    sync_folder(other, folder)
    with laptop.write() as writer:
        writer.update("organisation", org, {"employees": 25})
    with other.write() as writer:
        writer.update("organisation", org, {"employees": 30})  # later: wins
    sync_folder(other, folder)
    assert laptop.path is not None
    path, laptop_origin = laptop.path, laptop.origin
    laptop.close()

    app = HubtuiApp(str(path), Config(language="en", sync_folder=str(folder)), advisor="laptop")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sync_screen(pilot)
        assert screen.query_one("#sync-target", Input).value == str(folder)
        await pilot.press("ctrl+s")
        await settle(pilot)
        result = str(screen.query_one("#sync-result", Static).content)
        assert "Imported 1 files" in result and "1 conflicts resolved" in result
        assert "Conflict: organisation Acme [/] [b]AB, employees: kept 30 (device" in result
        peers = screen.query_one("#sync-peers", DataTable)
        rows = [peers.get_row_at(i) for i in range(peers.row_count)]
        assert [row[1] for row in rows] == [other.origin[-12:], laptop_origin[-12:]]
        assert rows[1][0] == "laptop (this laptop)"

        screen.query_one("#sync-record", Input).value = org
        screen.query_one("#sync-record", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        history = screen.query_one("#sync-history", DataTable)
        rows = [history.get_row_at(i) for i in range(history.row_count)]
        employees = {row[3]: row[4] for row in rows if row[2] == "employees"}
        assert employees == {"30": "current", "25": "overwritten"}
        # by the name a user knows the company by, not only its id
        history.clear()
        screen.query_one("#sync-record", Input).value = "acme"
        screen.query_one("#sync-record", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert [history.get_row_at(i) for i in range(history.row_count)] == rows


async def test_verify_from_the_screen_shows_the_verdict(
    new_device: Callable[[str], Store], tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    laptop = new_device("laptop")
    with laptop.write() as writer:
        period = {"start": dt.date(2025, 3, 1), "end": dt.date(2028, 2, 28)}
        writer.insert("project", {"code": "KAIM", "name": "K", **period})  # no first-run wizard
    sync_folder(laptop, folder)
    with laptop.write() as writer:
        writer.insert("organisation", {"name": "Not sent yet AB"})
    assert laptop.path is not None
    path = laptop.path
    laptop.close()

    app = HubtuiApp(str(path), Config(language="en", sync_folder=str(folder)), advisor="laptop")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sync_screen(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        result = str(screen.query_one("#sync-result", Static).content)
        assert result.startswith(f"Not in agreement with {folder}")
        assert "here are 1 change(s) of device" in result and "hubtui sync --folder" in result
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        result = str(screen.query_one("#sync-result", Static).content)
        assert result.startswith(f"In agreement with {folder}")
