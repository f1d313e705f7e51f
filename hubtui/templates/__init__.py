"""Goals files of real projects, shipped with hubtui as starting points for new projects.

Each template is a goals file (see `hubtui.domain.goals`) written exactly as `goals_toml.dump_goals`
writes it, with comments: importing and exporting one gives back the same bytes without them.
The comments say which programme period its indicator ids follow (CO01 … for 2014–2020, RCO01
… for 2021–2027), and mark every target that is an example rather than a funding decision's
(`# exempel` after the value); `example_targets` reads those marks, so the Goals screen can
flag such a target until it is changed.
"""

from __future__ import annotations

import re
from importlib import resources

from hubtui.errors import UserError

_SUFFIX = ".toml"
EXAMPLE_MARK = "# exempel"
_ID = re.compile(r'^id = "([^"]+)"')
_TARGET = re.compile(r"^target = ([0-9.]+)\s*" + EXAMPLE_MARK)


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


def example_targets(code: str) -> dict[str, float]:
    """The goals of the template with this project code whose targets are examples, with
    those targets (none if there is no such template)."""
    if code.strip().upper() not in list_templates():
        return {}
    examples: dict[str, float] = {}
    goal = ""
    for line in template_text(code).splitlines():
        if found := _ID.match(line):
            goal = found[1]
        elif (found := _TARGET.match(line)) and goal:
            examples[goal] = float(found[1])
    return examples
