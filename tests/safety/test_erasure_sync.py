"""An erasure travels with sync: every device that imports it erases the person too."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from safety_data import PERSON_EMAIL, PERSON_NAME, database_files, fill, raw_bytes_contain

from hubtui.safety.erasure import erase_contact
from hubtui.services.contacts import list_contacts, update_contact
from hubtui.services.history import history
from hubtui.store import open_store
from hubtui.sync.folder import sync_folder


def test_erasure_reaches_the_other_device(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    laptop = open_store(tmp_path / "laptop.db", advisor="Anna")
    desktop = open_store(tmp_path / "desktop.db", advisor="Bo")
    _, contact_id = fill(laptop)
    sync_folder(laptop, shared)
    sync_folder(desktop, shared)
    assert PERSON_NAME in [c.name for c in list_contacts(desktop)]
    update_contact(desktop, contact_id, role="Inköpare")  # an edit made on the other device
    sync_folder(desktop, shared)

    erase_contact(laptop, contact_id)
    report = sync_folder(laptop, shared)
    assert report.rejected == []
    report = sync_folder(desktop, shared)
    assert report.rejected == []

    for store in (laptop, desktop):
        assert [c.name for c in list_contacts(store)] == ["Olle Kvar"]
        values = [str(entry.value) for entry in history(store, "contact", contact_id)]
        assert not any(PERSON_NAME in v or PERSON_EMAIL in v or "Inköpare" in v for v in values)
    desktop.close()
    laptop.close()
    assert raw_bytes_contain(database_files(tmp_path / "desktop.db"), PERSON_EMAIL) == []

    # Each device rewrote its own change files: the shared folder no longer holds the person.
    files = sorted(shared.glob("*/*.hubsync"))
    assert len(files) >= 3
    for path in files:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
        assert PERSON_EMAIL not in text and "Inköpare" not in text, path
        assert PERSON_NAME not in json.dumps(text, ensure_ascii=False), path
    assert "Olle Kvar" in "".join(gzip.decompress(p.read_bytes()).decode() for p in files)

    # A new device that joins later gets the redacted history and no person.
    newcomer = open_store(tmp_path / "new.db", advisor="Cia")
    report = sync_folder(newcomer, shared)
    assert report.rejected == []
    assert [c.name for c in list_contacts(newcomer)] == ["Olle Kvar"]
    newcomer.close()
