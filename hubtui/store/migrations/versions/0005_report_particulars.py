"""report particulars: the project's beneficiary orgnr, case number, programme, contact and
EDIH flag; each organisation's country (ISO 3166-1 alpha-2, SE for every existing one)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 18:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PROJECT_TEXT = ("beneficiary_orgnr", "case_number", "programme", "contact")


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        for name in _PROJECT_TEXT:
            batch_op.add_column(sa.Column(name, sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("edih", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("country", sa.String(length=2), nullable=False, server_default="SE")
        )


def downgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("country")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("edih")
        for name in reversed(_PROJECT_TEXT):
            batch_op.drop_column(name)
