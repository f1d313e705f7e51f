"""Labels of domain values in the UI's current language, shared by screens and widgets."""

from __future__ import annotations

from enum import StrEnum

from hubtui.domain.activity_types import ACTIVITY_TYPES, ActivityType, SupportForm, label
from hubtui.ui.i18n import language


def value_label(value: StrEnum | ActivityType) -> str:
    """The label of an activity type or a labelled enum member (size class, org kind …)."""
    return label(value, language())


def enum_options(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(label, value) options of a select for every member of a labelled enum."""
    return [(value_label(member), member.value) for member in enum]


def type_label(type_id: str) -> str:
    """The label of an activity type id; an unknown id is shown as it is."""
    kind = ACTIVITY_TYPES.get(type_id)
    return value_label(kind) if kind else type_id


def type_options(type_ids: tuple[str, ...]) -> list[tuple[str, str]]:
    """(label, id) options of a select for these activity types."""
    return [(value_label(ACTIVITY_TYPES[t]), t) for t in type_ids]


def support_options() -> list[tuple[str, str]]:
    """(label, value) options of a select for the form of support."""
    return [(value_label(s), s.value) for s in SupportForm]
