"""indexes for the hot queries, planner statistics

Drops the indexes that lead with the low-cardinality `deleted` flag (or a boolean) and those
another index already covers as its prefix: with them SQLite's planner, lacking statistics,
often chose a one-column `deleted` index and visited most of a table. Adds the composite
indexes the activity lists, the KPI engine and the reports use, and gathers the planner's
statistics (`ANALYZE`) so existing databases get good plans at once.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 17:45:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, index, columns) as 0001 made them
_DROPPED = (
    ("organisation", "ix_organisation_deleted", ["deleted"]),
    ("organisation", "ix_organisation_manufacturing", ["manufacturing"]),
    ("project", "ix_project_deleted", ["deleted"]),
    ("collaboration", "ix_collaboration_deleted", ["deleted"]),
    ("contact", "ix_contact_deleted", ["deleted"]),
    ("dma_assessment", "ix_dma_assessment_deleted", ["deleted"]),
    ("group_composition", "ix_group_composition_deleted", ["deleted"]),
    ("investment", "ix_investment_deleted", ["deleted"]),
    ("kpi_goal", "ix_kpi_goal_deleted", ["deleted"]),
    ("report_note", "ix_report_note_deleted", ["deleted"]),
    ("testbed", "ix_testbed_deleted", ["deleted"]),
    ("aid_declaration", "ix_aid_declaration_deleted", ["deleted"]),
    ("activity", "ix_activity_deleted", ["deleted"]),
    ("activity", "ix_activity_project_id", ["project_id"]),
    ("activity", "ix_activity_date", ["date"]),
    ("activity", "ix_activity_project_date", ["project_id", "deleted", "date"]),
    ("activity_organisation", "ix_activity_organisation_deleted", ["deleted"]),
    ("activity_organisation", "ix_activity_organisation_organisation_id", ["organisation_id"]),
)
# A project's live activities by date, and all live activities by date; `id` last so that
# "newest first" (date, id) pages need no sort.
_CREATED = (
    ("activity", "ix_activity_project_date", ["project_id", "deleted", "date", "id"]),
    ("activity", "ix_activity_live_date", ["deleted", "date", "id"]),
)


def upgrade() -> None:
    for table, name, _ in _DROPPED:
        op.drop_index(name, table_name=table)
    for table, name, columns in _CREATED:
        op.create_index(name, table, columns)
    # Every row: about 4 s at a million activities. On PostgreSQL only the tables of the
    # schema in use (a bare ANALYZE would visit every database of the server).
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ANALYZE")
    else:
        op.execute("ANALYZE " + ", ".join(sorted({t for t, _, _ in _DROPPED})))


def downgrade() -> None:
    for table, name, _ in reversed(_CREATED):
        op.drop_index(name, table_name=table)
    for table, name, columns in reversed(_DROPPED):
        op.create_index(name, table, columns)
