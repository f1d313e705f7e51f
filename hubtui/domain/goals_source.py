"""Where in a goals file a value stands, and the checks of single values that name it.

`At` knows the file and section being read and turns a problem into a `GoalsError` that names
the file and, when it can be found, the line; the value checks (text, date, list of text) use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

import tomli_w

from hubtui.domain.errors import InvalidValue, Phrase, UserError
from hubtui.domain.periods import parse_date


class GoalsError(InvalidValue):
    """A goals file that cannot be read: `problem` says what is wrong, the message also where.

    `field` is the key of the goal or project the problem is in ("target", "id"…), if any.
    """

    @property
    def problem(self) -> Phrase | str:
        return cast("Phrase | str", self.params["problem"])


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEYLINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


class Lines:
    """Best-effort line numbers of sections and keys, for error messages."""

    def __init__(self, text: str) -> None:
        self.index: dict[tuple[str, int, str], int] = {}
        section: tuple[str, int] = ("", 0)
        kpi_count = 0
        for n, line in enumerate(text.splitlines(), start=1):
            if h := _HEADER.match(line):
                name = h[2].replace(" ", "")
                if h[1] == "[[" and name == "kpi":
                    kpi_count += 1
                    section = ("kpi", kpi_count - 1)
                elif name == "kpi.where":
                    self.index.setdefault(("kpi", kpi_count - 1, "where"), n)
                    continue
                else:
                    section = (name, 0)
                self.index.setdefault((*section, ""), n)
            elif (k := _KEYLINE.match(line)) and section[0]:
                self.index.setdefault((*section, k[1].strip("\"'")), n)

    def find(self, section: str, number: int = 0, key: str = "") -> int | None:
        return self.index.get((section, number, key)) or self.index.get((section, number, ""))


@dataclass(frozen=True, slots=True)
class At:
    """Where in the goals file we are: the file, and a section such as ("kpi", 2)."""

    source: str
    lines: Lines
    section: str = ""
    number: int = 0

    def sub(self, section: str, number: int = 0) -> At:
        return At(self.source, self.lines, section, number)

    def fail(self, problem: Phrase | str, key: str = "") -> GoalsError:
        """The error for `problem` found at `key` of this section, naming the file and line."""
        line = self.lines.find(self.section, self.number, key) if self.section else None
        field = key or None
        if line:
            return GoalsError(
                "Goals file {source}, line {line}: {problem}.",
                field=field,
                source=self.source,
                line=line,
                problem=problem,
            )
        return GoalsError(
            "Goals file {source}: {problem}.", field=field, source=self.source, problem=problem
        )


def check_keys(
    at_: At, table: Mapping[str, Any], allowed: Sequence[str], what: str | Phrase
) -> None:
    for key in table:
        if key not in allowed:
            raise at_.fail(
                Phrase(
                    "{what} has unknown key '{key}'; use one of {allowed}",
                    what=what,
                    key=key,
                    allowed=", ".join(allowed),
                ),
                key,
            )


def text_value(at_: At, value: Any, what: str | Phrase, key: str, *, required: bool = True) -> str:
    if not isinstance(value, str):
        raise at_.fail(Phrase("{what} must be text in quotes", what=what), key)
    if required and not value.strip():
        raise at_.fail(Phrase("{what} is empty; fill it in", what=what), key)
    return value.strip() if required else value


def date_value(at_: At, value: Any, what: str, key: str) -> date:
    if isinstance(value, datetime):
        raise at_.fail(
            Phrase("{what} has a time of day; write only the date as YYYY-MM-DD", what=what), key
        )
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except UserError as e:
            raise at_.fail(Phrase("{what}: {problem}", what=what, problem=e), key) from None
    raise at_.fail(Phrase("{what} is not a date; write it as YYYY-MM-DD", what=what), key)


def text_list(at_: At, value: Any, what: str | Phrase, key: str) -> list[str]:
    """A list of text (ints accepted, e.g. county 19); a single item stands for a list of one."""
    items = [value] if isinstance(value, str | int) and not isinstance(value, bool) else value
    if not isinstance(items, list) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in items
    ):
        raise at_.fail(Phrase('{what} must be a list of text such as ["a", "b"]', what=what), key)
    return [str(v).strip() for v in items]


def toml_literal(value: Any, *, top: bool = False) -> str:
    """A TOML literal; tomli-w does the escaping, arrays and tables stay on one line."""
    if isinstance(value, list | tuple):
        inner = ", ".join(toml_literal(v) for v in value)
        one_line = f"[{inner}]"
        if top and len(one_line) > 80:
            return "[\n" + "".join(f"    {toml_literal(v)},\n" for v in value) + "]"
        return one_line
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        pairs = ", ".join(f"{toml_key(k)} = {toml_literal(v)}" for k, v in value.items())
        return "{ " + pairs + " }"
    rendered = tomli_w.dumps({"v": value}, multiline_strings=top)
    return rendered[len("v = ") :].rstrip("\n")


def toml_key(key: str) -> str:
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]
