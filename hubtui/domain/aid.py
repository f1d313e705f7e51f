"""State aid: the rules of de minimis aid under Commission Regulation (EU) 2023/2831.

Pure rules, no database: the schemes, money in SEK and EUR, the rolling three-year window,
the aid value of an activity and the ledger of a single undertaking. docs/state-aid.md
explains each rule and its source.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

from hubtui.domain import bounds
from hubtui.domain.activity_types import ACTIVITY_TYPES
from hubtui.errors import InvalidValue, Term

CEILING_EUR = Decimal("300000")  # Regulation (EU) 2023/2831, article 3(2)
WINDOW_YEARS = 3  # "over any period of three years", article 3(2)
RECORD_YEARS = 10  # records kept ten years from the grant, article 6(4)
REGULATION = "Commission Regulation (EU) 2023/2831"
EUR_RATE_RANGE = (Decimal("1"), Decimal("100"))  # SEK per EUR; guards against EUR per SEK
CENT = Decimal("0.01")


class Scheme(StrEnum):
    """How a project grants the support it gives (the goals file's [aid] scheme)."""

    DE_MINIMIS = "de_minimis"
    GBER_28 = "gber_28"  # General Block Exemption Regulation, article 28 (innovation advisory)
    NONE = "none"  # no aid: market price paid, or not an undertaking


class DeclaredScheme(StrEnum):
    """What earlier aid a company declares was granted under."""

    DE_MINIMIS = "de_minimis"  # Regulation (EU) 2023/2831 (or the earlier 1407/2013)
    DE_MINIMIS_AGRI = "de_minimis_agri"  # Regulation (EU) 1408/2013
    DE_MINIMIS_FISH = "de_minimis_fish"  # Regulation (EU) 717/2014
    DE_MINIMIS_SGEI = "de_minimis_sgei"  # Regulation (EU) 2023/2832 (services of general interest)
    GBER = "gber"  # block-exempted aid
    OTHER = "other"


# Aid counted towards the EUR 300,000 ceiling (article 5(2): agricultural and fishery de minimis
# aid cumulates up to this ceiling; SGEI de minimis aid has its own, higher ceiling).
COUNTED: frozenset[str] = frozenset(
    {
        Scheme.DE_MINIMIS.value,
        DeclaredScheme.DE_MINIMIS_AGRI.value,
        DeclaredScheme.DE_MINIMIS_FISH.value,
    }
)


def money(value: Decimal | float | int | str) -> Decimal:
    """An amount rounded to whole öre / cents (half up)."""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def amount_value(
    value: object, what: str, currency: str = "SEK", *, field: str | None = None
) -> Decimal:
    """A money amount of zero or more given as a number or text (the bounds of
    hubtui.domain.bounds), rounded to öre / cents; InvalidValue (about `field`) if it is not."""
    try:
        number = bounds.check(bounds.amount_bound(currency), value, what)
    except bounds.OutOfRange as error:
        raise (error.at(field) if field else error) from None
    return money(Decimal(str(number)))


def eur_rate_value(value: object, what: str = "The EUR rate", field: str = "eur_rate") -> Decimal:
    """SEK per EUR (about 11), checked to lie between 1 and 100."""
    rate = None
    if isinstance(value, int | float | str | Decimal) and not isinstance(value, bool):
        try:
            rate = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            rate = None
    low, high = EUR_RATE_RANGE
    if rate is None or not rate.is_finite() or not low <= rate <= high:
        raise InvalidValue(
            "{what} {value} is not SEK per EUR; write the SEK price of one euro, such as 11.2.",
            field=field,
            what=Term(what),
            value=bounds.shown(value),
        )
    return rate


def sek_to_eur(sek: Decimal, rate: Decimal) -> Decimal:
    return money(sek / rate)


def eur_to_sek(eur: Decimal, rate: Decimal) -> Decimal:
    return money(eur * rate)


# --------------------------------------------------------------------------- the window


def years_before(day: date, years: int) -> date:
    """The same calendar date `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def window_start(day: date) -> date:
    """The first day of the three-year period that ends on `day` (inclusive).

    The period holds every day after the same calendar date three years earlier: for a grant
    on 2026-06-15 it is 2023-06-16 – 2026-06-15, so aid granted on 2023-06-15 no longer counts.
    """
    return years_before(day, WINDOW_YEARS) + timedelta(days=1)


def windows_with(day: date) -> tuple[date, date]:
    """The first and last end day of the three-year periods that contain `day`."""
    last = years_before(day, -WINDOW_YEARS)
    while window_start(last) > day:
        last -= timedelta(days=1)
    while window_start(last + timedelta(days=1)) <= day:
        last += timedelta(days=1)
    return day, last


# --------------------------------------------------------------------------- aid values


def is_individual(type_id: str, attendance: int) -> bool:
    """True if an activity is support to the companies taking part rather than a group event:
    a one-to-one type, or a type that may be either when no attendance was counted."""
    kind = ACTIVITY_TYPES.get(type_id)
    if kind is None:
        return False
    return kind.mode == "one_to_one" or (kind.mode == "either" and attendance == 0)


def activity_aid_sek(
    *,
    entered: Decimal | None,
    hours: float | None,
    hourly_rate: Decimal | None,
    individual: bool,
) -> Decimal:
    """The aid value of one activity in SEK: the amount entered for it, else hours × the
    hourly rate for individual support; a group event gives none unless entered."""
    if entered is not None:
        return money(entered)
    if not individual or not hours or hourly_rate is None:
        return Decimal("0.00")
    return money(Decimal(str(hours)) * hourly_rate)


def shares(total: Decimal, parts: int) -> list[Decimal]:
    """`total` split into `parts` amounts in öre that add up to it exactly (the first ones get
    the öre left over)."""
    if parts <= 0:
        return []
    cents = int((total / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    base, extra = divmod(cents, parts)
    return [Decimal(base + (1 if i < extra else 0)) * CENT for i in range(parts)]


# --------------------------------------------------------------------------- the ledger


@dataclass(frozen=True, slots=True)
class AidLine:
    """One amount of aid to one organisation of a single undertaking."""

    date: date
    source: str  # "activity" or "declaration"
    source_id: str
    organisation_id: str
    organisation: str
    orgnr: str
    scheme: str
    grantor: str
    amount_sek: Decimal
    amount_eur: Decimal
    eur_rate: Decimal
    project: str = ""  # the project code of an activity
    what: str = ""  # the activity type and title, or the declaration's note

    @property
    def counted(self) -> bool:
        """Counted towards the de minimis ceiling."""
        return self.scheme in COUNTED


@dataclass(frozen=True, slots=True)
class Ledger:
    """The de minimis aid of a single undertaking in the three years ending on `on`."""

    on: date
    start: date
    lines: tuple[AidLine, ...]
    total_eur: Decimal
    total_sek: Decimal
    ceiling_eur: Decimal = CEILING_EUR

    @property
    def remaining_eur(self) -> Decimal:
        return self.ceiling_eur - self.total_eur

    @property
    def used_share(self) -> float:
        return float(self.total_eur / self.ceiling_eur)


def ledger_on(lines: Iterable[AidLine], on: date) -> Ledger:
    """Every aid line in the three years ending on `on`; the totals count de minimis aid."""
    start = window_start(on)
    inside = sorted(
        (line for line in lines if start <= line.date <= on),
        key=lambda line: (line.date, line.source, line.source_id, line.organisation_id),
    )
    counted = [line for line in inside if line.counted]
    return Ledger(
        on=on,
        start=start,
        lines=tuple(inside),
        total_eur=sum((line.amount_eur for line in counted), Decimal("0.00")),
        total_sek=sum((line.amount_sek for line in counted), Decimal("0.00")),
    )


def fullest_window(lines: Sequence[AidLine], day: date) -> Ledger:
    """Of every three-year period that contains `day`, the one with the most counted aid:
    the period ending on `day`, or one ending on a later grant (aid logged after the fact)."""
    first, last = windows_with(day)
    ends = {first} | {line.date for line in lines if first < line.date <= last and line.counted}
    ledgers = [ledger_on(lines, end) for end in sorted(ends)]
    return max(ledgers, key=lambda ledger: (ledger.total_eur, -ledger.on.toordinal()))


def over_ceiling_error(
    ledger: Ledger, new_eur: Decimal, organisation: str, *, group: bool
) -> InvalidValue:
    """The one-sentence refusal at the ceiling: the new total, the ceiling, what remains."""
    before = ledger.total_eur - new_eur
    params = {
        "amount": _eur(new_eur),
        "name": organisation,
        "total": _eur(ledger.total_eur),
        "start": ledger.start.isoformat(),
        "end": ledger.on.isoformat(),
        "ceiling": _eur(CEILING_EUR),
        "remaining": _eur(max(CEILING_EUR - before, Decimal("0.00"))),
    }
    if group:
        return InvalidValue(
            "This aid of EUR {amount} would bring the de minimis aid of the group of {name} to "
            "EUR {total} in {start} – {end}, over the ceiling of EUR {ceiling} (EUR {remaining} "
            "remains); record it under another scheme (--aid-scheme gber_28 or none) or lower "
            "the amount.",
            field="aid_sek",
            **params,
        )
    return InvalidValue(
        "This aid of EUR {amount} would bring the de minimis aid of {name} to EUR {total} in "
        "{start} – {end}, over the ceiling of EUR {ceiling} (EUR {remaining} remains); record "
        "it under another scheme (--aid-scheme gber_28 or none) or lower the amount.",
        field="aid_sek",
        **params,
    )


def _eur(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ")


def format_amount(amount: Decimal) -> str:
    """An amount with a space between thousands, as Swedish documents write it."""
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",")
