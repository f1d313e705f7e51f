"""A writer process for the crash and concurrency tests.

Usage: python crash_writer.py DB PROJECT_ID ORG_ID TAG COUNT
Commits activities (each linked to an organisation) through the store's write path, one
transaction each, and prints the activity's id only after COMMIT has returned. COUNT 0 means
until killed.
"""

from __future__ import annotations

import datetime as dt
import sys

from hubtui.store import open_store


def main() -> None:
    db, project_id, org_id, tag, count = sys.argv[1:6]
    store = open_store(db, advisor=tag)
    written = 0
    while int(count) == 0 or written < int(count):
        with store.write() as writer:
            activity = writer.insert(
                "activity",
                {
                    "project_id": project_id,
                    "type": "visit",
                    "date": dt.date(2026, 1, 15),
                    "title": f"{tag} {written}",
                    "note": "x" * (written % 700),  # varying sizes split pages now and then
                },
            )
            writer.insert(
                "activity_organisation", {"activity_id": activity, "organisation_id": org_id}
            )
        print(activity, flush=True)  # acknowledged: the transaction has committed
        written += 1
    store.close()


if __name__ == "__main__":
    main()
