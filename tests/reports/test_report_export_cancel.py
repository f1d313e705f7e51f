"""The report screen's export under Pilot: escape while the files are being made cancels it,
and no file is written (every file is made before the first is written, each under a
temporary name renamed into place)."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from pathlib import Path
from typing import Any

import pytest
from report_fixture import Fixture
from test_report_screen import make_app, open_report
from textual.widgets import Input, Label
from tui_support import settle

from hubtui.reports import export
from hubtui.ui.screens.report import ReportScreen


async def test_escape_cancels_the_export_and_writes_nothing(
    rapp: Fixture, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export"
    rendering, go_on = threading.Event(), threading.Event()
    planned = export._planned

    def slow_planned(*args: Any, **kwargs: Any) -> Any:  # the first file waits for escape
        report, items = planned(*args, **kwargs)

        def slow(render: Any) -> Any:
            def wait_then_render() -> bytes:
                rendering.set()
                go_on.wait(timeout=30)
                return bytes(render())

            return wait_then_render

        return report, [dataclasses.replace(i, render=slow(i.render)) for i in items]

    monkeypatch.setattr(export, "_planned", slow_planned)
    app = make_app(db_path)
    async with app.run_test(size=(150, 50)) as pilot:
        screen = await open_report(pilot, "2026Q3")
        screen.query_one("#r-formats", Input).value = "docx,md"
        screen.query_one("#r-out", Input).value = str(out)
        await pilot.press("ctrl+o")
        for _ in range(300):
            if rendering.is_set():
                break
            await asyncio.sleep(0.05)
        await pilot.press("escape")
        go_on.set()
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)  # escape cancelled the export only
        status = str(screen.query_one("#report-status", Label).content)
        assert status == "The export was cancelled; no file was written."
        assert not out.exists() or not list(out.iterdir())
