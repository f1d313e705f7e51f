"""Digital Maturity Assessments (EU/JRC DMA): six dimension scores per organisation and stage."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from hubtui.domain import bounds
from hubtui.domain.errors import InvalidValue, Term, about
from hubtui.services.common import as_date
from hubtui.services.organisations import get_organisation
from hubtui.services.projects import get_project
from hubtui.store import Store, tables
from hubtui.store.derive import DMA_SCORES
from hubtui.store.views import DmaView

_DMA = tables.DMA_ASSESSMENT
_STAGE = re.compile(r"T\d{1,2}")


def parse_scores(value: str | Sequence[Any]) -> tuple[int, ...]:
    """Six whole-number scores 0–100, given as a sequence or as "40,55,30,20,10,60"."""
    items: Sequence[Any] = value.split(",") if isinstance(value, str) else value
    if len(items) != len(DMA_SCORES):
        raise InvalidValue(
            (
                "A DMA has {dma_scores} scores, one per dimension, not {items}; give six numbers "
                "0–100 such as 40,55,30,20,10,60."
            ),
            dma_scores=len(DMA_SCORES),
            items=len(items),
            field="scores",
        )
    scores: list[int] = []
    for item in items:
        scores.append(
            bounds.check_int("dma_score", item.strip() if isinstance(item, str) else item)
        )
    return tuple(scores)


def _view(r: Mapping[Any, Any]) -> DmaView:
    return DmaView(
        id=r["id"],
        organisation_id=r["organisation_id"],
        project_id=r["project_id"],
        stage=r["stage"],
        date=r["date"],
        scores=tuple(int(r[name]) for name in DMA_SCORES),
        overall=float(r["overall"]),
    )


def add_dma(
    store: Store,
    *,
    organisation_id: str,
    stage: str,
    date: dt.date | str,
    scores: str | Sequence[int],
    project_id: str | None = None,
) -> DmaView:
    """Record one assessment; `project_id` may be a project code."""
    clean_stage = stage.strip().upper()
    if not _STAGE.fullmatch(clean_stage):
        raise InvalidValue(
            "DMA stage '{stage}' is not a stage; use T0, T1, T2 and so on.",
            stage=stage,
            field="stage",
        )
    day = as_date(date, Term("DMA date"), field="date")
    values = parse_scores(scores)
    with about("organisation_id"):
        org = get_organisation(store, organisation_id)
    project = get_project(store, project_id).id if project_id else None
    row = {
        "organisation_id": org.id,
        "project_id": project,
        "stage": clean_stage,
        "date": day,
        **dict(zip(DMA_SCORES, values, strict=True)),
    }
    with store.write() as w:
        dma_id = w.insert("dma_assessment", row)
    with store.read() as conn:
        return _view(conn.execute(select(_DMA).where(_DMA.c.id == dma_id)).mappings().one())


def dma_history(store: Store, organisation_id: str) -> list[DmaView]:
    """An organisation's live assessments, oldest first."""
    query = (
        select(_DMA)
        .where(_DMA.c.organisation_id == organisation_id, _DMA.c.deleted.is_(False))
        .order_by(_DMA.c.date, _DMA.c.stage, _DMA.c.id)
    )
    with store.read() as conn:
        return [_view(r) for r in conn.execute(query).mappings()]
