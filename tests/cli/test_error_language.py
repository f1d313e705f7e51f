"""A user's mistake on the command line: one sentence in the user's language, exit 2."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

SWEDISH = (
    "hubtui: Inget projekt angivet; lägg till --project KOD eller sätt default_project i "
    "konfigurationsfilen."
)
ENGLISH = "hubtui: No project given; add --project CODE or set default_project in the config file."


def _refused(result: Result) -> str:
    assert result.exit_code == 2, (result.stderr, result.exception)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr.strip()


def test_swedish_is_the_default_and_the_config_can_ask_for_english(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUBTUI_LANGUAGE")
    assert _refused(run_cli("kpi")) == SWEDISH
    config = Path(os.environ["HUBTUI_CONFIG"])
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('language = "en"\n', encoding="utf-8")
    assert _refused(run_cli("kpi")) == ENGLISH
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")  # the environment wins over the file
    assert _refused(run_cli("kpi")) == SWEDISH
