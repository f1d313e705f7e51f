"""Demo activities of one project, made cheaply enough for a million rows.

Companies join a project over its life (each has an entry date), so the count of distinct
companies grows period by period the way a real project's does; one-to-one support favours
recent entrants, group events draw on everyone who has joined.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from hubtui.demo import vocabulary as v
from hubtui.demo.organisations import OrgInfo
from hubtui.demo.plans import GROUP_SHARE, HOURS, ProjectPlan
from hubtui.domain.activity_types import ACTIVITY_TYPES, Category
from hubtui.store.ids import new_id

Row = dict[str, Any]
Chunk = tuple[list[str], list[Row], list[Row]]  # activity ids, activity rows, link rows
_ALWAYS_GROUP = frozenset(t.id for t in ACTIVITY_TYPES.values() if t.mode == "group")
_CATEGORIES = tuple(c.value for c in Category)
_DEFAULT_CATEGORY = {t.id: t.default_category.value for t in ACTIVITY_TYPES.values()}
_PILOT_TYPES = frozenset({"testbed_session", "demo", "matchmaking"})
_OUTCOME_TYPES = frozenset({"testbed_session", "demo", "needs_analysis", "matchmaking"})
_ORGS_AT_EVENT = (1, 2, 3, 4, 5, 6, 7, 8)
_ORGS_AT_EVENT_WEIGHTS = (10, 14, 14, 12, 10, 8, 6, 5)


def working_days(start: dt.date, last: dt.date) -> tuple[list[dt.date], list[float]]:
    """Weekdays from start to last with cumulative weights: a slow first half year, quiet
    July and Christmas weeks."""
    days: list[dt.date] = []
    weights: list[float] = []
    day = start
    while day <= last:
        if day.weekday() < 5:
            ramp = min(1.0, 0.25 + 0.75 * (day - start).days / 180)
            quiet = (
                day.month == 7 or (day.month, day.day) >= (12, 22) or (day.month, day.day) <= (1, 6)
            )
            days.append(day)
            weights.append(ramp * (0.2 if quiet else 1.0))
        day += dt.timedelta(days=1)
    return days, list(accumulate(weights))


@dataclass
class ProjectActivities:
    """Generates a project's activity rows and remembers whom it supported and when."""

    rng: random.Random
    plan: ProjectPlan
    project_id: str
    start: dt.date
    last: dt.date  # the project's end or today, whichever is earlier
    orgs: list[OrgInfo]
    testbed_ids: dict[str, str]
    first_support: dict[int, dt.date] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.days, self.cum_weights = working_days(self.start, self.last)
        self.clients, self.entries = self._clients()
        self.ecosystem = [
            i
            for i, o in enumerate(self.orgs)
            if o.kind != "company" and o.county in self.plan.counties
        ]

    def _clients(self) -> tuple[list[int], list[dt.date]]:
        """The companies this project will have supported by its last day, each with the
        day it joins (never before the company was founded), in order of joining."""
        rng, plan = self.rng, self.plan
        latest_founding = self.last - dt.timedelta(days=60)
        eligible = [
            i
            for i, o in enumerate(self.orgs)
            if o.kind == "company"
            and o.county
            and (o.founded is None or o.founded <= latest_founding)
        ]
        home = [i for i in eligible if self.orgs[i].county in plan.counties]
        away = [i for i in eligible if self.orgs[i].county not in plan.counties]
        wanted = max(min(len(home), 3), round(plan.reach * len(home)))
        clients = rng.sample(home, wanted)
        clients += rng.sample(away, min(len(away), round(plan.outside * wanted)))
        if not self.days:
            return clients, []
        draws = rng.choices(self.days, cum_weights=self.cum_weights, k=len(clients))
        joining = sorted(
            (max(day, self._settled(i)), n, i)
            for n, (day, i) in enumerate(zip(draws, clients, strict=True))
        )
        return [i for _, _, i in joining], [day for day, _, _ in joining]

    def _settled(self, index: int) -> dt.date:
        """The first day a company can take part: a month after it was founded."""
        founded = self.orgs[index].founded
        return founded + dt.timedelta(days=30) if founded else dt.date.min

    def chunks(self, count: int, size: int) -> Iterator[Chunk]:
        """`count` activities in date order, in chunks of `size`: (ids, rows, link rows)."""
        if not self.days or not self.clients or count <= 0:
            return
        rng = self.rng
        dates = sorted(rng.choices(self.days, cum_weights=self.cum_weights, k=count))
        kinds = list(self.plan.types)
        types = rng.choices(kinds, [self.plan.types[k] for k in kinds], k=count)
        for begin in range(0, count, size):
            ids = [new_id() for _ in range(min(size, count - begin))]
            rows: list[Row] = []
            links: list[Row] = []
            for offset, activity_id in enumerate(ids):
                day, kind = dates[begin + offset], types[begin + offset]
                org_indices, row = self._activity(day, kind)
                rows.append(row)
                for index in org_indices:
                    self.first_support.setdefault(index, day)
                    links.append(
                        {"activity_id": activity_id, "organisation_id": self.orgs[index].id}
                    )
            yield ids, rows, links

    def _activity(self, day: dt.date, kind: str) -> tuple[list[int], Row]:
        rng, plan, rnd = self.rng, self.plan, self.rng.random
        clients = self.clients
        joined = bisect_right(self.entries, day) or 1
        group = kind in _ALWAYS_GROUP or rnd() < GROUP_SHARE.get(kind, 0.0)
        if group:
            wanted = rng.choices(_ORGS_AT_EVENT, _ORGS_AT_EVENT_WEIGHTS)[0]
            orgs = list(dict.fromkeys(clients[int(joined * rnd())] for _ in range(wanted)))
            if self.ecosystem and len(orgs) < 8 and rnd() < 0.3:
                orgs.append(rng.choice(self.ecosystem))
            counts = self._attendance(len(orgs))
            template = rng.choice(v.GROUP_TITLES.get(kind) or v.TITLES[kind])
        else:
            u = rnd()
            orgs = [clients[joined - 1 - int(joined * u * u)]]
            counts = (0, 0, 0, 0)
            template = rng.choice(v.TITLES[kind])
        testbed = ""
        testbed_id = None
        if kind == "testbed_session" or (kind == "demo" and rnd() < 0.5):
            testbed = rng.choice(plan.testbeds)
            testbed_id = self.testbed_ids[testbed]
        low, high = HOURS[kind]
        hours = None if rnd() < 0.05 else round((low + (high - low) * rnd() ** 1.5) * 2) / 2
        category = _DEFAULT_CATEGORY[kind]
        if rnd() < 0.04:
            category = rng.choice(_CATEGORIES)
        row = {
            "project_id": self.project_id,
            "type": kind,
            "date": day,
            "advisor": rng.choice(plan.advisors),
            "hours": hours,
            "title": template.format(
                org=self.orgs[orgs[0]].name,
                topic=rng.choice(plan.topics),
                testbed=testbed or rng.choice(plan.testbeds),
            ),
            "note": rng.choice(v.NOTES) if rnd() < 0.18 else "",
            "category": category,
            "support": "grant"
            if kind == "testbed_session" and rnd() < plan.grant_share
            else "non_financial",
            "joint_rd": kind in _PILOT_TYPES and rnd() < plan.joint_rd,
            "women": counts[0],
            "men": counts[1],
            "other": counts[2],
            "unstated": counts[3],
            "testbed_id": testbed_id,
            "outcome": rng.choice(v.OUTCOMES) if kind in _OUTCOME_TYPES and rnd() < 0.5 else "",
        }
        return orgs, row

    def _attendance(self, organisations: int) -> tuple[int, int, int, int]:
        """Women, men, other and not stated at an event: 5–60 people, mostly more men."""
        rng = self.rng
        people = max(organisations, 5 + int(56 * rng.random() ** 2))
        r = rng.random()
        if r < 0.04:
            return 0, 0, 0, people  # the attendance list did not ask
        unstated = rng.randint(1, max(1, people // 3)) if r < 0.16 else 0
        other = 1 if rng.random() < 0.02 and people - unstated > 1 else 0
        known = people - unstated - other
        share = min(1.0, max(0.0, rng.gauss(self.plan.women, 0.12)))
        women = round(known * share)
        return women, known - women, other, unstated
