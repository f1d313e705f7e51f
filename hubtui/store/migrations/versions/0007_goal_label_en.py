"""goal label_en: a KPI's label in English reports

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 18:55:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("kpi_goal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("label_en", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("kpi_goal", schema=None) as batch_op:
        batch_op.drop_column("label_en")
