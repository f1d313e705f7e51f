"""report submissions: a report as sent to the funder, frozen

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_submission",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("project_id", sa.String(length=36), nullable=False),
        sa.Column("period", sa.String(), nullable=False),
        sa.Column("submitted", sa.Date(), nullable=False),
        sa.Column("snapshot", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_report_submission_project_id", "report_submission", ["project_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_report_submission_project_id", table_name="report_submission")
    op.drop_table("report_submission")
