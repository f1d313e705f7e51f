"""Enterprise size classes (EU recommendation 2003/361), derived from the number of employees."""

from __future__ import annotations

from enum import StrEnum

from hubtui.errors import InvalidValue


class SizeClass(StrEnum):
    """EU size class of an enterprise."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"

    @property
    def sv(self) -> str:
        return _SV[self]

    @property
    def en(self) -> str:
        return _EN[self]


_SV = {
    SizeClass.MICRO: "Mikroföretag",
    SizeClass.SMALL: "Litet företag",
    SizeClass.MEDIUM: "Medelstort företag",
    SizeClass.LARGE: "Stort företag",
}
_EN = {
    SizeClass.MICRO: "Micro enterprise",
    SizeClass.SMALL: "Small enterprise",
    SizeClass.MEDIUM: "Medium-sized enterprise",
    SizeClass.LARGE: "Large enterprise",
}

SME_CLASSES: frozenset[SizeClass] = frozenset({SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM})


def parse_size_class(value: SizeClass | str) -> SizeClass:
    """A size class from its id ("micro", "small", "medium", "large"), case-insensitive."""
    if isinstance(value, SizeClass):
        return value
    try:
        return SizeClass(value.strip().lower())
    except ValueError:
        raise InvalidValue(
            "'{value}' is not a size class; use one of micro, small, medium, large.", value=value
        ) from None


def size_class(employees: int | None, override: SizeClass | str | None = None) -> SizeClass | None:
    """The size class: the manual override if given, else derived from employees (None if unknown).

    Micro < 10 employees, small < 50, medium < 250, otherwise large.
    """
    if override is not None and override != "":
        return parse_size_class(override)
    if employees is None:
        return None
    if employees < 0:
        raise InvalidValue(
            "Number of employees {employees} is negative; enter zero or more employees.",
            employees=employees,
        )
    if employees < 10:
        return SizeClass.MICRO
    if employees < 50:
        return SizeClass.SMALL
    if employees < 250:
        return SizeClass.MEDIUM
    return SizeClass.LARGE
