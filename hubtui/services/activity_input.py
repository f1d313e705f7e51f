"""What an advisor logs as one activity, as one value: the forms and the command line fill it
in, and `hubtui.services.activities.log_activity` checks it in one place and writes it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hubtui.store.views import ProjectView

Count = int | str  # a form's text is checked when the activity is logged


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
        unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ValueError(f"an activity has no field(s) {sorted(unknown)}")
        given = dict(values)
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
