"""Goals files of real projects, shipped with hubtui as starting points for new projects.

Each template is a goals file (see `hubtui.domain.goals`) written exactly as `goals_toml.dump_goals`
writes it, so importing and exporting one gives back the same bytes.
"""

from __future__ import annotations

from importlib import resources

from hubtui.errors import UserError

_SUFFIX = ".toml"


def list_templates() -> list[str]:
    """The project codes of the shipped templates, e.g. ["AISL", "DIGI", "KAIM", "SINM"]."""
    files = resources.files(__name__).iterdir()
    return sorted(f.name[: -len(_SUFFIX)].upper() for f in files if f.name.endswith(_SUFFIX))


def template_text(code: str) -> str:
    """The goals file text of the template with this project code (any letter case)."""
    name = code.strip().lower()
    if name.upper() not in list_templates():
        raise UserError(
            "There is no project template '{code}'; use one of {value}.",
            code=code,
            value=", ".join(list_templates()),
        )
    return resources.files(__name__).joinpath(name + _SUFFIX).read_text(encoding="utf-8")
