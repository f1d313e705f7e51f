"""Attendance at an activity, and what makes an activity a group event.

Attendance is kept as aggregate counts per activity (GDPR recital 162): women, men, other and
not stated. The share of women is women / (women + men + other): "not stated" is shown but is
never part of the denominator. The SQL forms of these rules are in `hubtui.store.rules`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hubtui.domain.activity_types import ACTIVITY_TYPES

# The attendance columns, in the order reports and forms show them.
GENDERS: tuple[str, ...] = ("women", "men", "other", "unstated")


@dataclass(frozen=True, slots=True)
class Attendance:
    """How many women, men, other and not stated took part."""

    women: int = 0
    men: int = 0
    other: int = 0
    unstated: int = 0

    @classmethod
    def of(cls, values: Mapping[str, Any] | Any) -> Attendance:
        """The attendance held by a mapping or an object with the four counts (None = 0)."""
        get = values.get if isinstance(values, Mapping) else lambda k: getattr(values, k, 0)
        return cls(*(int(get(g) or 0) for g in GENDERS))

    @property
    def total(self) -> int:
        """Everyone counted, "not stated" included."""
        return self.women + self.men + self.other + self.unstated

    @property
    def stated(self) -> int:
        """The denominator of the share of women: everyone whose gender is stated."""
        return self.women + self.men + self.other

    @property
    def women_share(self) -> float | None:
        return women_share(self.women, self.stated)

    def as_dict(self) -> dict[str, int]:
        return {g: getattr(self, g) for g in GENDERS}


def women_share(women: float, stated: float) -> float | None:
    """Women / (women + men + other); None when nobody with a stated gender is counted."""
    return women / stated if stated else None


def is_group_event(type_id: str, attendance_total: int) -> bool:
    """An activity is a group event when its type is always one (seminar, workshop, training,
    network meeting, study visit), or when its type may be either (needs analysis,
    demonstration) and attendance was kept. A group event without attendance is still held:
    it counts and is listed wherever events are."""
    kind = ACTIVITY_TYPES.get(type_id)
    if kind is None:
        return False
    return kind.mode == "group" or (kind.mode == "either" and attendance_total > 0)


def effective_category(type_id: str, category: str | None) -> str:
    """The activity's EDIH service category: its own if set, else its type's default."""
    if category:
        return category
    kind = ACTIVITY_TYPES.get(type_id)
    return kind.default_category.value if kind else ""
