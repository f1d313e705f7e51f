"""Office files (.docx, .xlsx) are zip archives of XML parts: a saved file with some parts
changed, for writers that put their bulk XML in after the library has saved the rest."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping


def with_parts_changed(data: bytes, changes: Mapping[str, Callable[[bytes], bytes]]) -> bytes:
    """The archive with each named part's content passed through its change (the parts in
    their order, each deflated as before)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as saved,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as changed,
    ):
        for item in saved.infolist():
            content = saved.read(item)
            change = changes.get(item.filename)
            if change is not None:
                content = change(content)
            changed.writestr(item, content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
