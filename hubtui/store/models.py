"""The tables. Every synced table has a UUIDv7 text key and a `deleted` tombstone flag.

Rows are written only through `hubtui.store.writes.Writer`, which records each change.
Columns named in `DERIVED` are recomputed from other columns on every write and are not
recorded as changes, so a merge can never leave them inconsistent.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Index
from sqlmodel import Field, SQLModel


class SyncedRow(SQLModel):
    id: str = Field(primary_key=True, max_length=36)
    deleted: bool = False  # never indexed alone: too few values to help (see migration 0004)


class Organisation(SyncedRow, table=True):
    __tablename__ = "organisation"
    orgnr: str | None = Field(default=None, unique=True, max_length=11)
    name: str = Field(index=True)
    kind: str = Field(default="company", index=True)
    county: str | None = Field(default=None, max_length=2, index=True)
    municipality: str | None = Field(default=None, max_length=4)
    employees: int | None = None
    size_override: str | None = None
    sni_codes: str = ""  # comma-separated SNI 2007 codes
    sni_version: str = "SNI2007"
    founded: dt.date | None = None
    leader_gender: str = "unknown"
    personal_number: bool = False  # orgnr is a sole trader's personnummer
    website: str = ""
    notes: str = ""
    # derived (see DERIVED): recomputed on every write
    size_class: str | None = Field(default=None, index=True)
    manufacturing: bool = False
    name_key: str = Field(default="", index=True)  # lower-cased name for search
    # set when sync found the same orgnr entered twice: the surviving organisation's id
    merged_into: str | None = Field(default=None, max_length=36)
    # state aid: the id of the organisation whose group (single undertaking) this one is part of
    group_of: str | None = Field(default=None, max_length=36, index=True)
    country: str = Field(default="SE", max_length=2)  # ISO 3166-1 alpha-2


class Contact(SyncedRow, table=True):
    __tablename__ = "contact"
    organisation_id: str | None = Field(default=None, foreign_key="organisation.id", index=True)
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""
    legal_basis: str = "legitimate_interest"


class Project(SyncedRow, table=True):
    __tablename__ = "project"
    code: str = Field(unique=True, max_length=40)
    name: str
    start: dt.date
    end: dt.date
    counties: str = "[]"  # JSON list of county codes (describes the target region only)
    funders: str = "[]"  # JSON list
    period_months: int = 3
    owner: str = ""  # the beneficiary (stödmottagare)
    description: str = ""
    beneficiary_orgnr: str = ""
    case_number: str = ""  # ärendenummer
    programme: str = ""
    contact: str = ""
    edih: bool = False
    # set when sync found the same code entered twice: the surviving project's id
    merged_into: str | None = Field(default=None, max_length=36)
    aid: str = ""  # JSON of the goals file's [aid] table; empty when it has none


class KpiGoal(SyncedRow, table=True):
    __tablename__ = "kpi_goal"
    project_id: str = Field(foreign_key="project.id", index=True)
    key: str  # the kpi id in the goals file, unique per project
    label: str
    label_en: str = ""  # the label in English reports
    metric: str
    target: float
    where: str = "{}"  # JSON object of filters
    position: int = 0


class Testbed(SyncedRow, table=True):
    __tablename__ = "testbed"
    name: str = Field(index=True)
    host_organisation_id: str | None = Field(default=None, foreign_key="organisation.id")
    location: str = ""


class Activity(SyncedRow, table=True):
    __tablename__ = "activity"
    __table_args__ = (
        # a project's live activities by date; all live activities by date (newest first)
        Index("ix_activity_project_date", "project_id", "deleted", "date", "id"),
        Index("ix_activity_live_date", "deleted", "date", "id"),
    )
    project_id: str = Field(foreign_key="project.id")
    type: str = Field(index=True)
    date: dt.date
    advisor: str = ""
    hours: float | None = None
    title: str = ""
    note: str = ""
    category: str = ""
    support: str = "non_financial"
    joint_rd: bool = False
    women: int = 0
    men: int = 0
    other: int = 0
    unstated: int = 0
    testbed_id: str | None = Field(default=None, foreign_key="testbed.id")
    outcome: str = ""
    aid_sek: float | None = None  # an aid value entered for it (else hours × the project's rate)
    aid_scheme: str | None = Field(default=None, max_length=20)  # None: the project's scheme


class ActivityOrganisation(SyncedRow, table=True):
    """An organisation taking part in an activity."""

    __tablename__ = "activity_organisation"
    __table_args__ = (Index("ix_activity_org_pair", "organisation_id", "activity_id"),)
    activity_id: str = Field(foreign_key="activity.id", index=True)
    organisation_id: str = Field(foreign_key="organisation.id")  # ix_activity_org_pair leads


class DmaAssessment(SyncedRow, table=True):
    __tablename__ = "dma_assessment"
    organisation_id: str = Field(foreign_key="organisation.id", index=True)
    project_id: str | None = Field(default=None, foreign_key="project.id")
    stage: str  # T0, T1, T2 …
    date: dt.date
    strategy: int
    readiness: int
    human_centric: int
    data_management: int
    automation_ai: int
    green: int
    overall: float  # derived: the mean of the six scores


class Investment(SyncedRow, table=True):
    __tablename__ = "investment"
    project_id: str = Field(foreign_key="project.id", index=True)
    organisation_id: str | None = Field(default=None, foreign_key="organisation.id")
    date: dt.date
    amount: float
    currency: str = "SEK"
    source: str = ""


class Collaboration(SyncedRow, table=True):
    __tablename__ = "collaboration"
    project_id: str = Field(foreign_key="project.id", index=True)
    partner: str
    date: dt.date
    note: str = ""


class ReportNote(SyncedRow, table=True):
    __tablename__ = "report_note"
    project_id: str = Field(foreign_key="project.id", index=True)
    period: str  # period label, e.g. 2026Q3 or "all"
    section: str
    text: str = ""


class ReportSubmission(SyncedRow, table=True):
    """A report as it was sent to the funder, frozen: its figures in every report language
    and the activities it counted (JSON; hubtui.reports.frozen)."""

    __tablename__ = "report_submission"
    project_id: str = Field(foreign_key="project.id", index=True)
    period: str  # the period's dates, "2026-07-01..2026-09-30"
    submitted: dt.date
    snapshot: str = "{}"


class GroupComposition(SyncedRow, table=True):
    """Women and men in a group (steering group, network) at a date."""

    __tablename__ = "group_composition"
    project_id: str = Field(foreign_key="project.id", index=True)
    group_name: str
    date: dt.date
    women: int = 0
    men: int = 0
    other: int = 0


class AidDeclaration(SyncedRow, table=True):
    """Earlier aid a company declared (its "intyg om stöd av mindre betydelse"), one grant per
    row; a declaration of no earlier aid has amount 0 and no grantor."""

    __tablename__ = "aid_declaration"
    organisation_id: str = Field(foreign_key="organisation.id", index=True)
    received: dt.date  # the day the company's signed declaration was received
    granted: dt.date | None = None  # the day the earlier aid was granted
    grantor: str = ""
    amount: float = 0.0
    currency: str = Field(default="SEK", max_length=3)
    eur_rate: float = 0.0  # SEK per EUR used to convert it
    scheme: str = Field(default="de_minimis", max_length=20)
    note: str = ""


class Change(SQLModel, table=True):
    """One recorded change: the audit history and what sync exchanges.

    `field` is "*" for an insert (value: JSON object of every recorded column) and a column
    name for an update (value: JSON of the new value); a delete sets `deleted` to true.
    """

    __tablename__ = "change"
    # Only the indexes queries use (each is written for every record; see migration 0008):
    # a row's records by (entity, entity_id), the arrival order `seq`, and the key.
    __table_args__ = (
        Index("ix_change_entity", "entity", "entity_id", "field"),
        Index("ix_change_seq", "seq", unique=True),
    )
    id: str = Field(primary_key=True, max_length=36)
    entity: str = Field(max_length=40)
    entity_id: str = Field(max_length=36)
    field: str = Field(max_length=40)
    value: str
    hlc: str = Field(max_length=24)
    origin: str = Field(max_length=36)
    advisor: str = ""
    recorded_at: dt.datetime
    # the order records arrived in this database (local; sync cursors count on it)
    seq: int | None = Field(default=None, sa_type=BigInteger)


class LocalState(SQLModel, table=True):
    """Settings of this database itself (device id, clock). Never synced."""

    __tablename__ = "local_state"
    key: str = Field(primary_key=True, max_length=60)
    value: str


class SyncPeer(SQLModel, table=True):
    """What this database has imported from each other device. Never synced."""

    __tablename__ = "sync_peer"
    origin: str = Field(primary_key=True, max_length=36)
    name: str = ""
    last_synced_at: dt.datetime | None = None
    last_hlc: str = ""
    changes_imported: int = 0


class SyncFile(SQLModel, table=True):
    """A change file from a sync folder this database has imported or written. Never synced."""

    __tablename__ = "sync_file"
    origin: str = Field(primary_key=True, max_length=36)
    name: str = Field(primary_key=True, max_length=200)
    checksum: str = Field(max_length=64)
    records: int = 0
    imported_at: dt.datetime


class SyncPending(SQLModel, table=True):
    """A row whose change records arrived before its parent row or its insert. Never synced."""

    __tablename__ = "sync_pending"
    entity: str = Field(primary_key=True, max_length=40)
    entity_id: str = Field(primary_key=True, max_length=36)


ENTITIES: dict[str, type[SyncedRow]] = {
    cls.__tablename__: cls
    for cls in (
        Organisation,
        Contact,
        Project,
        KpiGoal,
        Testbed,
        Activity,
        ActivityOrganisation,
        DmaAssessment,
        Investment,
        Collaboration,
        ReportNote,
        ReportSubmission,
        GroupComposition,
        AidDeclaration,
    )
}

DERIVED: dict[str, frozenset[str]] = {
    "organisation": frozenset({"size_class", "manufacturing", "name_key"}),
    "dma_assessment": frozenset({"overall"}),
}
