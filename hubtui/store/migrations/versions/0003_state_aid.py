"""state aid: declarations of earlier aid, group links, aid values of activities and projects

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 17:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_of", sa.String(length=36), nullable=True))
        batch_op.create_index("ix_organisation_group_of", ["group_of"], unique=False)
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("aid", sa.String(), nullable=False, server_default=""))
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("aid_sek", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("aid_scheme", sa.String(length=20), nullable=True))
    op.create_table(
        "aid_declaration",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("organisation_id", sa.String(length=36), nullable=False),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("granted", sa.Date(), nullable=True),
        sa.Column("grantor", sa.String(), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("eur_rate", sa.Float(), nullable=False),
        sa.Column("scheme", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("aid_declaration", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_aid_declaration_deleted"), ["deleted"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_aid_declaration_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("aid_declaration")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("aid_scheme")
        batch_op.drop_column("aid_sek")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("aid")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index("ix_organisation_group_of")
        batch_op.drop_column("group_of")
