"""What an advisor logs as one activity, or changes in one, as one value: the forms and the
command line fill it in (`ActivityInput`, `ActivityChange`), and
`hubtui.services.activities` checks it in one place (`_validated`) and writes it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

from hubtui.store.views import ProjectView

Count = int | str  # a form's text is checked when the activity is logged


class Keep(Enum):
    """A field of an `ActivityChange` that stays as it is."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


def _fields(cls: type, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` as keyword arguments of `cls`; ValueError naming a field it does not have."""
    unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
    if unknown:
        raise ValueError(f"an activity has no field(s) {sorted(unknown)}")
    return dict(values)


@dataclass(frozen=True)
class ActivityInput:
    """One activity to log, as entered.

    `project` is the project resolved at the edge (a `ProjectView`), or its code or id, which
    is then looked up once. `advisor` None means the store's advisor. Attendance is counted
    as women, men, other and not stated (`hubtui.domain.attendance`).
    """

    project: ProjectView | str
    type: str
    date: dt.date | str
    organisation_ids: tuple[str, ...] = ()
    hours: float | str | None = None
    title: str = ""
    note: str = ""
    women: Count = 0
    men: Count = 0
    other: Count = 0
    unstated: Count = 0
    testbed_id: str | None = None
    category: str | None = None
    support: str = "non_financial"
    joint_rd: bool = False
    outcome: str = ""
    advisor: str | None = None
    aid_sek: float | str | None = None
    aid_scheme: str | None = None

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> ActivityInput:
        """From a mapping of field names (a form's values); organisation_ids any sequence."""
        given = _fields(cls, values)
        if "organisation_ids" in given:
            given["organisation_ids"] = tuple(given["organisation_ids"] or ())
        return cls(**given)

    def values(self, default_advisor: str) -> dict[str, Any]:
        """The values to check, by column name (`project` as given)."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        del out["organisation_ids"]
        if self.advisor is None:
            out["advisor"] = default_advisor
        return out


@dataclass(frozen=True)
class ActivityChange:
    """Changes to one saved activity, as entered: a field left at `KEEP` stays as it is;
    `organisation_ids` None keeps the organisations, a sequence replaces them. `project` as
    in `ActivityInput` (resolved at the edge, or a code or id looked up once)."""

    project: ProjectView | str | Keep = KEEP
    type: str | Keep = KEEP
    date: dt.date | str | Keep = KEEP
    organisation_ids: tuple[str, ...] | None = None
    hours: float | str | Keep | None = KEEP
    title: str | Keep = KEEP
    note: str | Keep = KEEP
    women: Count | Keep = KEEP
    men: Count | Keep = KEEP
    other: Count | Keep = KEEP
    unstated: Count | Keep = KEEP
    testbed_id: str | Keep | None = KEEP
    category: str | Keep | None = KEEP
    support: str | Keep = KEEP
    joint_rd: bool | Keep = KEEP
    outcome: str | Keep = KEEP
    advisor: str | Keep | None = KEEP
    aid_sek: float | str | Keep | None = KEEP
    aid_scheme: str | Keep | None = KEEP

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> ActivityChange:
        """From a mapping of the field names that change (a form's values)."""
        given = _fields(cls, values)
        if given.get("organisation_ids") is not None:
            given["organisation_ids"] = tuple(given["organisation_ids"])
        return cls(**given)

    def values(self) -> dict[str, Any]:
        """The fields that change, by column name (`project` as given)."""
        out = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        del out["organisation_ids"]
        return {k: v for k, v in out.items() if v is not KEEP}
