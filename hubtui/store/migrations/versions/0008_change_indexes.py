"""change table indexes: only those the queries use

Drops the one-column indexes on `entity_id`, `hlc` and `origin` of the change table. Every
query on a row's records names its kind too and uses (entity, entity_id, field); the sync
cursors and the import's staleness check use `seq`; nothing searches by clock or device. Each
index dropped is one less B-tree written for every change record (sync import, bulk writes).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 10:40:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DROPPED = (
    ("ix_change_entity_id", ["entity_id"]),
    ("ix_change_hlc", ["hlc"]),
    ("ix_change_origin", ["origin"]),
)


def upgrade() -> None:
    for name, _ in _DROPPED:
        op.drop_index(name, table_name="change")


def downgrade() -> None:
    for name, columns in reversed(_DROPPED):
        op.create_index(name, "change", columns)
