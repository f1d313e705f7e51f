"""The demo generator: reproducible, valid and inside every project's dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from hubtui.demo import generate_demo
from hubtui.domain.activity_types import ACTIVITY_TYPES, GROUP_TYPES
from hubtui.domain.orgnr import is_valid_orgnr
from hubtui.errors import UserError
from hubtui.store import Store, open_store, tables

TODAY = dt.date(2026, 11, 22)
_ORG = tables.ORGANISATION
_ACT = tables.ACTIVITY
_LINK = tables.ACTIVITY_ORGANISATION
_PROJECT = tables.PROJECT
_DMA = tables.DMA_ASSESSMENT
_CHANGE = tables.CHANGE
_DATED: tuple[Any, ...] = (
    tables.DMA_ASSESSMENT,
    tables.INVESTMENT,
    tables.COLLABORATION,
    tables.GROUP_COMPOSITION,
)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("demo") / "demo.db", advisor="Demo")
    generate_demo(store, seed=7, activities=1500, today=TODAY)
    yield store
    store.close()


def _orgnrs(store: Store) -> list[str]:
    with store.read() as conn:
        return list(conn.execute(select(_ORG.c.orgnr).order_by(_ORG.c.orgnr)).scalars())


def test_same_seed_gives_the_same_data(demo_store: Store, tmp_path: Path) -> None:
    again = open_store(tmp_path / "again.db")
    summary = generate_demo(again, seed=7, activities=1500, today=TODAY)
    assert _orgnrs(again) == _orgnrs(demo_store)
    with demo_store.read() as a, again.read() as b:
        for table in (_ORG, _ACT, _LINK, _DMA):
            count = select(func.count()).select_from(table)
            assert a.execute(count).scalar() == b.execute(count).scalar()
        titles = select(_ACT.c.date, _ACT.c.type, _ACT.c.title, _ACT.c.women, _ACT.c.men)
        ordered = titles.order_by(_ACT.c.date, _ACT.c.title, _ACT.c.type, _ACT.c.men)
        assert a.execute(ordered).all() == b.execute(ordered).all()
    assert summary["activity"] == 1500
    again.close()


def test_another_seed_gives_other_data(demo_store: Store, tmp_path: Path) -> None:
    other = open_store(tmp_path / "other.db")
    generate_demo(other, seed=8, activities=100, organisations=60, today=TODAY)
    assert set(_orgnrs(other)) != set(_orgnrs(demo_store))
    other.close()


def test_every_orgnr_is_valid_and_unique(demo_store: Store) -> None:
    numbers = [n for n in _orgnrs(demo_store) if n is not None]
    assert len(numbers) >= 140
    assert all(is_valid_orgnr(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    with demo_store.read() as conn:
        kinds = {
            k: n for k, n in conn.execute(select(_ORG.c.kind, func.count()).group_by(_ORG.c.kind))
        }
        public = conn.execute(select(_ORG.c.orgnr).where(_ORG.c.kind == "public_body")).scalars()
        assert all(n.startswith("2") for n in public)
        manufacturing = conn.execute(
            select(func.count()).where(_ORG.c.manufacturing.is_(True))
        ).scalar()
    assert kinds["company"] > 100 and kinds["research"] and kinds["public_body"]
    assert manufacturing is not None and manufacturing > 100


def test_activities_are_inside_their_project_and_not_in_the_future(demo_store: Store) -> None:
    query = (
        select(_PROJECT.c.code, func.min(_ACT.c.date), func.max(_ACT.c.date), func.count())
        .join(_PROJECT, _PROJECT.c.id == _ACT.c.project_id)
        .group_by(_PROJECT.c.code)
    )
    with demo_store.read() as conn:
        spans = {code: (lo, hi, n) for code, lo, hi, n in conn.execute(query)}
        dates = {
            c: (s, e) for c, s, e in conn.execute(select(_PROJECT.c[("code", "start", "end")]))
        }
    assert set(spans) == {"AISL", "KAIM", "SINM", "DIGI"}
    for code, (first, last, count) in spans.items():
        start, end = dates[code]
        assert start <= first and last <= min(end, TODAY), code
        assert count > 50
    assert spans["AISL"][1] <= TODAY


def test_group_events_have_attendance_and_one_to_one_have_one_organisation(
    demo_store: Store,
) -> None:
    people = _ACT.c.women + _ACT.c.men + _ACT.c.other + _ACT.c.unstated
    links = (
        select(_LINK.c.activity_id, func.count().label("n"))
        .group_by(_LINK.c.activity_id)
        .subquery()
    )
    with demo_store.read() as conn:
        rows = conn.execute(
            select(_ACT.c.type, people, links.c.n).join(links, links.c.activity_id == _ACT.c.id)
        ).all()
        unlinked = conn.execute(
            select(func.count()).where(_ACT.c.id.not_in(select(_LINK.c.activity_id)))
        ).scalar()
    assert unlinked == 0
    always_group = {t for t in GROUP_TYPES if ACTIVITY_TYPES[t].mode == "group"}
    events = [(t, p, n) for t, p, n in rows if t in always_group]
    assert events and all(5 <= p <= 60 and 1 <= n <= 8 for _, p, n in events)
    assert all(n == 1 and p == 0 for t, p, n in rows if t not in GROUP_TYPES)
    assert any(n > 1 for _, _, n in events)


def test_more_men_than_women_at_events_overall(demo_store: Store) -> None:
    with demo_store.read() as conn:
        women, men, unstated = conn.execute(
            select(func.sum(_ACT.c.women), func.sum(_ACT.c.men), func.sum(_ACT.c.unstated))
        ).one()
    assert women is not None and men is not None and unstated is not None
    assert 0 < women < men and unstated > 0


def test_dma_follow_up_is_after_the_first_assessment(demo_store: Store) -> None:
    with demo_store.read() as conn:
        rows = conn.execute(
            select(_DMA.c.organisation_id, _DMA.c.project_id, _DMA.c.stage, _DMA.c.date)
        ).all()
    t0 = {(o, p): d for o, p, s, d in rows if s == "T0"}
    t1 = [(o, p, d) for o, p, s, d in rows if s == "T1"]
    assert t0 and t1
    assert all(t0[(o, p)] < d <= TODAY for o, p, d in t1)


def test_everything_went_through_the_write_path(demo_store: Store) -> None:
    with demo_store.read() as conn:
        activities = conn.execute(select(func.count()).select_from(_ACT)).scalar()
        inserts = conn.execute(
            select(func.count()).where(_CHANGE.c.entity == "activity", _CHANGE.c.field == "*")
        ).scalar()
    assert inserts == activities == 1500


def test_too_few_organisations_is_refused(tmp_path: Path) -> None:
    store = open_store(tmp_path / "few.db")
    with pytest.raises(UserError, match="too few"):
        generate_demo(store, organisations=10, today=TODAY)
    store.close()


def test_before_a_project_starts_it_gets_no_activities(tmp_path: Path) -> None:
    store = open_store(tmp_path / "early.db")
    summary = generate_demo(store, activities=200, today=dt.date(2025, 6, 30))
    with store.read() as conn:
        codes = set(
            conn.execute(
                select(_PROJECT.c.code).join(_ACT, _ACT.c.project_id == _PROJECT.c.id)
            ).scalars()
        )
        latest = conn.execute(select(func.max(_ACT.c.date))).scalar()
        for dated in _DATED:
            last = conn.execute(select(func.max(dated.c.date))).scalar()
            assert last is None or last <= dt.date(2025, 6, 30), dated.name
    assert codes == {"SINM", "DIGI", "KAIM"}
    assert latest is not None and latest <= dt.date(2025, 6, 30)
    assert summary["activity"] == 200
    store.close()


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    store = open_store(tmp_path / "progress.db")
    calls: list[tuple[str, int, int]] = []
    generate_demo(store, activities=120, today=TODAY, progress=lambda *call: calls.append(call))
    store.close()
    stages = [stage for stage, _, _ in calls]
    assert stages[0] == "organisations" and stages[-1] == "follow-ups"
    assert ("activities", 120, 120) in calls
    assert all(done <= total for _, done, total in calls)
