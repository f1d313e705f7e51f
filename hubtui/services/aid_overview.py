"""State aid across the hub: the grants of one company in a period (for its notice), every
grant in a date range (for the register), and the groups nearest the ceiling."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from hubtui.domain.aid import CEILING_EUR, AidLine, Ledger, Scheme, ledger_on
from hubtui.services.aid_ledger import (
    activity_lines,
    all_lines,
    group_of,
    group_parents,
    organisation_countries,
    root_of,
)
from hubtui.services.organisations import get_organisations
from hubtui.store import Store
from hubtui.store.views import OrganisationView


def granted_lines(
    store: Store, org_id: str, start: dt.date, end: dt.date, *, project: str | None = None
) -> list[AidLine]:
    """The de minimis aid this hub's projects granted the organisation itself from `start` to
    `end` (not its group, not declared aid), oldest first; `project` narrows to one code."""
    with store.read() as conn:
        lines = activity_lines(conn, [org_id])
    return sorted(
        (
            line
            for line in lines
            if line.organisation_id == org_id
            and start <= line.date <= end
            and line.scheme == Scheme.DE_MINIMIS.value
            and (project is None or line.project == project)
        ),
        key=lambda line: (line.date, line.source_id),
    )


@dataclass(frozen=True)
class RegisterRow:
    line: AidLine
    country: str


def register_rows(store: Store, start: dt.date, end: dt.date) -> list[RegisterRow]:
    """Every grant of aid this hub's projects made from `start` to `end`, one row per
    beneficiary and activity, by date then orgnr (declared aid from others is not included)."""
    with store.read() as conn:
        lines = [line for line in activity_lines(conn, None) if start <= line.date <= end]
        countries = organisation_countries(conn, {line.organisation_id for line in lines})
    lines.sort(key=lambda line: (line.date, line.orgnr, line.organisation, line.source_id))
    return [RegisterRow(line, countries.get(line.organisation_id, "SE")) for line in lines]


@dataclass(frozen=True)
class GroupStanding:
    """A single undertaking's de minimis aid on a day, for the hub-wide overview."""

    top: OrganisationView
    members: int
    total_eur: Decimal
    total_sek: Decimal

    @property
    def remaining_eur(self) -> Decimal:
        return CEILING_EUR - self.total_eur

    @property
    def used_share(self) -> float:
        return float(self.total_eur / CEILING_EUR)


def nearest_ceiling(
    store: Store, on: dt.date | None = None, *, limit: int = 100
) -> list[GroupStanding]:
    """The groups with the most de minimis aid in the three years ending `on`, most first."""
    day = on or dt.date.today()
    with store.read() as conn:
        lines = all_lines(conn, None)
        parents = group_parents(conn)
    by_root: dict[str, list[AidLine]] = {}
    for line in lines:
        by_root.setdefault(root_of(parents, line.organisation_id), []).append(line)
    ledgers = {root: ledger_on(group, day) for root, group in by_root.items()}
    ranked = sorted(
        (root for root, ledger in ledgers.items() if ledger.total_eur > 0),
        key=lambda root: (-ledgers[root].total_eur, root),
    )[:limit]
    tops = get_organisations(store, ranked)
    sizes: dict[str, int] = {}
    for org_id in parents:
        root = root_of(parents, org_id)
        sizes[root] = sizes.get(root, 1) + 1
    return [
        GroupStanding(
            top=tops[root],
            members=sizes.get(root, 1),
            total_eur=ledgers[root].total_eur,
            total_sek=ledgers[root].total_sek,
        )
        for root in ranked
        if root in tops
    ]


def worst_period(store: Store, org_id: str) -> Ledger:
    """Of every three-year period ending on a grant to `org_id`'s group, the one with the most
    counted aid (after a group link or an import: is the group over the ceiling anywhere?)."""
    with store.read() as conn:
        lines = all_lines(conn, group_of(conn, org_id))
    ends = sorted({line.date for line in lines if line.counted}) or [dt.date.today()]
    return max((ledger_on(lines, end) for end in ends), key=lambda ledger: ledger.total_eur)


def groups_over_ceiling(store: Store) -> list[tuple[OrganisationView, Ledger]]:
    """Every group whose de minimis aid exceeds the ceiling in some three-year period (the
    period ending on one of its grants), with that period's ledger; after an import, a change
    of a goals file's [aid] table, a group link or a sync of aid granted on two laptops."""
    with store.read() as conn:
        lines = all_lines(conn, None)
        parents = group_parents(conn)
    by_root: dict[str, list[AidLine]] = {}
    for line in lines:
        by_root.setdefault(root_of(parents, line.organisation_id), []).append(line)
    over: dict[str, Ledger] = {}
    for root, group in by_root.items():
        ends = sorted({line.date for line in group if line.counted})
        worst = max(
            (ledger_on(group, end) for end in ends), key=lambda g: g.total_eur, default=None
        )
        if worst is not None and worst.total_eur > CEILING_EUR:
            over[root] = worst
    tops = get_organisations(store, over)
    return sorted(
        ((tops[root], ledger) for root, ledger in over.items() if root in tops),
        key=lambda pair: (-pair[1].total_eur, pair[0].name),
    )
