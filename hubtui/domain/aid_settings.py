"""A project's `[aid]` table in its goals file: how the support it gives is granted.

```toml
[aid]
scheme = "de_minimis"          # de_minimis, gber_28 or none
grantor = "Region Västmanland"
hourly_rate_sek = 1150         # the market value of one hour of support
eur_rate = 11.2                # SEK per EUR for the ceiling …
[aid.eur_rates]                # … or rates by date, each in force from its date
"2026-01-01" = 11.2
"2026-07-01" = 11.05
```
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from hubtui.domain.aid import Scheme, amount_value, eur_rate_value
from hubtui.domain.errors import InvalidValue, Phrase, Term

AID_KEYS = ("scheme", "grantor", "hourly_rate_sek", "eur_rate", "eur_rates")
Fail = Callable[[Phrase, str], Exception]  # (message, key) -> the error to raise


@dataclass(frozen=True, slots=True)
class AidSettings:
    scheme: Scheme
    grantor: str = ""
    hourly_rate_sek: Decimal | None = None
    eur_rate: Decimal | None = None
    eur_rates: tuple[tuple[date, Decimal], ...] = ()  # sorted by date

    def rate_on(self, day: date) -> Decimal:
        """SEK per EUR on `day`: the single rate, or the latest dated on or before `day`."""
        if self.eur_rate is not None:
            return self.eur_rate
        usable = [rate for since, rate in self.eur_rates if since <= day]
        if not usable:
            first = self.eur_rates[0][0] if self.eur_rates else None
            raise InvalidValue(
                "The goals file's [aid.eur_rates] has no rate for {day} (the first is dated "
                "{first}); add a rate dated on or before {day}.",
                field="date",
                day=day.isoformat(),
                first=first.isoformat() if first else "",
            )
        return usable[-1]

    def to_json(self) -> str:
        data: dict[str, Any] = {"scheme": self.scheme.value, "grantor": self.grantor}
        if self.hourly_rate_sek is not None:
            data["hourly_rate_sek"] = str(self.hourly_rate_sek)
        if self.eur_rate is not None:
            data["eur_rate"] = str(self.eur_rate)
        if self.eur_rates:
            data["eur_rates"] = {d.isoformat(): str(r) for d, r in self.eur_rates}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def from_json(text: str) -> AidSettings | None:
        """The settings stored for a project, None if its goals file has no [aid] table."""
        if not text:
            return None
        data = json.loads(text)
        rates = data.get("eur_rates") or {}
        return AidSettings(
            scheme=Scheme(data["scheme"]),
            grantor=data.get("grantor", ""),
            hourly_rate_sek=_dec(data.get("hourly_rate_sek")),
            eur_rate=_dec(data.get("eur_rate")),
            eur_rates=tuple(sorted((date.fromisoformat(d), Decimal(r)) for d, r in rates.items())),
        )

    def toml_lines(self) -> list[str]:
        """The `[aid]` table as goals-file lines (tomli-w renders each value)."""
        import tomli_w

        values: dict[str, Any] = {"scheme": self.scheme.value}
        if self.grantor:
            values["grantor"] = self.grantor
        if self.hourly_rate_sek is not None:
            values["hourly_rate_sek"] = _number(self.hourly_rate_sek)
        if self.eur_rate is not None:
            values["eur_rate"] = _number(self.eur_rate)
        out = ["[aid]\n", tomli_w.dumps(values)]
        if self.eur_rates:
            rates = {d.isoformat(): _number(r) for d, r in self.eur_rates}
            out += ["\n[aid.eur_rates]\n", tomli_w.dumps(rates)]
        return out


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_aid(raw: Any, fail: Fail, project_start: date) -> AidSettings:
    """The `[aid]` table checked; `fail(message, key)` makes the error (it names file and line)."""
    if not isinstance(raw, dict):
        raise fail(
            Phrase("[aid] must be a table with scheme, grantor, hourly_rate_sek and eur_rate"), ""
        )
    for key in raw:
        if key not in AID_KEYS:
            raise fail(
                Phrase(
                    "[aid] has unknown key '{key}'; use one of {aid_keys}",
                    key=key,
                    aid_keys=", ".join(AID_KEYS),
                ),
                key,
            )
    if "scheme" not in raw:
        raise fail(Phrase("[aid] is missing 'scheme'; add de_minimis, gber_28 or none"), "")
    scheme_text = raw["scheme"]
    try:
        scheme = Scheme(str(scheme_text).strip().lower())
    except ValueError:
        raise fail(
            Phrase(
                "[aid] scheme '{scheme_text}' is not a scheme; use de_minimis, gber_28 or none",
                scheme_text=scheme_text,
            ),
            "scheme",
        ) from None
    grantor = raw.get("grantor", "")
    if not isinstance(grantor, str):
        raise fail(Phrase("[aid] grantor must be text in quotes"), "grantor")
    grantor = grantor.strip()
    hourly = _checked(fail, raw, "hourly_rate_sek", _hourly_rate)
    single = _checked(fail, raw, "eur_rate", eur_rate_value)
    rates = _rates(fail, raw.get("eur_rates"), project_start)
    if single is not None and rates:
        raise fail(Phrase("[aid] has both eur_rate and eur_rates; keep one of them"), "eur_rates")
    if scheme is not Scheme.NONE:
        needed = [
            name
            for name, value in (("grantor", grantor), ("hourly_rate_sek", hourly))
            if value in ("", None)
        ]
        if single is None and not rates:
            needed.append("eur_rate")
        if needed:
            raise fail(
                Phrase(
                    "[aid] with scheme {scheme} needs {needed}; add them",
                    scheme=scheme,
                    needed=", ".join(needed),
                ),
                "",
            )
    return AidSettings(scheme, grantor, hourly, single, rates)


def _hourly_rate(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue("{what} must be a number of SEK such as 1150", what=Term(what))
    rate = amount_value(value, what)
    if rate == 0:
        raise InvalidValue(
            "{what} is zero; write the market price of an hour of support", what=Term(what)
        )
    return rate


def _checked(
    fail: Fail, raw: Mapping[str, Any], key: str, check: Callable[[Any, str], Decimal]
) -> Decimal | None:
    if key not in raw:
        return None
    try:
        return check(raw[key], f"[aid] {key}")
    except InvalidValue as e:
        raise fail(Phrase("{problem}", problem=e), key) from None


def _rates(fail: Fail, raw: Any, project_start: date) -> tuple[tuple[date, Decimal], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        raise fail(
            Phrase('[aid.eur_rates] must be a table of dates and rates, "2026-01-01" = 11.2'), ""
        )
    out: list[tuple[date, Decimal]] = []
    for key, value in raw.items():
        try:
            since = date.fromisoformat(str(key))
        except ValueError:
            raise fail(
                Phrase("[aid.eur_rates] key '{key}' is not a date; write YYYY-MM-DD", key=key), ""
            ) from None
        try:
            out.append((since, eur_rate_value(value, f"The EUR rate from {since}")))
        except InvalidValue as e:
            raise fail(Phrase("{problem}", problem=e), "") from None
    out.sort()
    if out[0][0] > project_start:
        raise fail(
            Phrase(
                (
                    "[aid.eur_rates] starts {out}, after the project start {project_start}; add a "
                    "rate dated on or before the start"
                ),
                out=out[0][0],
                project_start=project_start,
            ),
            "",
        )
    return tuple(out)
