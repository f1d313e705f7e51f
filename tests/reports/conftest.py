"""Fixtures of the report tests (the data and its hand-counted answers: report_fixture.py)."""

from __future__ import annotations

import pytest
from report_fixture import Fixture, build_fixture

from hubtui.store import Store


@pytest.fixture
def rapp(store: Store) -> Fixture:
    return build_fixture(store)
