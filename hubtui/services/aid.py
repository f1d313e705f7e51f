"""State aid: group links, declarations of earlier aid, the ledger of a single undertaking and
the check made before an activity that gives aid is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from hubtui.domain.aid import (
    CEILING_EUR,
    COUNTED,
    AidLine,
    Ledger,
    Scheme,
    activity_aid_sek,
    amount_value,
    fullest_window,
    is_individual,
    ledger_on,
    over_ceiling_error,
    sek_to_eur,
    shares,
)
from hubtui.domain.aid_settings import AidSettings
from hubtui.errors import InvalidValue, UserError
from hubtui.services.aid_declarations import Declaration, declarations
from hubtui.services.aid_ledger import (
    all_lines,
    declaration_rows,
    effective_scheme,
    group_of,
    group_parents,
    root_of,
)
from hubtui.services.common import choice
from hubtui.services.organisations import get_organisation, get_organisations
from hubtui.store import Store, tables
from hubtui.store.views import ActivityView, OrganisationView, ProjectView

_ORG = tables.ORGANISATION
_PROJECT = tables.PROJECT


# --------------------------------------------------------------------------- groups


def set_group(store: Store, org_id: str, parent_id: str | None) -> OrganisationView:
    """Make `org_id` part of `parent_id`'s group (single undertaking), or of none."""
    org = get_organisation(store, org_id)
    if parent_id is not None:
        parent = get_organisation(store, parent_id)
        if parent.id == org.id:
            raise InvalidValue(
                "{name} cannot be its own group; give the orgnr of the parent company.",
                field="group_of",
                name=org.name,
            )
        with store.read() as conn:
            parents = group_parents(conn)
        parents[org.id] = parent.id
        if root_of(parents, parent.id) == org.id or _cycle(parents, org.id):
            raise InvalidValue(
                "{parent} is already part of {name}'s group; link the other way round or unlink "
                "one of them first.",
                field="group_of",
                parent=parent.name,
                name=org.name,
            )
    with store.write() as w:
        w.update("organisation", org.id, {"group_of": parent_id})
    return get_organisation(store, org.id)


def _cycle(parents: dict[str, str], start: str) -> bool:
    seen, current = {start}, parents.get(start)
    while current is not None:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def group_parent(store: Store, org_id: str) -> str | None:
    with store.read() as conn:
        return conn.execute(select(_ORG.c.group_of).where(_ORG.c.id == org_id)).scalar()


# --------------------------------------------------------------------------- the ledger


@dataclass(frozen=True)
class GroupLedger:
    organisation: OrganisationView
    members: tuple[OrganisationView, ...]  # the single undertaking, the top one first
    ledger: Ledger
    declarations: tuple[Declaration, ...]

    @property
    def name(self) -> str:
        top = self.members[0]
        if len(self.members) == 1:
            return top.name
        return f"the group of {top.name} ({len(self.members)} organisations)"


def group_ledger(store: Store, org_id: str, on: dt.date | None = None) -> GroupLedger:
    """The de minimis ledger of `org_id`'s single undertaking for the three years ending `on`."""
    org = get_organisation(store, org_id)
    day = on or dt.date.today()
    with store.read() as conn:
        member_ids = group_of(conn, org.id)
        lines = all_lines(conn, member_ids)
    found = get_organisations(store, member_ids)
    members = tuple(found[i] for i in member_ids if i in found)
    return GroupLedger(
        organisation=org,
        members=members,
        ledger=ledger_on(lines, day),
        declarations=tuple(declarations(store, member_ids)),
    )


@dataclass(frozen=True)
class AidAssessment:
    """What saving an activity would grant, and whether the ceiling allows it."""

    scheme: str
    amount_sek: Decimal  # the activity's whole aid value
    refusal: UserError | None = None
    warnings: tuple[UserError, ...] = field(default_factory=tuple)


def assess_activity(
    store: Store,
    project: ProjectView,
    values: dict[str, Any],
    org_ids: Sequence[str],
    *,
    exclude: str | None = None,
) -> AidAssessment:
    """The aid an activity with these column values would give its organisations, checked
    against the ceiling of each organisation's group on every three-year period containing it."""
    settings = AidSettings.from_json(project.aid)
    scheme = effective_scheme(values.get("aid_scheme"), settings)
    entered = values.get("aid_sek")
    if scheme != Scheme.NONE.value and settings is None:
        raise InvalidValue(
            "Project {project} has no [aid] table in its goals file, so it cannot grant aid "
            "under {scheme}; add the table, or record the activity with no aid.",
            field="aid_scheme",
            project=project.code,
            scheme=scheme,
        )
    if settings is None:
        if entered is not None and values.get("aid_scheme") is None:
            raise InvalidValue(
                "Project {project} has no [aid] table in its goals file, so its activities give "
                "no aid; add the table (scheme, grantor, hourly_rate_sek, eur_rate) or leave out "
                "the aid amount.",
                field="aid_sek",
                project=project.code,
            )
        return AidAssessment(scheme, Decimal("0.00"))
    attendance = sum(int(values.get(k) or 0) for k in ("women", "men", "other", "unstated"))
    amount = None if entered is None else amount_value(entered, "The aid amount", field="aid_sek")
    value = activity_aid_sek(
        entered=amount,
        hours=values.get("hours"),
        hourly_rate=settings.hourly_rate_sek,
        individual=is_individual(str(values["type"]), attendance),
    )
    if scheme == Scheme.NONE.value or value <= 0 or not org_ids:
        return AidAssessment(scheme, value)
    day: dt.date = values["date"]
    rate = settings.rate_on(day)
    orgs = sorted(set(org_ids))
    new = dict(zip(orgs, shares(value, len(orgs)), strict=True))
    warnings = _missing_declarations(store, orgs)
    if scheme not in COUNTED:
        return AidAssessment(scheme, value, None, tuple(warnings))
    with store.read() as conn:
        parents = group_parents(conn)
    by_root: dict[str, list[str]] = {}
    for org_id in orgs:
        by_root.setdefault(root_of(parents, org_id), []).append(org_id)
    for members in by_root.values():
        refusal = _over_ceiling(store, members, new, day, rate, settings, exclude)
        if refusal:
            return AidAssessment(scheme, value, refusal, tuple(warnings))
    return AidAssessment(scheme, value, None, tuple(warnings))


