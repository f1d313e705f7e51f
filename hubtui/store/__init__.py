"""The database: tables, engine set-up, migrations and the one write path."""

from hubtui.store.store import Store, open_store
from hubtui.store.writes import Writer

__all__ = ["Store", "Writer", "open_store"]
