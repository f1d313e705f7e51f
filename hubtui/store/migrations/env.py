"""Alembic environment: always run on a connection that hubtui opened (see store.migrate)."""

from alembic import context
from sqlmodel import SQLModel

import hubtui.store.models  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("hubtui migrations run only through hubtui.store.migrate")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite can only alter tables by rebuilding them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
