"""The project's particulars a lägesrapport opens with (Övergripande uppgifter om projektet),
read from the goals file's [project] table: beneficiary (stödmottagare, `owner` in files
written before it had its name) and its orgnr, case number (ärendenummer), programme and
fund, contact person, and whether the project is a European Digital Innovation Hub."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hubtui.domain.errors import Phrase, UserError
from hubtui.domain.orgnr import normalize_orgnr

TEXT_KEYS = ("case_number", "programme", "contact")
META_KEYS = ("beneficiary", "beneficiary_orgnr", *TEXT_KEYS, "edih")


class MetaError(Exception):
    """A bad value: the key and what is wrong with it (placed at the key's line by the goals
    parser, in the reader's language)."""

    def __init__(self, key: str, message: Phrase) -> None:
        super().__init__(str(message))
        self.key = key
        self.message = message


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise MetaError(key, Phrase("{key} must be text in quotes", key=key))
    return value.strip()


def parse_meta(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The ProjectSpec fields of the particulars (the beneficiary under its old name owner)."""
    if "beneficiary" in raw and "owner" in raw:
        raise MetaError(
            "owner", Phrase("[project] has both beneficiary and owner; keep only beneficiary")
        )
    out: dict[str, Any] = {"owner": _text(raw, "beneficiary" if "beneficiary" in raw else "owner")}
    out |= {key: _text(raw, key) for key in TEXT_KEYS}
    orgnr = _text(raw, "beneficiary_orgnr")
    if orgnr:
        try:
            orgnr = normalize_orgnr(orgnr)
        except UserError as e:
            problem = Phrase("beneficiary_orgnr: {problem}", problem=e)
            raise MetaError("beneficiary_orgnr", problem) from None
    out["beneficiary_orgnr"] = orgnr
    edih = raw.get("edih", False)
    if not isinstance(edih, bool):
        raise MetaError("edih", Phrase("edih must be true or false"))
    out["edih"] = edih
    return out