def _over_ceiling(
    store: Store,
    members: list[str],
    new: dict[str, Decimal],
    day: dt.date,
    rate: Decimal,
    settings: AidSettings,
    exclude: str | None,
) -> UserError | None:
    with store.read() as conn:
        group = group_of(conn, members[0])
        lines = [line for line in all_lines(conn, group) if line.source_id != exclude]
    added = [
        AidLine(
            date=day,
            source="activity",
            source_id="(new)",
            organisation_id=org_id,
            organisation="",
            orgnr="",
            scheme=Scheme.DE_MINIMIS.value,
            grantor=settings.grantor,
            amount_sek=new[org_id],
            amount_eur=sek_to_eur(new[org_id], rate),
            eur_rate=rate,
        )
        for org_id in members
    ]
    worst = fullest_window([*lines, *added], day)
    if worst.total_eur <= CEILING_EUR:
        return None
    top = get_organisation(store, group[0]).name
    new_eur = sum((a.amount_eur for a in added), Decimal(0))
    return over_ceiling_error(worst, new_eur, top, group=len(group) > 1)


def _missing_declarations(store: Store, org_ids: Sequence[str]) -> list[UserError]:
    """A warning for each organisation whose group (single undertaking) has given no
    declaration of earlier aid."""
    with store.read() as conn:
        parents = group_parents(conn)
        declared = {root_of(parents, r["organisation_id"]) for r in declaration_rows(conn, None)}
    orgs = get_organisations(store, org_ids)
    return [
        UserError(
            "{name} has given no declaration of earlier de minimis aid (intyg om stöd av mindre "
            "betydelse); get it signed and record it with 'hubtui aid declare --org {orgnr} …' "
            "before granting more aid.",
            field="aid_sek",
            name=orgs[o].name,
            orgnr=orgs[o].orgnr or o,
        )
        for o in org_ids
        if root_of(parents, o) not in declared and o in orgs
    ]


def aid_columns(aid_sek: Any, aid_scheme: Any) -> dict[str, Any]:
    """The activity columns aid_sek and aid_scheme from typed values, checked."""
    amount = None
    if aid_sek not in (None, ""):
        amount = float(amount_value(aid_sek, "The aid amount", field="aid_sek"))
    scheme = None
    if aid_scheme not in (None, ""):
        scheme = choice(str(aid_scheme), Scheme, "an aid scheme").value
    return {"aid_sek": amount, "aid_scheme": scheme}


def check_activity_aid(
    store: Store,
    project: ProjectView,
    values: dict[str, Any],
    org_ids: Sequence[str] | None,
    *,
    exclude: str | None = None,
) -> AidAssessment:
    """`assess_activity`, raising the refusal as a UserError (nothing is written). With no
    `org_ids`, the organisations linked to the activity `exclude` (being edited) now."""
    if org_ids is None:
        org_ids = linked_organisations(store, exclude) if exclude else []
    assessment = assess_activity(store, project, values, org_ids, exclude=exclude)
    if assessment.refusal is not None:
        raise assessment.refusal
    return assessment


def linked_organisations(store: Store, activity_id: str) -> list[str]:
    link = tables.ACTIVITY_ORGANISATION
    with store.read() as conn:
        return list(
            conn.execute(
                select(link.c.organisation_id).where(
                    link.c.activity_id == activity_id, link.c.deleted.is_(False)
                )
            ).scalars()
        )


def values_of(activity: ActivityView) -> dict[str, Any]:
    """The column values of a saved activity that its aid depends on."""
    return {
        "type": activity.type,
        "date": activity.date,
        "hours": activity.hours,
        "aid_sek": activity.aid_sek,
        "aid_scheme": activity.aid_scheme,
        **{k: getattr(activity, k) for k in ("women", "men", "other", "unstated")},
    }


def aid_warnings(store: Store, activity: ActivityView) -> tuple[UserError, ...]:
    """The warnings about a saved activity's aid (organisations without a declaration)."""
    from hubtui.services.projects import get_project

    orgs = [o.id for o in activity.organisations]
    project = get_project(store, activity.project_id)
    return assess_activity(store, project, values_of(activity), orgs, exclude=activity.id).warnings


def activity_aid_preview(
    store: Store,
    project_code: str,
    values: dict[str, Any],
    org_ids: Sequence[str],
    *,
    exclude: str | None = None,
) -> AidAssessment:
    """For a form, before saving: what the activity would grant and whether it is allowed."""
    from hubtui.services.projects import get_project

    project = get_project(store, project_code)
    return assess_activity(
        store,
        project,
        {**values, **aid_columns(values.get("aid_sek"), values.get("aid_scheme"))},
        org_ids,
        exclude=exclude,
    )
