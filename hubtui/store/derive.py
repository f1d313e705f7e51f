"""Columns computed from other columns of the same row (see models.DERIVED)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from hubtui.domain.size import size_class
from hubtui.domain.sni import is_manufacturing

DMA_SCORES = ("strategy", "readiness", "human_centric", "data_management", "automation_ai", "green")


def search_key(name: str) -> str:
    return " ".join(name.casefold().split())


@lru_cache(maxsize=4096)  # a register's rows share a few hundred code lists
def _manufacturing(sni_codes: str) -> bool:
    return is_manufacturing([c for c in sni_codes.split(",") if c])


def derived_values(entity: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """The derived columns for a full row of `entity` (empty when it has none)."""
    if entity == "organisation":
        size = size_class(row.get("employees"), row.get("size_override") or None)
        return {
            "size_class": size.value if size else None,
            "manufacturing": _manufacturing(row.get("sni_codes") or ""),
            "name_key": search_key(row.get("name") or ""),
        }
    if entity == "dma_assessment":
        scores = [float(row[name]) for name in DMA_SCORES]
        return {"overall": round(sum(scores) / len(scores), 2)}
    return {}
