"""sync: arrival order of change records, merged duplicates, imported files

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # change.seq: the order records arrived in this database (sync cursors count on it).
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE change SET seq = rowid")
    else:
        op.execute(
            "UPDATE change SET seq = ordered.n FROM (SELECT id, row_number() OVER "
            "(ORDER BY hlc, id) AS n FROM change) AS ordered WHERE change.id = ordered.id"
        )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index("ix_change_seq", ["seq"], unique=True)

    # merged_into: the surviving row when two devices entered the same orgnr / project code.
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into", sa.String(length=36), nullable=True))
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into", sa.String(length=36), nullable=True))

    op.create_table(
        "sync_file",
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("origin", "name"),
    )
    # rows whose change records arrived before their parent row (or their insert record)
    op.create_table(
        "sync_pending",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id"),
    )


def downgrade() -> None:
    op.drop_table("sync_pending")
    op.drop_table("sync_file")
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("merged_into")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("merged_into")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_index("ix_change_seq")
        batch_op.drop_column("seq")
