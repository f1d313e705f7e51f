"""Reporting periods: quarters, years, months and ranges, clipped to a project's dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from hubtui.domain.errors import InvalidValue, Term

ACCEPTED_FORMS = Term(
    "2026Q3 (quarter), 2026H1 (half year), 2026 (year), 2026-03 (month), "
    "2026-03-01..2026-05-31 (range) or all (whole project)"
)


class InvalidPeriod(InvalidValue):
    """A period or date text that cannot be understood."""


@dataclass(frozen=True, slots=True)
class Period:
    """A labelled date range; ``end`` is inclusive."""

    label: str
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidPeriod(
                "Period {label} ends {end} before it starts {start}; swap the dates.",
                label=self.label,
                end=self.end,
                start=self.start,
            )

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def parse_date(text: str) -> date:
    """An ISO date "2026-03-01"."""
    t = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        try:
            return date.fromisoformat(t)
        except ValueError:
            pass
    raise InvalidPeriod("Date '{text}' is not a date; write it as YYYY-MM-DD.", text=t)


def _month_end(year: int, month: int) -> date:
    first_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_next - timedelta(days=1)


def _span(year: int, first_month: int, months: int) -> tuple[date, date]:
    """Start and inclusive end of ``months`` months starting at first_month of year."""
    last = first_month - 1 + months - 1  # zero-based month index of the last month
    return date(year, first_month, 1), _month_end(year + last // 12, last % 12 + 1)


def _label(start: date, end: date, months: int) -> str:
    if months == 12 and start.month == 1:
        return str(start.year)
    if months == 6 and start.month in (1, 7):
        return f"{start.year}H{1 if start.month == 1 else 2}"
    if months == 3 and start.month % 3 == 1:
        return f"{start.year}Q{start.month // 3 + 1}"
    if months == 1:
        return f"{start.year}-{start.month:02d}"
    return f"{start.isoformat()}..{end.isoformat()}"


def quarter_of(d: date) -> Period:
    """The calendar quarter containing ``d``."""
    first = (d.month - 1) // 3 * 3 + 1
    start, end = _span(d.year, first, 3)
    return Period(_label(start, end, 3), start, end)


def current_quarter(today: date | None = None) -> Period:
    """The calendar quarter containing ``today`` (default: the system date)."""
    return quarter_of(today or date.today())


def clip(period: Period, start: date, end: date) -> Period | None:
    """The part of ``period`` inside start..end (same label), or None if they do not overlap."""
    lo, hi = max(period.start, start), min(period.end, end)
    if hi < lo:
        return None
    return Period(period.label, lo, hi)


def parse_period(
    text: str, *, project_start: date | None = None, project_end: date | None = None
) -> Period:
    """Parse "2026Q3", "2026H1", "2026", "2026-03", "2026-03-01..2026-05-31" or "all"."""
    t = text.strip()
    try:
        return _parse_period(t, project_start, project_end)
    except ValueError:  # e.g. year 0
        raise InvalidPeriod(
            "Period '{text}' is not understood; write {accepted_forms}.",
            text=t,
            accepted_forms=ACCEPTED_FORMS,
        ) from None


def _parse_period(t: str, project_start: date | None, project_end: date | None) -> Period:
    u = t.upper()
    if u == "ALL":
        if project_start is None or project_end is None:
            raise InvalidPeriod(
                "Period 'all' needs the project's start and end dates; "
                "set them in the goals file or give an explicit period."
            )
        return Period("all", project_start, project_end)
    if m := re.fullmatch(r"(\d{4})\s*Q([1-4])", u):
        start, end = _span(int(m[1]), (int(m[2]) - 1) * 3 + 1, 3)
        return Period(f"{m[1]}Q{m[2]}", start, end)
    if m := re.fullmatch(r"(\d{4})\s*H([12])", u):
        start, end = _span(int(m[1]), 1 if m[2] == "1" else 7, 6)
        return Period(f"{m[1]}H{m[2]}", start, end)
    if re.fullmatch(r"\d{4}", u):
        start, end = _span(int(u), 1, 12)
        return Period(u, start, end)
    if (m := re.fullmatch(r"(\d{4})-(\d{2})", u)) and 1 <= int(m[2]) <= 12:
        start, end = _span(int(m[1]), int(m[2]), 1)
        return Period(u, start, end)
    if ".." in t:
        a, _, b = t.partition("..")
        start, end = parse_date(a), parse_date(b)
        if end < start:
            raise InvalidPeriod(
                "Period '{text}' ends before it starts; put the earlier date first.", text=t
            )
        return Period(f"{start.isoformat()}..{end.isoformat()}", start, end)
    raise InvalidPeriod(
        "Period '{text}' is not understood; write {accepted_forms}.",
        text=t,
        accepted_forms=ACCEPTED_FORMS,
    )


def reporting_periods(start: date, end: date, months: int = 3) -> list[Period]:
    """Calendar-aligned periods of ``months`` months covering start..end, clipped to it.

    Periods are aligned to January (so 3 gives calendar quarters, 6 half years, 12 years).
    """
    if months < 1:
        raise InvalidValue(
            "Period length {months} months is too short; use 1 month or more.", months=months
        )
    if end < start:
        raise InvalidPeriod(
            "Project ends {end} before it starts {start}; swap the dates.", end=end, start=start
        )
    # First aligned period start at or before `start`.
    index = (start.year * 12 + start.month - 1) // months * months
    periods: list[Period] = []
    while True:
        p_start, p_end = _span(index // 12, index % 12 + 1, months)
        if p_start > end:
            break
        lo, hi = max(p_start, start), min(p_end, end)
        label = _label(p_start, p_end, months)
        if ".." in label:  # a plain date range: label what is actually covered
            label = f"{lo.isoformat()}..{hi.isoformat()}"
        if lo <= hi:
            periods.append(Period(label, lo, hi))
        index += months
    return periods


def elapsed_share(start: date, end: date, at: date) -> float:
    """Share of start..end elapsed at the end of day ``at``, in [0, 1]."""
    total = (end - start).days + 1
    if total <= 0:
        return 1.0 if at >= start else 0.0
    done = (at - start).days + 1
    return min(1.0, max(0.0, done / total))
